package io.nightshift.laptop.scoring;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.RunProgressListener;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.sync.InteractionStore;
import io.nightshift.laptop.training.ModelStore;
import io.nightshift.laptop.training.RelatedItemsModel;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class ScoringConfiguration {

    private static final String MODEL_VERSION = "#{jobExecutionContext['modelVersion']}";

    /**
     * Step 3 of nightlyJob: every available product's related list, a chunk at a time. The reader
     * saves its position at each commit, so a restarted step continues after the last chunk.
     */
    @Bean
    Step scoreCatalog(JobRepository jobRepository, PlatformTransactionManager transactionManager, LaptopProperties properties,
                      JdbcPagingItemReader<String> availableProducts, RelatedProducts relatedProducts,
                      ScoredListWriter scoredListWriter, RunReporter reporter, InteractionStore store,
                      RunProgressListener progress, HeavyWork heavyWork) {
        return new StepBuilder("scoreCatalog", jobRepository)
                .<String, ScoredList>chunk(properties.model().chunkSize())
                .transactionManager(transactionManager)
                .reader(availableProducts)
                .processor(relatedProducts)
                .writer(scoredListWriter)
                .listener(progress)
                .listener(new ScoringProgress(reporter, store, heavyWork))
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

    @Bean
    @StepScope
    RelatedProducts relatedProducts(@Value(MODEL_VERSION) String version, ModelStore models, LaptopProperties properties) {
        RelatedItemsModel model = models.find(version).orElseThrow(() -> new IllegalStateException(
                "model " + version + " is not in the local store; run the job anew so trainModel makes one"));
        return new RelatedProducts(model, properties.model().listSize());
    }

    @Bean
    @StepScope
    ScoredListWriter scoredListWriter(@Value(MODEL_VERSION) String version, ScoredLists lists) {
        return new ScoredListWriter(version, lists);
    }

    /** A product's list from the run's model. Not a record: step-scoped beans are proxied by subclassing. */
    static class RelatedProducts implements ItemProcessor<String, ScoredList> {

        private final RelatedItemsModel model;
        private final int size;

        RelatedProducts(RelatedItemsModel model, int size) {
            this.model = model;
            this.size = size;
        }

        @Override
        public ScoredList process(String productId) {
            return new ScoredList(productId, model.relatedTo(productId, size));
        }
    }

    /** Lists into the local store under the run's version, where publishVersion finds them. */
    static class ScoredListWriter implements ItemWriter<ScoredList> {

        private final String version;
        private final ScoredLists lists;

        ScoredListWriter(String version, ScoredLists lists) {
            this.version = version;
            this.lists = lists;
        }

        @Override
        public void write(Chunk<? extends ScoredList> chunk) {
            chunk.forEach(list -> lists.save(version, list));
        }
    }
}
