package io.nightshift.laptop.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest published model, in memory for the fresh-request worker. Loaded from the local
 * store at start, so a laptop that restarts answers with its last model straight away.
 */
@Component
public class CurrentModel {

    private static final Logger log = LoggerFactory.getLogger(CurrentModel.class);

    private final AtomicReference<RelatedItemsModel> model = new AtomicReference<>();

    CurrentModel(ModelStore store) {
        store.latestPublished().ifPresent(latest -> {
            model.set(latest);
            log.info("loaded model {} from the local store", latest.version());
        });
    }

    public Optional<RelatedItemsModel> get() {
        return Optional.ofNullable(model.get());
    }

    public void replace(RelatedItemsModel latest) {
        model.set(latest);
    }
}
