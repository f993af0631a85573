package io.nightshift.laptop.scoring;

import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.sync.InteractionStore;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/** Reports scoreCatalog's progress after every chunk: lists written of available products. */
class ScoringProgress implements StepExecutionListener, ChunkListener<String, String> {

    private final RunReporter reporter;
    private final InteractionStore store;
    private final HeavyWork heavyWork;
    private StepExecution step;
    private long total;
    private long done;

    ScoringProgress(RunReporter reporter, InteractionStore store, HeavyWork heavyWork) {
        this.reporter = reporter;
        this.store = store;
        this.heavyWork = heavyWork;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        // Runs never overlap (RunLauncher), so one listener instance serves each step execution in turn.
        step = stepExecution;
        total = store.availableProducts().size();
        done = stepExecution.getWriteCount();
        reporter.progress(step, done, total);
    }

    /** A chunk waits while the laptop is on battery or too hot; the committed chunks stay done. */
    @Override
    public void beforeChunk(Chunk<String> chunk) {
        try {
            heavyWork.awaitConditions(step, done, total);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deferred; a restart resumes at this chunk", e);
        }
    }

    @Override
    public void afterChunk(Chunk<String> chunk) {
        done += chunk.size();
        reporter.progress(step, done, total);
    }
}
