package io.nightshift.onlineapi.kafka;

import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;

/**
 * Creates missing topics without holding up startup: the API must serve while Kafka is away,
 * so this runs in the background and retries until Kafka answers.
 */
@Component
class TopicBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TopicBootstrap.class);
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final KafkaProperties kafka;

    TopicBootstrap(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    @Override
    public void run(ApplicationArguments args) {
        Thread.ofVirtual().name("topic-bootstrap").start(this::createUntilDone);
    }

    private void createUntilDone() {
        var props = new HashMap<>(kafka.buildAdminProperties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        while (!Thread.currentThread().isInterrupted()) {
            try (Admin admin = Admin.create(props)) {
                Topics.createMissing(admin);
                log.info("Kafka topics present at {}", props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("could not create Kafka topics at {} ({}); retrying in {}s, serving continues meanwhile",
                        props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), e.getMessage(), RETRY.toSeconds());
            }
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
