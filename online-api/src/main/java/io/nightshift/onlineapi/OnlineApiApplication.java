package io.nightshift.onlineapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The cloud HTTP service: serving with the fallback chain, event and catalog ingestion, the admin API.
 * It must answer shoppers while the laptop, Kafka or Redis is away, so nothing at startup waits for them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OnlineApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(OnlineApiApplication.class, args);
    }
}
