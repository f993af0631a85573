package io.nightshift.streams;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The cloud's Kafka Streams application: catalog and online features into Redis, computed lists
 * loaded and model versions switched whole, dead letters for what cannot be processed, and the
 * PostgreSQL event log for analysts. It serves no API: only {@code /actuator/health} and metrics;
 * the owner's replay comes as a control event through the online API's admin API.
 */
@SpringBootApplication
public class StreamsProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(StreamsProcessorApplication.class, args);
    }
}
