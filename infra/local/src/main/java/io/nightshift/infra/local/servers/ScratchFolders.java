package io.nightshift.infra.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The folders a local server or stack writes (logs, data, jar copies) are deleted whole on the way out. */
public final class ScratchFolders {

    private ScratchFolders() {
    }

    /**
     * Deletes {@code root} and everything below it, deepest first; a missing root is fine. A file
     * that cannot be deleted is left (the next start wipes it); a folder that cannot be walked is
     * an error.
     */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root + "; delete it by hand", e);
        }
    }
}
