package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Item embeddings, an {@code n x k} float32 table on a DJL NDArray (native memory, never the heap):
 * an item's related items are the items whose rows have the largest dot product with its row (the
 * rows are unit length, so that is cosine similarity). Unlike {@link DenseScorer} nothing of size
 * {@code n x n} ever exists: {@link #topK} multiplies a block of query rows with the table a column
 * block at a time and keeps only each row's best so far ({@link RowTopK}), so memory is {@code n x k}
 * plus one block of at most {@code rows x columnBlock} (and at most 32 MB of) scores whatever n is.
 */
public final class Embeddings implements ItemScorer, BlockNeighbours {

    /** "NSE1": the file format's magic number, then n and k, then the rows as little-endian float32. */
    private static final int MAGIC = 0x4E534531;
    private static final int HEADER_BYTES = 16;
    private static final int IO_ROWS = 16_384;
    /** Scores per column block (32 MB of float32): under glibc's largest mmap threshold, so the engine's allocator reuses the block's memory instead of mapping and faulting it in afresh every block. */
    private static final long MAX_BLOCK_SCORES = 8L << 20;

    private final NDManager manager;
    private final NDArray table;
    private final int n;
    private final int k;
    private final int columnBlock;

    /** Takes ownership of {@code manager} (closed with this object) and {@code table} ({@code n x k}, float32). */
    public Embeddings(NDManager manager, NDArray table, int columnBlock) {
        if (columnBlock < 1) {
            throw new IllegalArgumentException("the column block must hold at least one item, got " + columnBlock);
        }
        this.manager = manager;
        this.table = table;
        this.n = (int) table.getShape().get(0);
        this.k = (int) table.getShape().get(1);
        this.columnBlock = columnBlock;
    }

    public static Embeddings of(float[] rowMajor, int n, int k, int columnBlock) {
        NDManager manager = NDManager.newBaseManager();
        return new Embeddings(manager, manager.create(rowMajor, new Shape(n, k)), columnBlock);
    }

    @Override
    public int itemCount() {
        return n;
    }

    public int dimensions() {
        return k;
    }

    /** The rows of {@code items}, row-major ({@code items.length x k}). */
    public float[] rows(int[] items) {
        if (items.length == 0) {
            return new float[0];
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray rows = table.get(new NDIndex("{}", scope.create(toLongs(items))));
            rows.attach(scope);
            return rows.toFloatArray();
        }
    }

    /**
     * The {@code size} best columns of each query row, best first: the queries times the table's
     * transpose, one column block at a time, each block's scores read in place from the engine's
     * memory by {@link RowTopK}, with forbidden columns ({@code allowed[i] == false}) and each row's
     * {@code excluded} items left out. Ties go to the lower item index.
     *
     * @param queries  row-major {@code rows x k}
     * @param allowed  per item, whether it may be returned (null: all)
     * @param excluded per query row, items it must not return (e.g. the query item itself, or what the shopper has)
     */
    public Top topK(float[] queries, int rows, int size, boolean[] allowed, int[][] excluded) {
        if (queries.length != rows * k || excluded.length != rows) {
            throw new IllegalArgumentException("expected " + rows + " query rows of " + k + " and one exclusion list per row");
        }
        try (NDManager scope = manager.newSubManager()) {
            return topK(scope.create(queries, new Shape(rows, k)), rows, size, allowed, excluded);
        }
    }

    /** Each item's nearest rows but its own: {@link #topK} with the items' rows as the queries, never copied out of the engine. */
    @Override
    public Top neighbours(int[] items, int size, boolean[] allowed) {
        int[][] self = new int[items.length][];
        for (int r = 0; r < items.length; r++) {
            self[r] = new int[]{items[r]};
        }
        if (items.length == 0) {
            return new Top(0, size, new int[0], new float[0]);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray query = table.get(new NDIndex("{}", scope.create(toLongs(items))));
            query.attach(scope);
            return topK(query, items.length, size, allowed, self);
        }
    }

    private Top topK(NDArray query, int rows, int size, boolean[] allowed, int[][] excluded) {
        if (size == 0) {
            return new Top(rows, 0, new int[0], new float[0]); // nothing asked: no product to compute
        }
        RowTopK best = new RowTopK(rows, size, allowed, excluded);
        // At most MAX_BLOCK_SCORES scores at a time, whatever the configured column block: the block's
        // memory then stays the same from a 10k to a 1M catalog.
        int width = (int) Math.max(1, Math.min(columnBlock, MAX_BLOCK_SCORES / Math.max(1, rows)));
        for (int from = 0; from < n; from += width) {
            int to = Math.min(n, from + width);
            try (NDManager block = manager.newSubManager()) {
                NDArray columns = table.get(new NDIndex(from + ":" + to));
                columns.attach(block);
                NDArray scores = query.matMul(columns.transpose());
                // A result belongs to the manager of the array it was computed from (the query's, open for the
                // whole call): without this every column block's scores would live until the end, rows x n in all.
                scores.attach(block);
                // A direct view of the engine's (contiguous) scores: read in place, no copy onto the heap.
                FloatBuffer view = scores.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
                best.offer(view, to - from, from);
            }
        }
        return best.result();
    }

    /** Scores of every item for each input: the input's rows summed, times the table's transpose. */
    @Override
    public float[] score(List<int[]> inputs) {
        float[] queries = new float[inputs.size() * k];
        for (int r = 0; r < inputs.size(); r++) {
            float[] rows = rows(inputs.get(r));
            for (int i = 0; i < rows.length; i++) {
                queries[r * k + i % k] += rows[i];
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            return scope.create(queries, new Shape(inputs.size(), k)).matMul(table.transpose()).toFloatArray();
        }
    }

    /**
     * Writes the table as {@code NSE1, n, k, 0} then the rows (float32, little-endian), via a
     * temporary file and a rename, so a crash never leaves a half-written table under the name.
     */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(MAGIC).putInt(n).putInt(k).putInt(0).flip();
            writeFully(out, header);
            for (int from = 0; from < n; from += IO_ROWS) {
                int to = Math.min(n, from + IO_ROWS);
                float[] rows;
                try (NDManager scope = manager.newSubManager()) {
                    NDArray block = table.get(new NDIndex(from + ":" + to));
                    block.attach(scope);
                    rows = block.toFloatArray();
                }
                ByteBuffer bytes = ByteBuffer.allocate(rows.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(rows);
                writeFully(out, bytes);
            }
            out.force(true);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a table {@link #write} wrote, mapped from the file: the tensor points into the mapping
     * (the page cache), so the rows are neither on the heap nor copied. The mapping lives as long as
     * the buffer the tensor holds.
     */
    public static Embeddings read(Path file, int columnBlock) throws IOException {
        // Opened for writing only so it can be mapped copy-on-write: the tensor points into the mapping
        // (DJL wraps a direct buffer without copying it), and the file must never change under it.
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer header = in.map(FileChannel.MapMode.READ_ONLY, 0, HEADER_BYTES);
            header.order(ByteOrder.LITTLE_ENDIAN);
            int magic = header.getInt();
            int n = header.getInt();
            int k = header.getInt();
            long expected = HEADER_BYTES + (long) n * k * Float.BYTES;
            if (magic != MAGIC || n < 0 || k < 1 || in.size() != expected) {
                throw new IOException(file + " is not an embedding table (bad header or " + in.size() + " bytes, expected " + expected + ")");
            }
            MappedByteBuffer rows = in.map(FileChannel.MapMode.PRIVATE, HEADER_BYTES, (long) n * k * Float.BYTES);
            rows.order(ByteOrder.LITTLE_ENDIAN);
            NDManager manager = NDManager.newBaseManager();
            try {
                return new Embeddings(manager, manager.create(rows, new Shape(n, k), DataType.FLOAT32), columnBlock);
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static long[] toLongs(int[] items) {
        long[] longs = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            longs[i] = items[i];
        }
        return longs;
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * The best items of each query row, row-major {@code rows x size}, best first; a row with fewer
     * allowed items has {@code -1} / {@code -inf} in its tail.
     */
    public record Top(int rows, int size, int[] indices, float[] values) {

        public int index(int row, int rank) {
            return indices[row * size + rank];
        }

        public float value(int row, int rank) {
            return values[row * size + rank];
        }
    }
}
