package io.nightshift.cli.stack;

import io.nightshift.cli.terminal.Progress;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.infra.local.servers.LocalPostgres;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.infra.local.servers.LocalRedis.RedisLock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The stack's three servers and what the apps are told about them ({@link AppLinks}).
 *
 * @param secrets the secure stack's generated secrets; null for the plaintext demo
 * @param redisLogin how the supervisor itself logs in to Redis (its snapshots around {@code redis stop})
 */
record StackServers(LocalKafka kafka, LocalRedis redis, LocalPostgres postgres, AppLinks links, StackSecrets secrets,
                    RedisLogin redisLogin) {

    /** Kafka, Redis and PostgreSQL as the demo always ran them: loopback, no passwords. */
    static StackServers plaintext(Progress progress, Consumer<AutoCloseable> started) {
        // PostgreSQL's start is its own processes (initdb, then the server): it overlaps Kafka's, which
        // runs in this JVM, instead of following it. Handed to {@code started} on this thread, whatever happens.
        CompletableFuture<LocalPostgres> postgresStart = CompletableFuture.supplyAsync(LocalPostgres::start,
                task -> Thread.ofPlatform().daemon().name("nightshift-postgres-start").start(task));
        LocalKafka kafka;
        LocalRedis redis;
        try {
            kafka = progress.step("Kafka (KRaft broker, topics created)", LocalKafka::start);
            started.accept(kafka);
            redis = progress.step("Redis", LocalRedis::start);
            started.accept(redis);
        } catch (RuntimeException e) {
            try {
                started.accept(awaitStart(postgresStart)); // stopped with the others by the caller's cleanup
            } catch (RuntimeException postgresFailed) {
                e.addSuppressed(postgresFailed);
            }
            throw e;
        }
        LocalPostgres postgres = progress.step("PostgreSQL (started alongside Kafka)", () -> awaitStart(postgresStart));
        started.accept(postgres);
        return new StackServers(kafka, redis, postgres,
                AppLinks.plaintext(kafka.endpoint().bootstrapServers(), redis.endpoint(), postgres.endpoint()), null, RedisLogin.NONE);
    }

    /**
     * The servers as production runs them, on loopback: Kafka with TLS, a SCRAM login per app and
     * the contract's ACLs; Redis (the distribution's redis-server 7) with a password on a TLS-only
     * port; PostgreSQL asking every TCP login for its password. Certificates and the secrets file
     * go into the stack's {@code run} folder, which {@code ./nightshift down} removes. Redis starts
     * first: without Debian's redis-server, the start stops at once with what to install.
     */
    static StackServers secure(StackLayout layout, Progress progress, Consumer<AutoCloseable> started) {
        String redisPassword = StackSecrets.randomSecret();
        LocalRedis redis = progress.step("Redis (password, TLS only)",
                () -> LocalRedis.startSecured(RedisLock.password(redisPassword).withTls(layout.tls().resolve("redis"))));
        started.accept(redis);
        LocalKafka kafka = progress.step("Kafka (TLS + SCRAM-SHA-512 + ACLs, topics created)",
                () -> LocalKafka.startSecure(layout.tls().resolve("kafka")));
        started.accept(kafka);
        StackSecrets secrets = StackSecrets.generate(redisPassword, kafka.secureEndpoint().passwords(),
                kafka.secureEndpoint().trustStorePassword(), redis.lock().tls().password());
        LocalPostgres postgres = progress.step("PostgreSQL (password authentication)", () -> {
            LocalPostgres server = LocalPostgres.start();
            started.accept(server);
            server.requirePasswords(secrets.databasePassword(), null, null);
            return server;
        });
        secrets.writeTo(layout.secretsFile());
        RedisLock lock = redis.lock();
        PostgresEndpoint pg = postgres.endpoint();
        RedisEndpoint redisEndpoint = redis.endpoint();
        AppLinks links = AppLinks.secure(kafka.secureEndpoint(), redisEndpoint, lock.tls().trustStore(), pg, secrets);
        return new StackServers(kafka, redis, postgres, links, secrets,
                new RedisLogin(secrets.redisPassword(), lock.tls().trustStore(), secrets.redisTrustStorePassword()));
    }

    private static LocalPostgres awaitStart(CompletableFuture<LocalPostgres> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    boolean secure() {
        return secrets != null;
    }

    /** The Kafka address the state file names: bootstrap servers, which other commands connect to. */
    String kafkaAddress() {
        return kafka.endpoint().bootstrapServers();
    }

    String redisAddress() {
        RedisEndpoint endpoint = redis.endpoint();
        return endpoint.host() + ":" + endpoint.port();
    }

    String postgresAddress() {
        PostgresEndpoint pg = postgres.endpoint();
        return "postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database();
    }
}
