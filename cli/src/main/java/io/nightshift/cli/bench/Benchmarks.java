package io.nightshift.cli.bench;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.request.FreshRequest;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The measurements behind {@code ./nightshift bench}, each paired with a baseline measured in
 * the same run on the same machine: serving against a bare Redis round trip, intake against a
 * raw Kafka producer, and the laptop's fresh-request round trip against its target.
 */
public final class Benchmarks {

    private final String apiUrl;
    private final String kafka;
    private final HostAndPort redis;
    private final int products;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param products how many demo products exist ({@code p-0001} upwards)
     */
    public Benchmarks(String apiUrl, String kafka, HostAndPort redis, int products) {
        this.apiUrl = apiUrl;
        this.kafka = kafka;
        this.redis = redis;
        this.products = products;
    }

    /** Product recommendation requests from many concurrent shoppers, half of them signed in. */
    public LatencySample serving(int requests, int concurrency) {
        return serving(requests, concurrency, LoadRunner.NO_LIMIT);
    }

    /** As {@link #serving(int, int)}, but sends no new request once {@code within} has passed. */
    public LatencySample serving(int requests, int concurrency, Duration within) {
        Random random = new Random(7);
        String[] paths = new String[requests];
        for (int i = 0; i < requests; i++) {
            String product = "p-%04d".formatted(1 + random.nextInt(products));
            String user = random.nextBoolean() ? "&userId=u-%04d".formatted(1 + random.nextInt(3000)) : "";
            paths[i] = "/api/v1/products/" + product + "/recommendations?limit=10" + user;
        }
        return get(paths, concurrency, within);
    }

    /** "For you" lists of signed-in shoppers (the demo's u-0001 to u-3000), sends no new request once {@code within} has passed. */
    public LatencySample forYou(int requests, int concurrency, Duration within) {
        Random random = new Random(13);
        String[] paths = new String[requests];
        for (int i = 0; i < requests; i++) {
            paths[i] = "/api/v1/users/u-%04d/recommendations?limit=10".formatted(1 + random.nextInt(3000));
        }
        return get(paths, concurrency, within);
    }

    /** Ids of the shoppers {@link #seedUsersWithoutLists(int)} makes up: outside the demo's u-0001 to u-3000, so no batch list. */
    private static final String COMPOSED_USER = "bench-fy-%04d";

    /**
     * Makes up {@code users} shoppers with 3 viewed products each, sent through the API's event
     * intake like the demo's events. Sent after the first batch run, they have recent items in Redis
     * (once the streams processor caught up) but no precomputed list, so their "for you" answer is
     * composed online from their recent items' lists. Returns their ids.
     */
    public List<String> seedUsersWithoutLists(int users) {
        Random random = new Random(17);
        Instant now = Instant.now();
        List<ShopEvent> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            String user = COMPOSED_USER.formatted(u);
            ids.add(user);
            for (int i = 0; i < 3; i++) {
                events.add(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user,
                        "p-%04d".formatted(1 + random.nextInt(products)), null, now.minusSeconds(3 - i)));
            }
        }
        for (int from = 0; from < events.size(); from += 500) {
            byte[] body = ContractCodec.MAPPER.writeValueAsBytes(events.subList(from, Math.min(events.size(), from + 500)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 != 2) {
                    throw new IllegalStateException("the composed users' events were answered " + status);
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not send the composed users' events: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return List.copyOf(ids);
    }

    /** "For you" lists of the given shoppers (those of {@link #seedUsersWithoutLists(int)}), one after another in turn. */
    public LatencySample forYou(List<String> users, int requests, int concurrency, Duration within) {
        String[] paths = new String[requests];
        for (int i = 0; i < requests; i++) {
            paths[i] = "/api/v1/users/" + users.get(i % users.size()) + "/recommendations?limit=10";
        }
        return get(paths, concurrency, within);
    }

    /**
     * Checks in Redis that the shoppers' answers were really composed: how many have a precomputed
     * list in the active version (should be none) and how many have recent items to compose from
     * (should be all). A sentence for the report.
     */
    public String composedCheck(List<String> users) {
        try (JedisPooled jedis = new JedisPooled(redis.getHost(), redis.getPort())) {
            String active = jedis.get(RedisKeys.activeVersion());
            long ownList = active == null ? 0 : users.stream().filter(u -> jedis.exists(RedisKeys.userVersionList(active, u))).count();
            long recent = users.stream().filter(u -> jedis.exists(RedisKeys.userRecent(u))).count();
            return String.format(Locale.ROOT, "checked in Redis after the run: of %d shoppers, %d have a list of their own in the active version %s"
                    + " and %d have recent items to compose from", users.size(), ownList, active, recent);
        }
    }

    private LatencySample get(String[] paths, int concurrency, Duration within) {
        return LoadRunner.run(paths.length, concurrency, within, i -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + paths[i])).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
        });
    }

    /**
     * Runs {@code load} between two scrapes of the API's {@code /actuator/prometheus}, so the
     * run is also seen from the server's side, and notes the machine's load average around it.
     */
    public ServingRun measured(String what, int callers, LatencySample redis, Supplier<LatencySample> load) {
        double loadBefore = loadAverage();
        PrometheusText before = scrape();
        LatencySample client = load.get();
        PrometheusText after = scrape();
        double loadAfter = loadAverage();
        return new ServingRun(what, callers, client, ServerLatency.between(before, after), redis,
                String.format(Locale.ROOT, "%.1f–%.1f", Math.min(loadBefore, loadAfter), Math.max(loadBefore, loadAfter)));
    }

    /** The API's metrics page in the classic text format. */
    PrometheusText scrape() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4")
                // The metrics need the owner's token; the bench runs on a stack it started, with the demo's.
                .header("Authorization", "Bearer " + ApiClient.DEMO_TOKEN)
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
            }
            return PrometheusText.parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("could not read /actuator/prometheus: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The 1-minute load average; everything on the machine shares its cores with the benchmark. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The floor under any Redis-backed answer: one small read, one round trip, same concurrency. */
    public LatencySample redisRoundTrip(int requests, int concurrency) {
        try (JedisPooled jedis = new JedisPooled(redis.getHost(), redis.getPort())) {
            String key = RedisKeys.product("p-0001");
            return LoadRunner.run(requests, concurrency, i -> jedis.hgetAll(key) != null);
        }
    }

    /** Events through the API in batches of 500: validation, idempotent produce, acks=all. */
    public LatencySample intake(int events, int concurrency) {
        List<byte[]> batches = new ArrayList<>();
        List<ShopEvent> all = events(events);
        for (int from = 0; from < all.size(); from += 500) {
            batches.add(ContractCodec.MAPPER.writeValueAsBytes(all.subList(from, Math.min(all.size(), from + 500))));
        }
        LatencySample perBatch = LoadRunner.run(batches.size(), concurrency, i -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/events"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batches.get(i))).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
        });
        return perBatch;
    }

    /** The same events written by a bare idempotent producer with acks=all: the floor under intake. */
    public LatencySample rawProducer(int events) {
        List<ShopEvent> all = events(events);
        ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);
        List<byte[]> payloads = all.stream().map(codec::encode).toList();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long[] latencies = new long[payloads.size()];
            long start = System.nanoTime();
            List<Future<?>> sends = new ArrayList<>(payloads.size());
            for (int i = 0; i < payloads.size(); i++) {
                sends.add(producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), all.get(i).partitionKey(), payloads.get(i))));
            }
            producer.flush();
            long wall = System.nanoTime() - start;
            for (Future<?> send : sends) {
                send.get();
            }
            java.util.Arrays.fill(latencies, wall / Math.max(1, payloads.size()));
            return new LatencySample(latencies, Duration.ofNanos(wall), 0);
        } catch (Exception e) {
            throw new IllegalStateException("the raw producer baseline failed: " + e.getMessage(), e);
        }
    }

    /**
     * From a fresh request produced to reco.requests.v1 until its list is in Redis: the laptop's
     * worker, the results topic and the streams loader, end to end. One at a time.
     */
    public LatencySample freshRoundTrip(int requests, Duration timeout) {
        ContractSerde<FreshRequest> serde = new ContractSerde<>(Contract.FRESH_REQUEST);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), serde.serializer());
             JedisPooled jedis = new JedisPooled(redis.getHost(), redis.getPort())) {
            return LoadRunner.run(requests, 1, i -> {
                String product = "p-%04d".formatted(1 + (i * 37) % products);
                jedis.del(RedisKeys.freshList(product));
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(Topics.RECO_REQUESTS.name(), product,
                        new FreshRequest(UUID.randomUUID(), FreshRequest.SCHEMA_VERSION, product, null, now, now.plusSeconds(60)))).get();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (System.nanoTime() < deadline) {
                    if (jedis.exists(RedisKeys.freshList(product))) {
                        return true;
                    }
                    Thread.sleep(2);
                }
                return false;
            });
        }
    }

    private static List<ShopEvent> events(int count) {
        Random random = new Random(11);
        Instant now = Instant.now();
        List<ShopEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "bench-u-" + random.nextInt(5000),
                    "p-%04d".formatted(1 + random.nextInt(2880)), null, now));
        }
        return events;
    }
}
