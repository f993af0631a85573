package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Loads the shared public datasets exactly as issue 8's protocol reads them. */
final class PublicDatasets {

    static final Path SHARED = Path.of(System.getProperty("nightshift.data", "/work/shared/data"));
    static final Path BEAUTY = SHARED.resolve("amazon-beauty/Beauty.txt");
    static final Path GROCERIES = SHARED.resolve("groceries/Groceries_dataset.csv");

    private PublicDatasets() {
    }

    /** One line per user: {@code user item item ...} in time order. */
    static Dataset sequences(Path file) {
        Dataset.Builder builder = new Dataset.Builder();
        try (var lines = Files.lines(file)) {
            lines.forEach(line -> {
                String[] fields = line.trim().split("\\s+");
                for (int i = 1; i < fields.length; i++) {
                    builder.add(fields[0], fields[i]);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.build();
    }

    /** {@code member,dd-MM-yyyy,item} without header; ordered by date, then file order (a stable sort). */
    static Dataset groceries(Path file) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("dd-MM-yyyy");
        record Row(String user, LocalDate date, String item) {
        }
        List<Row> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.strip().split(",", 3);
                if (fields.length == 3) {
                    rows.add(new Row(fields[0], LocalDate.parse(fields[1], format), fields[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(Comparator.comparing(Row::date));
        Dataset.Builder builder = new Dataset.Builder();
        rows.forEach(row -> builder.add(row.user(), row.item()));
        return builder.build();
    }
}
