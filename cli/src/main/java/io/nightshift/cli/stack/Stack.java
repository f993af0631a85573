package io.nightshift.cli.stack;

import io.nightshift.cli.terminal.Progress;
import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.infra.local.servers.ScratchFolders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform on one machine: real Kafka, Redis and PostgreSQL, and the three
 * applications as separate JVMs (the cloud's online API and streams processor, the laptop's
 * batch jobs). The supervisor keeps the laptop, Redis and Kafka in the state the owner wished
 * for, so {@code ./nightshift laptop offline} is the laptop vanishing mid-work and
 * {@code ./nightshift redis stop} a real Redis outage; and it keeps the apps alive: one that
 * crashes is started again (see {@link AppWatch}), one stopped on purpose stays down.
 */
public final class Stack implements AutoCloseable {

    static final Duration APP_START_TIMEOUT = Duration.ofSeconds(120);
    public static final String LAPTOP = StackApp.LAPTOP.key();
    public static final String STREAMS = StackApp.STREAMS.key();
    public static final String ONLINE_API = StackApp.ONLINE_API.key();

    private final StackLayout layout;
    private final Progress progress;
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Map<String, AppWatch> apps = new LinkedHashMap<>();
    private ServerSwitch redisSwitch;
    private ServerSwitch kafkaSwitch;
    /** Read by the supervisor's thread and the one seeding the demo; after boot, only {@link #publish} writes it. */
    private volatile StackState state;

    private Stack(StackLayout layout, Progress progress) {
        this.layout = layout;
        this.progress = progress;
    }

    /** Starts servers then applications; on any failure, stops what it started and rethrows. */
    public static Stack start(StackLayout layout, StackOptions options, Progress progress) {
        Stack stack = new Stack(layout, progress);
        try {
            stack.boot(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public StackState state() {
        return state;
    }

    public String apiUrl() {
        return state.apiUrl();
    }

    private void boot(StackOptions options) {
        requirePortFree(options.apiPort());
        prepareFolders();
        StackServers started = options.secure()
                ? StackServers.secure(layout, progress, servers::add)
                : StackServers.plaintext(progress, servers::add);
        redisSwitch = ServerSwitch.redis(started.redis(), started.redisLogin(), layout.redisWish(), layout.redisSnapshot());
        kafkaSwitch = ServerSwitch.kafka(started.kafka(), layout.kafkaWish());
        AppLinks links = started.links();

        define(new AppSpec(STREAMS, StackApp.STREAMS.module(), FreePorts.next(), concat(links.arguments(StackApp.STREAMS), List.of(
                "--nightshift.streams.state-dir=" + layout.run().resolve("streams-state"))),
                AppSpec.CLOUD_HEAP, links.environment(StackApp.STREAMS)));
        define(new AppSpec(ONLINE_API, StackApp.ONLINE_API.module(), options.apiPort(), concat(links.arguments(StackApp.ONLINE_API),
                List.of("--nightshift.spool.dir=" + layout.run().resolve("spool"),
                        // The demo's console opens ready to use; any other stack (the secure one too) asks its owner for the token.
                        "--nightshift.admin.console-prefill=" + (options.seedDemo() && !options.secure())), options.apiArguments()),
                AppSpec.CLOUD_HEAP, links.environment(StackApp.ONLINE_API)));
        define(new AppSpec(LAPTOP, StackApp.LAPTOP.module(), FreePorts.next(), concat(links.arguments(StackApp.LAPTOP), List.of(
                "--nightshift.laptop.data-dir=" + layout.run().resolve("laptop"),
                "--nightshift.laptop.id=laptop-1"), options.laptopArguments()), LaptopHeap.from(System.getenv()),
                links.environment(StackApp.LAPTOP)));

        apps.values().forEach(AppWatch::start);
        for (AppWatch watch : apps.values()) {
            AppProcess app = watch.process();
            progress.step(app.spec().name() + " (pid " + app.pid() + ", port " + app.spec().port() + ")",
                    () -> { app.awaitHealthy(options.appStartTimeout()); return app; });
        }
        state = new StackState(ProcessHandle.current().pid(), "starting", Instant.now(),
                "http://localhost:" + options.apiPort(), started.kafkaAddress(), started.redisAddress(), started.postgresAddress(),
                "online", StackState.UP, StackState.UP, appTable(), started.secure() ? layout.secretsFile().toString() : null);
        state.writeTo(layout.stateFile());
    }

    /** Records that the stack is ready for use; other commands wait for this. */
    public void markReady() {
        publishPhase("ready");
    }

    /**
     * Makes the laptop what the owner last wished for: killed without warning when they asked
     * for {@code offline} (and left down: a stop on purpose is not a crash), started again for
     * {@code online}. A laptop that crashed while online is {@link #keepAppsAlive()}'s to restart.
     */
    public void followLaptopWish() {
        String wish = readWish();
        AppWatch laptop = apps.get(LAPTOP);
        if ("offline".equals(wish) && laptop.state() != AppState.STOPPED) {
            laptop.stopOnPurpose(true);
            publishLaptop("offline");
        } else if ("online".equals(wish) && laptop.state() == AppState.STOPPED) {
            laptop.start();
            publishApps(); // its new pid, while it starts
            laptop.process().awaitHealthy(APP_START_TIMEOUT);
            publishLaptop("online");
        } else if ("online".equals(wish) && !"online".equals(state.laptop()) && laptop.state() == AppState.RUNNING
                && laptop.process().healthy()) {
            publishLaptop("online"); // it answered only after the wait above gave up
        }
    }

    /** Starts again, after their backoff, the apps that ended without being asked to; the state file follows. */
    public void keepAppsAlive() {
        Map<String, StackState.App> before = appTable();
        for (AppWatch watch : apps.values()) {
            watch.check().ifPresent(change -> progress.info("supervisor: " + change));
        }
        if (!before.equals(appTable())) {
            publishApps();
        }
    }

    /**
     * Restarts the apps the owner asked for ({@code ./nightshift restart APP}): a graceful stop, a
     * start, a wait until healthy. The request file is deleted when that is over, whatever the
     * outcome, so the command stops waiting and reads the outcome from the state file.
     */
    public void followRestartRequests() {
        for (AppWatch watch : apps.values()) {
            Path request = layout.restartRequest(watch.name());
            if (!Files.exists(request)) {
                continue;
            }
            try {
                progress.info("supervisor: restarting " + watch.name() + " on request (pid " + watch.process().pid() + ")");
                watch.restartNow();
                publishApps(); // its new pid, while it starts
                watch.process().awaitHealthy(APP_START_TIMEOUT);
                progress.info("supervisor: " + watch.name() + " restarted on request (pid " + watch.process().pid() + ", healthy)");
            } catch (RuntimeException e) {
                progress.warn("supervisor: could not restart " + watch.name() + ": " + e.getMessage());
            } finally {
                publishApps();
                deleteQuietly(request);
            }
        }
    }

    /** Stops or starts Redis and Kafka as the owner last wished ({@code ./nightshift redis|kafka stop|start}). */
    public void followServerWishes() {
        for (ServerSwitch server : List.of(redisSwitch, kafkaSwitch)) {
            try {
                server.follow().ifPresent(change -> {
                    progress.info("supervisor: " + change);
                    publishApps();
                });
            } catch (RuntimeException e) {
                // One server's failure must not keep the other (or the laptop) from its wish.
                progress.warn("supervisor: " + e.getMessage());
            }
        }
    }

    /**
     * Blocks, following the owner's wishes and keeping the apps alive, until the thread is
     * interrupted. One thread at a time: the watches are not shared.
     */
    public void superviseUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                followServerWishes();
                followLaptopWish();
                followRestartRequests();
                keepAppsAlive();
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                progress.warn("supervisor: " + e.getMessage());
            }
        }
    }

    /** The file {@code ./nightshift laptop} writes; tests write it too. */
    public Path stateDirWish() {
        return layout.laptopWish();
    }

    public AppProcess app(String name) {
        return apps.get(name).process();
    }

    /**
     * Kills the apps without a graceful shutdown, for a stack thrown away right after (the bench's,
     * whose folders {@link #close()} deletes): nothing they hold is kept, so waiting for Kafka
     * Streams and the Kafka clients to say goodbye would only make the command longer. Call
     * {@link #close()} after it for the servers.
     */
    public void killApps() {
        stopAppsTogether(true);
    }

    @Override
    public void close() {
        // The shutdown hook ends the supervisor's loop by interrupting it. Closing with that flag
        // set made every wait throw at once: apps were SIGKILLed right after SIGTERM, with no
        // graceful shutdown, and the broker's controlled shutdown failed. Stopping is what was asked.
        boolean interrupted = Thread.interrupted();
        try {
            stopEverything();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopEverything() {
        if (state != null) {
            publishPhase("stopping");
        }
        stopAppsTogether(false);
        for (int i = servers.size() - 1; i >= 0; i--) {
            try {
                servers.get(i).close();
            } catch (Exception | LinkageError e) {
                // Whatever happens to one server, the others are stopped and the folders removed.
                progress.warn("could not stop a server cleanly: " + e);
            }
        }
        deleteQuietly(layout.stateFile());
        deleteQuietly(layout.laptopWish());
        deleteQuietly(layout.redisWish());
        deleteQuietly(layout.kafkaWish());
        apps.keySet().forEach(name -> deleteQuietly(layout.restartRequest(name)));
        deleteTree(layout.run());
        apps.keySet().forEach(name -> deleteQuietly(layout.jars().resolve(name + ".jar")));
    }

    /**
     * Each app's graceful stop waits for Spring's shutdown (Kafka clients closed, offsets committed)
     * and none needs another one gone first, so they stop side by side: one after the other made
     * every {@code down} and the end of every bench wait for the sum of the three.
     */
    private void stopAppsTogether(boolean abruptly) {
        List<Thread> stopping = new ArrayList<>();
        for (AppWatch watch : apps.values()) {
            stopping.add(Thread.ofPlatform().name("nightshift-stop-" + watch.name()).start(() -> watch.stopOnPurpose(abruptly)));
        }
        for (Thread thread : stopping) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    // An interrupt now asks for what is under way (see close): finish stopping the apps;
                    // setting the flag again would make the servers' waits below throw at once.
                }
            }
        }
    }

    private void publishPhase(String phase) {
        publish(phase, null);
    }

    private void publishLaptop(String laptop) {
        publish(null, laptop);
    }

    private void publishApps() {
        publish(null, null);
    }

    /**
     * Rewrites the state file from what is true now; null keeps the phase or the laptop as they
     * are. Both are read under the lock: the supervisor's thread must not write back a phase it
     * read before the seeding thread marked the stack ready.
     */
    private synchronized void publish(String phase, String laptop) {
        state = state.with(phase != null ? phase : state.phase(), laptop != null ? laptop : state.laptop(), appTable())
                .withServers(redisSwitch.state(), kafkaSwitch.state());
        state.writeTo(layout.stateFile());
    }

    private Map<String, StackState.App> appTable() {
        Map<String, StackState.App> table = new LinkedHashMap<>();
        apps.forEach((name, watch) -> table.put(name, watch.snapshot()));
        return table;
    }

    private void define(AppSpec spec) {
        Path jar = layout.execJar(spec.module()).orElseThrow(() -> new IllegalStateException(
                "no runnable jar for " + spec.module() + " in " + layout.home().resolve(spec.module()).resolve("target")
                        + "; build it with: ./mvnw -DskipTests package"));
        AppProcess process = AppProcess.javaApp(spec, layout.privateCopy(jar, spec.name()), layout);
        apps.put(spec.name(), new AppWatch(process, Backoff.DEFAULT, InstantSource.system()));
    }

    private String readWish() {
        try {
            return Files.exists(layout.laptopWish()) ? Files.readString(layout.laptopWish()).trim() : "online";
        } catch (IOException e) {
            return "online";
        }
    }

    private void prepareFolders() {
        deleteTree(layout.run());
        try {
            Files.createDirectories(layout.logs());
            Files.createDirectories(layout.run());
            Files.deleteIfExists(layout.laptopWish());
            Files.deleteIfExists(layout.redisWish());
            Files.deleteIfExists(layout.kafkaWish());
            for (StackApp app : StackApp.values()) {
                Files.deleteIfExists(layout.restartRequest(app.key())); // a request left by a stack that died
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requirePortFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use; stop what uses it "
                    + "(a stack already running? try ./nightshift status) or choose another with --port");
        }
    }


    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort on the way out; the next start wipes it anyway.
        }
    }

    /** Best effort on the way out or at a start: a leftover is wiped by the next start. */
    private static void deleteTree(Path root) {
        try {
            ScratchFolders.delete(root);
        } catch (UncheckedIOException ignored) {
            // A file still held by a process that is exiting cannot be deleted yet; failing here would
            // abort the shutdown with servers still running, and the next start wipes the folder anyway.
        }
    }
}
