package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.laptop.run.RunLauncher;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The laptop application started the way the supervisor starts it, against a real Kafka, with
 * its own data folder, laptop id and consumer groups (the Kafka server is shared by the JVM's tests).
 */
public final class RunningLaptop implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String laptopId;

    private RunningLaptop(ConfigurableApplicationContext context, String laptopId) {
        this.context = context;
        this.laptopId = laptopId;
    }

    /** Waits until the launcher runs nothing, and fails the test if a run is still going after {@code limit}. */
    public static void awaitIdle(RunLauncher launcher, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        // The launch is asynchronous: give the run a moment to register before asking whether one runs.
        TimeUnit.MILLISECONDS.sleep(200);
        while (launcher.runningRunId().isPresent() && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(launcher.runningRunId()).as("the run should have ended within " + limit).isEmpty();
    }

    public static RunningLaptop start(KafkaEndpoint kafka, Path dataDir, String... extraArgs) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String laptopId = "test-laptop-" + unique;
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--nightshift.laptop.data-dir=" + dataDir,
                "--nightshift.laptop.id=" + laptopId,
                "--nightshift.laptop.consumer-group-prefix=test-" + unique,
                "--nightshift.laptop.heartbeat-interval=1s",
                "--nightshift.laptop.schedule-check=1s",
                "--server.port=0",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LaptopApplication.class).run(args.toArray(String[]::new));
        return new RunningLaptop(context, laptopId);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The HTTP port the application listens on (actuator). */
    public int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public String laptopId() {
        return laptopId;
    }

    @Override
    public void close() {
        context.close();
    }
}
