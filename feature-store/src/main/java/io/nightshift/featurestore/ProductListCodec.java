package io.nightshift.featurestore;

import io.nightshift.schemas.result.ScoredItem;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary encoding of a {@link StoredList}, as it sits in Redis under the
 * version-list and fresh-list keys.
 *
 * <pre>
 * offset 0   format       1 byte  ({@value #FORMAT_V1})
 * offset 1   computedAt   8 bytes epoch millis, big-endian signed
 * offset 9   modelVersion varint byte length, then UTF-8
 *            count        varint
 *            count times: varint byte length + UTF-8 product id, then float32 score big-endian
 * </pre>
 *
 * <p>Why binary and not JSON: the whole catalog's lists live in Redis memory twice (active and
 * previous version), and a typical 20-item list takes roughly a third of its JSON size. Scores
 * are float32 because they only order a list; the decoder returns the shortest decimal that
 * reads back to the same float, so {@code 0.1} comes back as {@code 0.1}, not
 * {@code 0.10000000149}.
 *
 * <p>The computedAt field sits at a fixed offset on purpose: the fresh-list Lua script reads
 * those 8 bytes of the stored and the incoming list as numbers to keep the newer one. The user-read
 * script reads the header up to the count, and looks for {@code varint length + id} in the rest,
 * to tell whether a shopper's list will fill an answer: a new format must keep that layout or
 * change {@code user-read.lua} with it.
 */
final class ProductListCodec {

    static final byte FORMAT_V1 = 1;
    /** Offset and width of computedAt, known to the fresh-list script. */
    static final int COMPUTED_AT_OFFSET = 1;

    private ProductListCodec() {
    }

    static byte[] encode(StoredList list) {
        var out = new ByteArrayOutputStream(16 + list.items().size() * 16);
        out.write(FORMAT_V1);
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(list.computedAt().toEpochMilli()).array());
        writeString(out, list.modelVersion());
        writeVarint(out, list.items().size());
        var score = ByteBuffer.allocate(Float.BYTES);
        for (ScoredItem item : list.items()) {
            writeString(out, item.productId());
            out.writeBytes(score.clear().putFloat((float) item.score()).array());
        }
        return out.toByteArray();
    }

    static StoredList decode(byte[] bytes) {
        try {
            var in = ByteBuffer.wrap(bytes);
            byte format = in.get();
            if (format != FORMAT_V1) {
                throw new IllegalArgumentException("unknown product-list format " + format);
            }
            Instant computedAt = Instant.ofEpochMilli(in.getLong());
            String modelVersion = readString(in);
            int count = readVarint(in);
            var items = new ArrayList<ScoredItem>(count);
            for (int i = 0; i < count; i++) {
                String productId = readString(in);
                items.add(new ScoredItem(productId, Decimals.shortest(in.getFloat())));
            }
            return new StoredList(modelVersion, computedAt, items);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated product list (" + bytes.length + " bytes)", e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarint(out, utf8.length);
        out.writeBytes(utf8);
    }

    private static String readString(ByteBuffer in) {
        int length = readVarint(in);
        if (length > in.remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes overruns the product list");
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    /** Unsigned LEB128, as in protobuf: 7 bits a byte, high bit set while more follow. */
    private static void writeVarint(ByteArrayOutputStream out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must not be negative: " + value);
        }
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    break;
                }
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint in product list");
    }
}
