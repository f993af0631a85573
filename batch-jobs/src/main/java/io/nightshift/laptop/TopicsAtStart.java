package io.nightshift.laptop;

import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Any application may be the first to meet a fresh cluster, so the laptop creates the missing
 * topics too. In the background and retried: a laptop that starts offline must still start
 * (and say it is healthy) and catch up when the network returns.
 */
@Component
class TopicsAtStart implements ApplicationRunner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicsAtStart.class);
    private static final Duration RETRY = Duration.ofSeconds(15);

    private final KafkaAdmin kafkaAdmin;
    private volatile Thread worker;

    TopicsAtStart(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    @Override
    public void run(ApplicationArguments args) {
        worker = Thread.ofPlatform().daemon().name("create-topics").start(this::createUntilDone);
    }

    private void createUntilDone() {
        while (!Thread.currentThread().isInterrupted()) {
            try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
                Topics.createMissing(admin);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.warn("could not check or create the Nightshift topics ({}); trying again in {}s", e.getMessage(), RETRY.toSeconds());
            }
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }
}
