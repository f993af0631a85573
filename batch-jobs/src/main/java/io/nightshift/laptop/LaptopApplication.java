package io.nightshift.laptop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The laptop: the nightly job (sync, train, score, publish), the fresh-request worker, the
 * schedule and the heartbeat. It only ever opens outbound connections to Kafka; when Kafka is
 * unreachable it keeps running and catches up when the network returns.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LaptopApplication {

    public static void main(String[] args) {
        SpringApplication.run(LaptopApplication.class, args);
    }
}
