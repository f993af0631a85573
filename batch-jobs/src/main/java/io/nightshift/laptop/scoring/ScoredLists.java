package io.nightshift.laptop.scoring;

import io.nightshift.schemas.result.ScoredItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** The lists of a model version waiting in the local store to be published. */
@Repository
public class ScoredLists {

    private static final TypeReference<List<ScoredItem>> ITEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    ScoredLists(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** A chunk's lists, in one JDBC batch. Idempotent: a chunk scored again after a restart overwrites its own lists. */
    void saveAll(String version, List<ScoredList> chunk) {
        batch.batchUpdate("MERGE INTO scored_lists (model_version, product_id, items) KEY (model_version, product_id) VALUES (?, ?, ?)",
                chunk.stream().map(list -> new Object[]{version, list.productId(), json.writeValueAsString(list.items())}).toList());
    }

    public long count(String version) {
        return jdbc.sql("SELECT COUNT(*) FROM scored_lists WHERE model_version = ?").param(version).query(Long.class).single();
    }

    /** The next lists after {@code afterProductId} (exclusive; {@code ""} for the first page), in product-id order. */
    public List<ScoredList> page(String version, String afterProductId, int limit) {
        return jdbc.sql("""
                        SELECT product_id, items FROM scored_lists
                        WHERE model_version = ? AND product_id > ? ORDER BY product_id LIMIT ?""")
                .params(version, afterProductId, limit)
                .query((rs, row) -> new ScoredList(rs.getString(1), json.readValue(rs.getString(2), ITEMS)))
                .list();
    }

    /** Lists of versions other than the one just published are no longer needed once it is out. */
    public void deleteAllBut(String version) {
        jdbc.sql("DELETE FROM scored_lists WHERE model_version <> ?").param(version).update();
    }
}
