package io.nightshift.laptop.sync;

import io.nightshift.laptop.run.RunProgressListener;
import io.nightshift.laptop.run.RunReporter;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    /** Step 1 of nightlyJob: bring the local store up to the end of the shop's topics. */
    @Bean
    Step syncEvents(JobRepository jobRepository, PlatformTransactionManager transactionManager, KafkaProperties kafka,
                    InteractionStore store, RunReporter reporter, RunProgressListener progress, ErasedShoppers erasedShoppers) {
        Map<String, Object> frozen = consumerConfig(kafka);
        SyncEventsTasklet tasklet = new SyncEventsTasklet(
                () -> (Consumer<String, byte[]>) new KafkaConsumer<>(frozen, new StringDeserializer(), new ByteArrayDeserializer()),
                store, reporter, erasedShoppers);
        return new StepBuilder("syncEvents", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(progress)
                .build();
    }

    /** The shoppers' erasures: read by the sync, and by the publish step before it sends "for you" lists. */
    @Bean
    ErasedShoppers erasedShoppers(KafkaProperties kafka, InteractionStore store) {
        return new ErasedShoppers(consumerConfig(kafka), store);
    }

    private static Map<String, Object> consumerConfig(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // Partitions are assigned, not subscribed: the store keeps the offsets, in the same transaction as the data.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "laptop-sync");
        return Map.copyOf(config);
    }
}
