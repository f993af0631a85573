package io.nightshift.laptop.scoring;

import io.nightshift.schemas.result.ScoredItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** The product lists of a model version waiting in the local store to be published. */
@Repository
public class ScoredLists extends PendingLists<ScoredList> {

    ScoredLists(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        super("scored_lists", "product_id", jdbc, batch, json);
    }

    /** A chunk's lists. Idempotent: a chunk scored again after a restart overwrites its own lists. */
    void saveAll(String version, List<ScoredList> chunk) {
        saveRows(version, chunk.stream().map(list -> Map.entry(list.productId(), list.items())));
    }

    @Override
    ScoredList list(String productId, List<ScoredItem> items) {
        return new ScoredList(productId, items);
    }
}
