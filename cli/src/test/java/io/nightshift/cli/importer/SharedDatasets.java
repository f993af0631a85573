package io.nightshift.cli.importer;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public datasets next to the repository ({@code ../shared/data}, see their READMEs), or
 * where {@code -Dnightshift.shared-data=DIR} says. Tests that need them are skipped where they are absent.
 */
public final class SharedDatasets {

    /** Beauty read once per test JVM: two test classes need all of it, and it is the slow part of both. */
    private static Importer.ImportedData beautyData;

    private SharedDatasets() {
    }

    public static synchronized Importer.ImportedData beautyData() {
        if (beautyData == null) {
            beautyData = Importer.of(ImportFormat.SEQUENCES, beauty(), null, null).readAll();
        }
        return beautyData;
    }

    public static Path beauty() {
        return require("amazon-beauty/Beauty.txt");
    }

    public static Path groceries() {
        return require("groceries/Groceries_dataset.csv");
    }

    /** The groceries file as issue 8 reads it: member = user, date (day precision), item description. */
    public static CsvMapping groceriesMapping() {
        return CsvMapping.of("0", "2", "1", "dd-MM-yyyy");
    }

    private static Path require(String relative) {
        // Tests run in cli/; the shared folder sits next to the repository root.
        Path root = Path.of(System.getProperty("nightshift.shared-data", "../../shared/data"));
        Path file = root.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared dataset " + file.toAbsolutePath() + " is not there");
        return file;
    }
}
