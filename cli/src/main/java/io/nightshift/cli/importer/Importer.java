package io.nightshift.cli.importer;

import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.event.ShopEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads a public dataset as shop events and a catalog. Every read of the same file gives the same
 * events with the same ids ({@code UUID.nameUUIDFromBytes} of format, file name, line number and
 * position in the line), so sending them again changes nothing downstream: the event id is the
 * idempotency key. A line that cannot be read is passed to the rejects and the read goes on.
 *
 * <p>Reads stream: only the id maps and the catalog are kept, so a caller can read once for the
 * catalog and the summary and again to send the events, without holding them all.
 */
public final class Importer {

    static final String UNKNOWN_CATEGORY = "unknown";
    private static final int MAX_NAME = 500;
    private static final int MAX_CATEGORY = 128;

    private final ImportFormat format;
    private final Path file;
    private final CsvMapping mapping;
    private final String prefix;

    private Importer(ImportFormat format, Path file, CsvMapping mapping, String prefix) {
        this.format = format;
        this.file = file;
        this.mapping = mapping;
        this.prefix = prefix;
    }

    /**
     * @param mapping the column mapping, required for {@link ImportFormat#CSV} and ignored otherwise
     * @param prefix  put before every user and product id ({@code beauty:42}); {@code null} derives it from the file name
     *                ({@code movielens} for that format), empty means none
     */
    public static Importer of(ImportFormat format, Path file, CsvMapping mapping, String prefix) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file.toAbsolutePath().normalize() + "; check the path");
        }
        if (format == ImportFormat.CSV && mapping == null) {
            throw new IllegalArgumentException("the csv format needs a column mapping: --user, --item and usually --time");
        }
        String effectivePrefix = prefix != null ? prefix : defaultPrefix(format, file);
        ShopIds.requireValidPrefix(effectivePrefix);
        return new Importer(format, file, mapping, effectivePrefix);
    }

    /** MovieLens files are called {@code u.data} or {@code ratings.dat}: the dataset's name says more than the file's. */
    private static String defaultPrefix(ImportFormat format, Path file) {
        return format == ImportFormat.MOVIELENS ? "movielens" : ShopIds.prefixOf(file.getFileName().toString());
    }

    /** Everything in memory: for tests and the evaluation, whose split needs all events anyway. */
    public ImportedData readAll() {
        List<ShopEvent> events = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        Catalogued result = read(events::add, rejects::add);
        return new ImportedData(events, result.catalog(), rejects, result.summary());
    }

    /** One pass over the file: events in file order to {@code events}, bad lines to {@code rejects}. */
    public Catalogued read(Consumer<ShopEvent> events, Consumer<Reject> rejects) {
        Pass pass = new Pass(parser(), events, rejects);
        try (BufferedReader reader = open()) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                pass.line(++number, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        return pass.result();
    }

    /** The state of one read: the id maps, the catalog so far and the counts. */
    private final class Pass {

        private final RowParser parser;
        private final Consumer<ShopEvent> events;
        private final Consumer<Reject> rejects;
        private final ShopIds users = new ShopIds(prefix);
        private final ShopIds items = new ShopIds(prefix);
        private final Map<String, Product> catalog = new LinkedHashMap<>();
        private final Fingerprints seen = new Fingerprints();
        private final String source = format.wire() + '\n' + file.getFileName() + '\n';
        private boolean beforeFirstLine = true;
        private long read;
        private long imported;
        private long rejected;
        private long duplicates;

        Pass(RowParser parser, Consumer<ShopEvent> events, Consumer<Reject> rejects) {
            this.parser = parser;
            this.events = events;
            this.rejects = rejects;
        }

        void line(long number, String text) {
            String line = beforeFirstLine ? text.replace("\uFEFF", "") : text;
            if (line.isBlank()) {
                return;
            }
            if (beforeFirstLine) {
                beforeFirstLine = false;
                if (parser.header(line)) {
                    return;
                }
            }
            read++;
            List<SourceRow> rows;
            try {
                rows = parser.parse(line);
            } catch (BadLine e) {
                rejected++;
                rejects.accept(new Reject(number, e.getMessage(), line));
                return;
            }
            for (int index = 0; index < rows.size(); index++) {
                String outOfBounds = ContractBounds.problem(rows.get(index));
                if (outOfBounds != null) {
                    rejected++;
                    rejects.accept(new Reject(number, outOfBounds, line));
                    continue;
                }
                emit(rows.get(index), number, index);
            }
        }

        private void emit(SourceRow row, long line, int index) {
            String userId = users.of(row.user());
            String productId = items.of(row.item());
            catalog.computeIfAbsent(productId, id -> product(id, row));
            if (!seen.add(userId + '\n' + productId + '\n' + row.time() + '\n' + row.type())) {
                duplicates++;
            }
            UUID eventId = UUID.nameUUIDFromBytes((source + line + '\n' + index).getBytes(StandardCharsets.UTF_8));
            events.accept(ShopEvent.interaction(eventId, row.type(), userId, productId, row.value(), row.time()));
            imported++;
        }

        Catalogued result() {
            return new Catalogued(List.copyOf(catalog.values()),
                    new ImportSummary(read, imported, rejected, duplicates, users.size(), catalog.size()));
        }
    }

    private BufferedReader open() throws IOException {
        // A decoder that replaces bad bytes: a stray Latin-1 character must not abort a million-line import.
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    private RowParser parser() {
        return switch (format) {
            case MOVIELENS -> new MovieLensParser();
            case SEQUENCES -> new SequenceParser();
            case CSV -> new CsvParser(mapping);
        };
    }

    private static Product product(String productId, SourceRow row) {
        String category = row.category() == null ? UNKNOWN_CATEGORY : truncate(ContractBounds.printable(row.category()), MAX_CATEGORY);
        return new Product(productId, truncate(ContractBounds.printable(row.item()), MAX_NAME), category, null, true);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** The catalog (distinct items in order of first appearance) and the counts of one read. */
    public record Catalogued(List<Product> catalog, ImportSummary summary) {
    }

    /** A whole file in memory. */
    public record ImportedData(List<ShopEvent> events, List<Product> catalog, List<Reject> rejects, ImportSummary summary) {
    }
}
