package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.laptop.run.NightlyJobConfiguration;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.laptop.training.ModelStore;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One nightly run in a JVM of its own, as the supervisor starts the laptop: the laptop
 * application against the given Kafka and data folder, one run to the end, then the run's steps
 * and this JVM's memory peaks written as properties. Started by {@link NightlyJobAtScaleBenchmark},
 * so that each catalog size gets a fresh process whose peaks are its own.
 *
 * <p>Arguments: Kafka's bootstrap servers, the data folder, the file to write, then any laptop
 * settings ({@code --nightshift.laptop....=...}) to run with instead of the defaults.
 */
public final class NightlyRunProbe {

    private NightlyRunProbe() {
    }

    public static void main(String[] args) throws Exception {
        Properties result = new Properties();
        Path out = Path.of(args[2]);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (HeapWatch heap = HeapWatch.start();
             RunningLaptop laptop = RunningLaptop.start(new KafkaEndpoint(args[0]), Path.of(args[1]), laptopArguments(args))) {
            RunLauncher launcher = laptop.bean(RunLauncher.class);
            long start = System.nanoTime();
            if (!launcher.launch("scale-" + ProcessHandle.current().pid(), "benchmark")) {
                throw new IllegalStateException("the launcher refused the run");
            }
            RunningLaptop.awaitIdle(launcher, Duration.ofMinutes(60));
            result.setProperty("run.seconds", seconds(System.nanoTime() - start));
            JobRepository repository = laptop.bean(JobRepository.class);
            JobExecution run = repository.getLastJobExecution(repository.getLastJobInstance(RunLauncher.JOB_NAME));
            result.setProperty("run.status", run.getStatus().toString());
            result.setProperty("run.failures", run.getAllFailureExceptions().toString());
            StringBuilder steps = new StringBuilder();
            for (StepExecution step : run.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId)).toList()) {
                steps.append(steps.isEmpty() ? "" : ",").append(step.getStepName());
                result.setProperty("step." + step.getStepName() + ".seconds",
                        seconds(Duration.between(step.getStartTime(), step.getEndTime()).toNanos()));
                result.setProperty("step." + step.getStepName() + ".status", step.getStatus().toString());
            }
            result.setProperty("steps", steps.toString());
            // The peaks before the model is read back below, which would add its own.
            result.setProperty("heap.max", Long.toString(Runtime.getRuntime().maxMemory()));
            result.setProperty("heap.peakUsed", Long.toString(heap.peakUsed()));
            result.setProperty("heap.peakAfterCollection", Long.toString(heap.peakAfterCollection()));
            result.setProperty("heap.poolPeaks", Long.toString(heap.poolPeaks()));
            HeapWatch.peakResident().ifPresent(rss -> result.setProperty("rss.peak", Long.toString(rss)));
            if (run.getExecutionContext().containsKey(NightlyJobConfiguration.MODEL_VERSION)) {
                String version = run.getExecutionContext().getString(NightlyJobConfiguration.MODEL_VERSION);
                result.setProperty("version", version);
                laptop.bean(ModelStore.class).find(version).ifPresent(model -> {
                    result.setProperty("family", model.family());
                    result.setProperty("parameters", model.parameters().toString());
                });
            }
        } catch (Throwable e) {
            failure.set(e);
            result.setProperty("run.status", "ERROR");
            result.setProperty("run.failures", e.toString());
        }
        write(result, out);
        // The laptop's scheduler and DJL's threads would keep the JVM up.
        System.exit(failure.get() == null ? 0 : 1);
    }

    private static String[] laptopArguments(String[] args) {
        List<String> laptop = new ArrayList<>(List.of("--nightshift.laptop.run-request-max-age=1ms", "--logging.level.root=WARN"));
        laptop.addAll(Arrays.asList(args).subList(3, args.length));
        return laptop.toArray(String[]::new);
    }

    private static void write(Properties result, Path out) throws IOException {
        try (var writer = Files.newBufferedWriter(out)) {
            result.store(writer, "one nightly run");
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
