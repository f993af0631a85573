package io.nightshift.laptop.scoring;

import io.nightshift.schemas.result.ScoredItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** Shoppers' "for you" lists of a model version waiting in the local store to be published. */
@Repository
public class UserLists extends PendingLists<UserLists.UserList> {

    UserLists(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        super("user_lists", "user_key", jdbc, batch, json);
    }

    /** Idempotent: lists computed again after a restart overwrite their own rows. */
    public void saveAll(String version, Map<String, List<ScoredItem>> byUser) {
        saveRows(version, byUser.entrySet().stream());
    }

    /** Drops a shopper's pending lists, of every version (an erased shopper's list is never published). */
    public int forget(String userKey) {
        return jdbc().sql("DELETE FROM user_lists WHERE user_key = ?").param(userKey).update();
    }

    @Override
    UserList list(String userKey, List<ScoredItem> items) {
        return new UserList(userKey, items);
    }

    /** One shopper's list, best first. */
    public record UserList(String userKey, List<ScoredItem> items) {

        public UserList {
            items = List.copyOf(items);
        }
    }
}
