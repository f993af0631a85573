package io.nightshift.cli.importer;

import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The real files import whole, with the counts that a few lines of independent code find in them. */
class SharedDatasetsImportTest {

    @Test
    void amazonBeautyGivesOneViewPerItemOfEachUsersLine() throws IOException {
        Path file = SharedDatasets.beauty();
        List<String[]> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> l.trim().split(" ")).toList();
        long interactions = lines.stream().mapToLong(fields -> fields.length - 1).sum();
        Set<String> items = lines.stream().flatMap(fields -> Arrays.stream(fields).skip(1)).collect(Collectors.toSet());

        Importer.ImportedData data = SharedDatasets.beautyData();

        assertThat(data.summary()).isEqualTo(new ImportSummary(lines.size(), interactions, 0, 0, lines.size(), items.size()));
        assertThat(data.summary()).isEqualTo(new ImportSummary(22_363, 198_502, 0, 0, 22_363, 12_101));
        assertThat(data.events()).hasSize(198_502).extracting(ShopEvent::type).containsOnly(EventType.VIEW);
        assertThat(data.events().getFirst().userId()).isEqualTo("beauty:1");
        assertThat(data.catalog()).hasSize(12_101).extracting(Product::productId).doesNotHaveDuplicates();
    }

    @Test
    void groceriesGivesOneEventPerRowAndKeepsRepeatedRows() throws IOException {
        Path file = SharedDatasets.groceries();
        List<String[]> rows = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
        Set<String> members = rows.stream().map(r -> r[0]).collect(Collectors.toSet());
        // Two descriptions end in a space ("cream cheese "); the importer trims ids, which keeps them distinct here.
        Set<String> items = rows.stream().map(r -> r[2].strip()).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        long repeatedRows = rows.stream().filter(r -> !seen.add(String.join(",", r))).count();

        Importer.ImportedData data = Importer.of(ImportFormat.CSV, file, SharedDatasets.groceriesMapping(), null).readAll();

        assertThat(data.summary()).isEqualTo(new ImportSummary(rows.size(), rows.size(), 0, repeatedRows, members.size(), items.size()));
        assertThat(data.summary()).extracting(ImportSummary::read, ImportSummary::users, ImportSummary::items)
                .containsExactly(38_765L, 3_898, 167);
        assertThat(data.catalog()).extracting(Product::name).containsAll(items);
        assertThat(data.events().getFirst().productId()).isEqualTo("groceries_dataset:tropical_fruit");
    }
}
