package io.nightshift.laptop.scoring;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.NightlyJobConfiguration;
import io.nightshift.laptop.run.RunProgressListener;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.sync.InteractionStore;
import io.nightshift.laptop.training.Candidates;
import io.nightshift.laptop.training.EmbeddingFiles;
import io.nightshift.laptop.training.ModelStore;
import io.nightshift.laptop.training.RelatedItemsModel;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class ScoringConfiguration {

    private static final String MODEL_VERSION = "#{jobExecutionContext['" + NightlyJobConfiguration.MODEL_VERSION + "']}";

    /**
     * Step 4 of nightlyJob: every available product's related list, a chunk at a time. The reader
     * saves its position at each commit, so a restarted step continues after the last chunk. The
     * writer scores a whole chunk at once: for a factor model that is one block of embedding rows
     * against all items ({@link ChunkScorer}).
     */
    @Bean
    Step scoreCatalog(JobRepository jobRepository, PlatformTransactionManager transactionManager, LaptopProperties properties,
                      JdbcPagingItemReader<String> availableProducts, ScoredListWriter scoredListWriter, RunReporter reporter,
                      InteractionStore store, RunProgressListener progress, HeavyWork heavyWork) {
        return new StepBuilder("scoreCatalog", jobRepository)
                .<String, String>chunk(properties.model().chunkSize())
                .transactionManager(transactionManager)
                .reader(availableProducts)
                .writer(scoredListWriter)
                .listener(progress)
                .listener(new ScoringProgress(reporter, store, heavyWork))
                .build();
    }

    /**
     * Step 5 of nightlyJob: every shopper's "for you" list, from the model chosen for that task, a
     * block of shoppers at a time ({@link ScoreShoppersTasklet}).
     */
    @Bean
    Step scoreShoppers(JobRepository jobRepository, PlatformTransactionManager transactionManager, LaptopProperties properties,
                       InteractionStore interactions, ModelStore models, EmbeddingFiles embeddingFiles, UserLists userLists,
                       RunReporter reporter, RunProgressListener progress, HeavyWork heavyWork) {
        ScoreShoppersTasklet tasklet = new ScoreShoppersTasklet(interactions, models, embeddingFiles,
                new Candidates(properties.selection(), properties.memory(), properties.factors()), userLists, properties.model(), reporter, heavyWork);
        return new StepBuilder("scoreShoppers", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(progress)
                .build();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<String> availableProducts(DataSource dataSource, LaptopProperties properties) throws Exception {
        return new JdbcPagingItemReaderBuilder<String>()
                .name("availableProducts")
                .dataSource(dataSource)
                .selectClause("product_id")
                .fromClause("products")
                .whereClause("available")
                .sortKeys(Map.of("product_id", Order.ASCENDING))
                .rowMapper((rs, row) -> rs.getString(1))
                .pageSize(properties.model().chunkSize())
                .build();
    }

    /** Step-scoped: a factor model's embeddings are loaded once per step execution and released at its end (close). */
    @Bean
    @StepScope
    ChunkScorer chunkScorer(@Value(MODEL_VERSION) String version, ModelStore models, EmbeddingFiles embeddingFiles,
                            LaptopProperties properties) {
        RelatedItemsModel model = models.find(version).orElseThrow(() -> new IllegalStateException(
                "model " + version + " is not in the local store; run the job anew so trainModel makes one"));
        return new ChunkScorer(model, model.hasEmbeddings() ? embeddingFiles.load(model.embeddings()) : null,
                properties.model().listSize());
    }

    @Bean
    @StepScope
    ScoredListWriter scoredListWriter(@Value(MODEL_VERSION) String version, ChunkScorer chunkScorer, ScoredLists lists) {
        return new ScoredListWriter(version, chunkScorer, lists);
    }

    /** A chunk's lists scored, then into the local store under the run's version, where publishVersion finds them. */
    static class ScoredListWriter implements ItemWriter<String> {

        private final String version;
        private final ChunkScorer scorer;
        private final ScoredLists lists;

        ScoredListWriter(String version, ChunkScorer scorer, ScoredLists lists) {
            this.version = version;
            this.scorer = scorer;
            this.lists = lists;
        }

        @Override
        public void write(Chunk<? extends String> chunk) {
            lists.saveAll(version, scorer.score(List.copyOf(chunk.getItems())));
        }
    }
}
