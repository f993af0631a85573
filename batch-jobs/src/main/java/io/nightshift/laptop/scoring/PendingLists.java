package io.nightshift.laptop.scoring;

import io.nightshift.schemas.result.ScoredItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists of a model version waiting in the local store for publishVersion, one row per key
 * ({@code model_version}, key, items as JSON): the product lists and the shoppers' lists live in
 * two such tables and differ only in what their key is.
 *
 * @param <L> the list record the table's rows are read back as
 */
abstract class PendingLists<L> {

    private static final TypeReference<List<ScoredItem>> ITEMS = new TypeReference<>() {
    };
    private static final int WRITE_BATCH = 1000;

    private final String table;
    private final String keyColumn;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    /** {@code table} and {@code keyColumn} are constants of the subclass, never input. */
    PendingLists(String table, String keyColumn, JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** A row read back as the subclass's record. */
    abstract L list(String key, List<ScoredItem> items);

    /** In JDBC batches. Idempotent: lists computed again after a restart overwrite their own rows. */
    void saveRows(String version, Stream<Map.Entry<String, List<ScoredItem>>> lists) {
        List<Object[]> rows = lists.map(e -> new Object[]{version, e.getKey(), json.writeValueAsString(e.getValue())}).toList();
        String merge = "MERGE INTO " + table + " (model_version, " + keyColumn + ", items) KEY (model_version, " + keyColumn
                + ") VALUES (?, ?, ?)";
        for (int from = 0; from < rows.size(); from += WRITE_BATCH) {
            batch.batchUpdate(merge, rows.subList(from, Math.min(rows.size(), from + WRITE_BATCH)));
        }
    }

    public long count(String version) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE model_version = ?").param(version).query(Long.class).single();
    }

    /** The next lists after {@code afterKey} (exclusive; {@code ""} for the first page), in key order. */
    public List<L> page(String version, String afterKey, int limit) {
        // Ordered by the whole primary key, so H2 reads the page off the index and stops at the limit; ordered by the
        // key alone it copied every later row (and its CLOB) into a sorted result first: quadratic in the lists.
        return jdbc.sql("SELECT " + keyColumn + ", items FROM " + table
                        + " WHERE model_version = ? AND " + keyColumn + " > ? ORDER BY model_version, " + keyColumn + " LIMIT ?")
                .params(version, afterKey, limit)
                .query((rs, row) -> list(rs.getString(1), json.readValue(rs.getString(2), ITEMS)))
                .list();
    }

    /** Lists of versions other than the one just published are no longer needed once it is out. */
    public void deleteAllBut(String version) {
        jdbc.sql("DELETE FROM " + table + " WHERE model_version <> ?").param(version).update();
    }
}
