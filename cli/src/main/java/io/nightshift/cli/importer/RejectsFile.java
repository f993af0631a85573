package io.nightshift.cli.importer;

import io.nightshift.cli.terminal.Progress;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where bad lines go: one line each (number, reason, original text, tab-separated) in a file that
 * is created on the first one, and the first few shown to the user. Streams, so a file that is
 * mostly bad does not fill the memory.
 */
public final class RejectsFile implements Consumer<Reject>, AutoCloseable {

    static final int SHOWN = 10;

    private final Path path;
    private final Progress progress;
    private BufferedWriter writer;
    private long count;

    public RejectsFile(Path path, Progress progress) {
        this.path = path;
        this.progress = progress;
    }

    @Override
    public void accept(Reject reject) {
        count++;
        if (count <= SHOWN) {
            progress.warn(reject.toString());
        }
        try {
            if (writer == null) {
                writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            }
            writer.write(reject.toFileLine());
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the rejects to " + path + " (" + e.getMessage()
                    + "); choose another place with --rejects", e);
        }
    }

    public long count() {
        return count;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            } else {
                // A rejects file left by an earlier import of this file would now be wrong.
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the rejects to " + path + " (" + e.getMessage() + ")", e);
        }
        if (count > SHOWN) {
            progress.warn("... and " + (count - SHOWN) + " more in " + path);
        }
    }
}
