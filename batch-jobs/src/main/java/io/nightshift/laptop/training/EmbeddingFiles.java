package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.models.Embeddings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Factor models' embeddings in the data folder, one pair of files per model version (binary,
 * so a 1 M-product model stays out of the JSON in the local store): {@code models/<version>.embeddings}
 * holds the {@code n x k} table, {@code models/<version>.items} the product id and the
 * availability of each row.
 */
@Component
public class EmbeddingFiles {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingFiles.class);
    private static final String TABLE = ".embeddings";
    private static final String ITEMS = ".items";

    private final Path folder;
    private final int columnBlock;

    EmbeddingFiles(LaptopProperties properties) {
        this.folder = properties.dataDir().resolve("models");
        this.columnBlock = properties.factors().columnBlock();
    }

    /** Writes a version's files; the model refers to them by {@link #reference}. */
    String save(String version, List<String> products, boolean[] available, Embeddings embeddings) {
        try {
            Files.createDirectories(folder);
            embeddings.write(folder.resolve(version + TABLE));
            Path items = folder.resolve(version + ITEMS);
            Path partial = folder.resolve(version + ITEMS + ".partial");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
                out.writeInt(products.size());
                for (int i = 0; i < products.size(); i++) {
                    out.writeUTF(products.get(i));
                    out.writeBoolean(available[i]);
                }
            }
            Files.move(partial, items, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return reference(version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embeddings of " + version + " to " + folder, e);
        }
    }

    static String reference(String version) {
        return "models/" + version;
    }

    /** The embeddings a model refers to; fails clearly when the data folder lost them. */
    public EmbeddedCatalog load(String reference) {
        String version = reference.substring(reference.lastIndexOf('/') + 1);
        Path table = folder.resolve(version + TABLE);
        Path items = folder.resolve(version + ITEMS);
        if (!Files.exists(table) || !Files.exists(items)) {
            throw new IllegalStateException("the embeddings of " + version + " are not in " + folder
                    + " (the data folder was cleaned?); run the job anew so trainModel makes them");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(items), 1 << 16))) {
            int n = in.readInt();
            List<String> products = new ArrayList<>(n);
            boolean[] available = new boolean[n];
            for (int i = 0; i < n; i++) {
                products.add(in.readUTF());
                available[i] = in.readBoolean();
            }
            Embeddings embeddings = Embeddings.read(table, columnBlock);
            try {
                return new EmbeddedCatalog(products, available, embeddings);
            } catch (RuntimeException e) {
                embeddings.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embeddings of " + version + " from " + folder, e);
        }
    }

    /** Deletes the files of every version not in {@code keep} (the models the local store still has). */
    void retainOnly(Collection<String> keep) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String version = name.endsWith(TABLE) ? name.substring(0, name.length() - TABLE.length())
                        : name.endsWith(ITEMS) ? name.substring(0, name.length() - ITEMS.length()) : null;
                if (version != null && !keep.contains(version)) {
                    Files.deleteIfExists(file);
                    log.info("deleted {}: its model is no longer kept", file);
                }
            }
        } catch (IOException e) {
            // Stale files only cost disk; the next prune tries again.
            log.warn("cannot clean the embeddings in {}: {}", folder, e.toString());
        }
    }
}
