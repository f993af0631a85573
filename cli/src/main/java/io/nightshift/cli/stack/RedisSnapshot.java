package io.nightshift.cli.stack;

import io.nightshift.infra.local.RedisEndpoint;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.params.RestoreParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every key of a Redis, in Redis's own serialisation ({@code DUMP}/{@code RESTORE}) with its
 * expiry, in a file: what lets the owner's {@code redis stop}/{@code redis start} be an outage
 * rather than a wipe, although the embedded server persists nothing.
 *
 * <p>File format: per key, its length and bytes, the absolute expiry in epoch milliseconds (0:
 * none), the value's length and bytes; then -1.
 */
final class RedisSnapshot {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int PAGE = 1_000;
    /** Long enough to copy a demo-sized Redis and stop it; a pause outliving a failed stop ends by itself. */
    private static final Duration WRITE_PAUSE = Duration.ofSeconds(60);
    private static final int END = -1;

    private RedisSnapshot() {
    }

    /**
     * Copies every key to {@code file} and leaves writers paused (their commands wait), so nothing
     * written after the copy is lost when the server stops right after.
     *
     * @return how many keys were saved
     */
    static long save(RedisEndpoint endpoint, Path file) {
        return save(endpoint, RedisLogin.NONE, file);
    }

    static long load(RedisEndpoint endpoint, Path file) {
        return load(endpoint, RedisLogin.NONE, file);
    }

    static long save(RedisEndpoint endpoint, RedisLogin login, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Jedis jedis = login.connect(endpoint, TIMEOUT_MILLIS)) {
            jedis.clientPause(WRITE_PAUSE.toMillis(), ClientPauseMode.WRITE);
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                long saved = write(jedis, tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return saved;
            } catch (IOException | RuntimeException e) {
                jedis.clientUnpause(); // the server keeps running: let writers go on
                Files.deleteIfExists(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save Redis's keys to " + file, e);
        }
    }

    /**
     * Restores the keys of {@code file} (replacing any written since the server started) and
     * deletes the file; a key whose expiry passed meanwhile stays gone. Nothing to do without a file.
     *
     * @return how many keys were read back
     */
    static long load(RedisEndpoint endpoint, RedisLogin login, Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        long loaded = 0;
        try (Jedis jedis = login.connect(endpoint, TIMEOUT_MILLIS);
             DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            List<Response<String>> answers = new ArrayList<>();
            Pipeline pipeline = jedis.pipelined();
            for (byte[] key = readBytes(in); key != null; key = readBytes(in)) {
                long expiresAt = in.readLong();
                byte[] value = readBytes(in);
                RestoreParams params = RestoreParams.restoreParams().replace();
                answers.add(pipeline.restore(key, expiresAt, value, expiresAt == 0 ? params : params.absTtl()));
                loaded++;
                if (answers.size() == PAGE) {
                    pipeline = flush(pipeline, answers, jedis);
                }
            }
            flush(pipeline, answers, null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not restore Redis's keys from " + file, e);
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file, e);
        }
        return loaded;
    }

    private static long write(Jedis jedis, Path tmp) throws IOException {
        long saved = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
            do {
                ScanResult<byte[]> page = jedis.scan(cursor, new ScanParams().count(PAGE));
                List<Response<byte[]>> values = new ArrayList<>();
                List<Response<Long>> ttls = new ArrayList<>();
                try (Pipeline pipeline = jedis.pipelined()) {
                    for (byte[] key : page.getResult()) {
                        values.add(pipeline.dump(key));
                        ttls.add(pipeline.pttl(key));
                    }
                }
                long now = System.currentTimeMillis();
                for (int i = 0; i < page.getResult().size(); i++) {
                    byte[] value = values.get(i).get();
                    long ttl = ttls.get(i).get();
                    if (value == null || ttl == -2) {
                        continue; // expired between SCAN and DUMP
                    }
                    writeBytes(out, page.getResult().get(i));
                    out.writeLong(ttl < 0 ? 0 : now + ttl);
                    writeBytes(out, value);
                    saved++;
                }
                cursor = page.getCursorAsBytes();
            } while (!Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
            out.writeInt(END);
        }
        return saved;
    }

    /** Sends the pipelined commands and surfaces the first refusal; returns a new pipeline unless {@code jedis} is null. */
    private static Pipeline flush(Pipeline pipeline, List<Response<String>> answers, Jedis jedis) {
        pipeline.close();
        answers.forEach(Response::get);
        answers.clear();
        return jedis == null ? null : jedis.pipelined();
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** @return null at the end marker */
    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == END) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("the snapshot ends in the middle of a key");
        }
        return bytes;
    }
}
