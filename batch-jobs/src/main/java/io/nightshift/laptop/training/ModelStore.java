package io.nightshift.laptop.training;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.Optional;

/**
 * Trained models in the local store, so a restarted run scores with the model its trainModel
 * step made, and a restarted process answers fresh requests with the last published model.
 */
@Repository
public class ModelStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EmbeddingFiles embeddingFiles;

    ModelStore(JdbcClient jdbc, JsonMapper json, EmbeddingFiles embeddingFiles) {
        this.jdbc = jdbc;
        this.json = json;
        this.embeddingFiles = embeddingFiles;
    }

    void save(RelatedItemsModel model) {
        jdbc.sql("MERGE INTO models (model_version, trained_at, content) KEY (model_version) VALUES (?, ?, ?)")
                .params(model.version(), Timestamp.from(model.trainedAt()), json.writeValueAsBytes(model))
                .update();
    }

    public Optional<RelatedItemsModel> find(String version) {
        return jdbc.sql("SELECT content FROM models WHERE model_version = ?")
                .param(version)
                .query((rs, row) -> json.readValue(rs.getBytes(1), RelatedItemsModel.class))
                .optional();
    }

    boolean exists(String version) {
        return jdbc.sql("SELECT COUNT(*) FROM models WHERE model_version = ?").param(version).query(Long.class).single() > 0;
    }

    public void markPublished(String version) {
        jdbc.sql("UPDATE models SET published = TRUE WHERE model_version = ?").param(version).update();
    }

    /**
     * Drops models older than {@code version} except the previously published one: the cloud keeps
     * versions for rollback, the laptop only needs the model it serves fresh lists with (and one
     * spare), and a model is megabytes. The embedding files of the dropped models go with them.
     */
    public void pruneOlderThan(String version) {
        jdbc.sql("""
                        DELETE FROM models
                        WHERE trained_at < (SELECT trained_at FROM models WHERE model_version = :version)
                          AND model_version NOT IN (
                              SELECT model_version FROM models
                              WHERE published AND model_version <> :version
                              ORDER BY trained_at DESC LIMIT 1)""")
                .param("version", version)
                .update();
        embeddingFiles.retainOnly(jdbc.sql("SELECT model_version FROM models").query(String.class).list());
    }

    Optional<RelatedItemsModel> latestPublished() {
        return jdbc.sql("SELECT content FROM models WHERE published ORDER BY trained_at DESC, model_version DESC LIMIT 1")
                .query((rs, row) -> json.readValue(rs.getBytes(1), RelatedItemsModel.class))
                .optional();
    }
}
