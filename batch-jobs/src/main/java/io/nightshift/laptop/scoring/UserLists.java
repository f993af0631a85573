package io.nightshift.laptop.scoring;

import io.nightshift.schemas.result.ScoredItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** Shoppers' "for you" lists of a model version waiting in the local store to be published. */
@Repository
public class UserLists {

    private static final TypeReference<List<ScoredItem>> ITEMS = new TypeReference<>() {
    };

    private static final int WRITE_BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    UserLists(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** Idempotent: lists computed again after a restart overwrite their own rows. */
    public void saveAll(String version, Map<String, List<ScoredItem>> byUser) {
        List<Object[]> rows = byUser.entrySet().stream()
                .map(e -> new Object[]{version, e.getKey(), json.writeValueAsString(e.getValue())})
                .toList();
        for (int from = 0; from < rows.size(); from += WRITE_BATCH) {
            batch.batchUpdate("MERGE INTO user_lists (model_version, user_key, items) KEY (model_version, user_key) VALUES (?, ?, ?)",
                    rows.subList(from, Math.min(rows.size(), from + WRITE_BATCH)));
        }
    }

    public long count(String version) {
        return jdbc.sql("SELECT COUNT(*) FROM user_lists WHERE model_version = ?").param(version).query(Long.class).single();
    }

    /** The next lists after {@code afterUser} (exclusive; {@code ""} for the first page), in user-key order. */
    public List<UserList> page(String version, String afterUser, int limit) {
        return jdbc.sql("""
                        SELECT user_key, items FROM user_lists
                        WHERE model_version = ? AND user_key > ? ORDER BY user_key LIMIT ?""")
                .params(version, afterUser, limit)
                .query((rs, row) -> new UserList(rs.getString(1), json.readValue(rs.getString(2), ITEMS)))
                .list();
    }

    /** Lists of versions other than the one just published are no longer needed once it is out. */
    public void deleteAllBut(String version) {
        jdbc.sql("DELETE FROM user_lists WHERE model_version <> ?").param(version).update();
    }

    /** One shopper's list, best first. */
    public record UserList(String userKey, List<ScoredItem> items) {

        public UserList {
            items = List.copyOf(items);
        }
    }
}
