package io.nightshift.cli.importer;

import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Parsers of every format on small inline files, bad lines included. */
class ImporterTest {

    @TempDir
    Path dir;

    private Importer.ImportedData read(ImportFormat format, String name, String content, CsvMapping mapping) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return Importer.of(format, file, mapping, "t").readAll();
    }

    @Test
    @DisplayName("a row outside the contract's bounds is a reject, not a batch the API refuses")
    void rowsOutsideTheContractAreRejected() throws IOException {
        var data = read(ImportFormat.MOVIELENS, "u.data", "1\t10\t4\t881250949\n1\t11\t-10\t881250949\n2\t12\t3\t-86400\n", null);

        assertThat(data.events()).extracting(ShopEvent::productId).containsExactly("t:10");
        assertThat(data.rejects()).extracting(Reject::line).containsExactly(2L, 3L);
        assertThat(data.rejects().get(0).reason()).contains("value -10.0");
        assertThat(data.rejects().get(1).reason()).contains("1970");
    }

    @Test
    @DisplayName("control characters in an item's name become spaces, so the catalog stays valid")
    void controlCharactersInNames() throws IOException {
        var mapping = CsvMapping.of("u", "item", "t", "iso");
        var data = read(ImportFormat.CSV, "shop.csv", "u,item,t\n1,\"Trail\u0007shoe\",2020-01-01T00:00:00Z\n", mapping);
        ContractCodec<CatalogEvent> codec = ContractCodec.of(Contract.CATALOG_EVENT);

        assertThat(data.catalog()).singleElement().satisfies(product -> {
            assertThat(product.name()).isEqualTo("Trail shoe");
            codec.encode(CatalogEvent.upsert(UUID.randomUUID(), product, Instant.now()));
        });
    }

    @Nested
    @DisplayName("movielens")
    class MovieLens {

        @Test
        void readsTheTabSeparated100kLayoutAsRatings() throws IOException {
            var data = read(ImportFormat.MOVIELENS, "u.data", "196\t242\t3\t881250949\n186\t302\t3.5\t891717742\n", null);
            assertThat(data.events()).extracting(ShopEvent::type, ShopEvent::userId, ShopEvent::productId, ShopEvent::value, ShopEvent::occurredAt)
                    .containsExactly(tuple(EventType.RATING, "t:196", "t:242", 3.0, Instant.ofEpochSecond(881250949)),
                            tuple(EventType.RATING, "t:186", "t:302", 3.5, Instant.ofEpochSecond(891717742)));
            assertThat(data.summary()).isEqualTo(new ImportSummary(2, 2, 0, 0, 2, 2));
        }

        @Test
        void readsThe1mDoubleColonLayout() throws IOException {
            var data = read(ImportFormat.MOVIELENS, "ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n", null);
            assertThat(data.events()).extracting(ShopEvent::productId, ShopEvent::value).containsExactly(tuple("t:1193", 5.0), tuple("t:661", 3.0));
            assertThat(data.summary().users()).isEqualTo(1);
        }

        @Test
        void readsTheCsvLayoutAndSkipsItsHeader() throws IOException {
            var data = read(ImportFormat.MOVIELENS, "ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n", null);
            assertThat(data.events()).singleElement().satisfies(e -> {
                assertThat(e.userId()).isEqualTo("t:1");
                assertThat(e.value()).isEqualTo(2.5);
            });
            assertThat(data.summary().read()).isEqualTo(1);
        }

        @Test
        void rejectsBadLinesWithLineNumberAndReasonAndGoesOn() throws IOException {
            var data = read(ImportFormat.MOVIELENS, "u.data",
                    "1\t2\t3\t100\n1\t2\tfive\t100\n\n1\t2\t3\n1\t\t3\t100\n1\t2\t3\tyesterday\n2\t3\t4\t200\n", null);
            assertThat(data.events()).hasSize(2);
            assertThat(data.rejects()).extracting(Reject::line, Reject::reason).containsExactly(
                    tuple(2L, "rating 'five' is not a number"),
                    tuple(4L, "expected 4 fields (user, item, rating, timestamp) as in u.data (tab-separated), found 3"),
                    tuple(5L, "item is empty"),
                    tuple(6L, "timestamp 'yesterday' is not a time in seconds since 1970"));
            assertThat(data.rejects().getFirst().toFileLine()).isEqualTo("2\trating 'five' is not a number\t1\t2\tfive\t100");
            assertThat(data.summary()).isEqualTo(new ImportSummary(6, 2, 4, 0, 2, 2));
        }

        @Test
        void refusesAFileThatIsNotMovieLensAtAll() {
            assertThatThrownBy(() -> read(ImportFormat.MOVIELENS, "x.txt", "hello world\n", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a MovieLens ratings line");
        }
    }

    @Nested
    @DisplayName("sequences")
    class Sequences {

        @Test
        void oneLinePerUserBecomesViewsWithIncreasingTimesInFileOrder() throws IOException {
            var data = read(ImportFormat.SEQUENCES, "seq.txt", "1 10 11 10\n2 11\n", null);
            assertThat(data.events()).extracting(ShopEvent::userId, ShopEvent::productId).containsExactly(
                    tuple("t:1", "t:10"), tuple("t:1", "t:11"), tuple("t:1", "t:10"), tuple("t:2", "t:11"));
            assertThat(data.events()).extracting(ShopEvent::type).containsOnly(EventType.VIEW);
            assertThat(data.events()).extracting(ShopEvent::occurredAt).isSorted().doesNotHaveDuplicates();
            assertThat(data.summary()).isEqualTo(new ImportSummary(2, 4, 0, 0, 2, 2));
        }

        @Test
        void aUserWithoutItemsIsRejected() throws IOException {
            var data = read(ImportFormat.SEQUENCES, "seq.txt", "1 10\n7\n2 10 12\n", null);
            assertThat(data.rejects()).extracting(Reject::line, Reject::reason).containsExactly(tuple(2L, "a user without items; expected: user item item ..."));
            assertThat(data.events()).hasSize(3);
        }
    }

    @Nested
    @DisplayName("csv")
    class Csv {

        @Test
        void mapsColumnsByIndexWithoutHeaderAndKeepsFileOrderOnEqualTimes() throws IOException {
            var data = read(ImportFormat.CSV, "g.csv", "1808,21-07-2015,tropical fruit\r\n1808,21-07-2015,whole milk\r\n2552,05-01-2015,rolls/buns\r\n",
                    CsvMapping.of("0", "2", "1", "dd-MM-yyyy"));
            assertThat(data.events()).extracting(ShopEvent::userId, ShopEvent::productId, ShopEvent::occurredAt).containsExactly(
                    tuple("t:1808", "t:tropical_fruit", Instant.parse("2015-07-21T00:00:00Z")),
                    tuple("t:1808", "t:whole_milk", Instant.parse("2015-07-21T00:00:00Z")),
                    tuple("t:2552", "t:rolls/buns", Instant.parse("2015-01-05T00:00:00Z")));
            assertThat(data.catalog()).extracting(Product::productId, Product::name, Product::category, Product::available)
                    .contains(tuple("t:whole_milk", "whole milk", "unknown", true));
        }

        @Test
        void mapsColumnsByHeaderTitleWithTypeValueCategoryAndQuotes() throws IOException {
            String csv = "when;who;what;kind;amount;aisle\n"
                    + "2024-03-01T10:00:00Z;alice;\"sku;1\";purchase;2;\"dairy \"\"fresh\"\"\"\n"
                    + "2024-03-01 11:00:00;bob;sku2;RATING;4.5;\n"
                    + "2024-03-02;bob;sku2;view;;\n";
            var mapping = new CsvMapping("who", "what", "when", TimeFormat.of("iso"), "kind", "amount", "aisle", ';', null, null);
            var data = read(ImportFormat.CSV, "shop.csv", csv, mapping);
            assertThat(data.rejects()).isEmpty();
            assertThat(data.events()).extracting(ShopEvent::type, ShopEvent::productId, ShopEvent::value, ShopEvent::occurredAt).containsExactly(
                    tuple(EventType.PURCHASE, "t:sku_1", 2.0, Instant.parse("2024-03-01T10:00:00Z")),
                    tuple(EventType.RATING, "t:sku2", 4.5, Instant.parse("2024-03-01T11:00:00Z")),
                    tuple(EventType.VIEW, "t:sku2", null, Instant.parse("2024-03-02T00:00:00Z")));
            assertThat(data.catalog()).extracting(Product::name, Product::category)
                    .containsExactly(tuple("sku;1", "dairy \"fresh\""), tuple("sku2", "unknown"));
        }

        @Test
        void readsEpochTimesInSecondsAndMilliseconds() throws IOException {
            var seconds = read(ImportFormat.CSV, "s.csv", "u,i,1700000000.5\n", CsvMapping.of("0", "1", "2", "epoch"));
            var millis = read(ImportFormat.CSV, "m.csv", "u,i,1700000000500\n", CsvMapping.of("0", "1", "2", "epoch-ms"));
            assertThat(seconds.events().getFirst().occurredAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20.500Z"))
                    .isEqualTo(millis.events().getFirst().occurredAt());
        }

        @Test
        void withoutATimeColumnRowsGetIncreasingTimesInFileOrder() throws IOException {
            var data = read(ImportFormat.CSV, "n.csv", "u,b\nu,a\n", CsvMapping.of("0", "1", null, "iso"));
            assertThat(data.events()).extracting(ShopEvent::occurredAt).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void rejectsBadLinesAndCountsDuplicatesWhichStayImported() throws IOException {
            String csv = "u1,i1,01-01-2020\nu1,i1,01-01-2020\nu2,\"open,01-01-2020\nu3,i3\nu4,i4,2020-01-01\n,i5,01-01-2020\n";
            var data = read(ImportFormat.CSV, "b.csv", csv, CsvMapping.of("0", "1", "2", "dd-MM-yyyy"));
            assertThat(data.rejects()).extracting(Reject::line, Reject::reason).containsExactly(
                    tuple(3L, "a quoted field is not closed on this line"),
                    tuple(4L, "expected at least 3 fields separated by ',', found 2"),
                    tuple(5L, "time '2020-01-01' does not match --time-format dd-MM-yyyy"),
                    tuple(6L, "user is empty"));
            assertThat(data.summary()).isEqualTo(new ImportSummary(6, 2, 4, 1, 1, 1));
        }

        @Test
        void anUnknownTypeOrARatingWithoutValueIsABadLine() throws IOException {
            var mapping = new CsvMapping("0", "1", null, null, "2", "3", null, ',', false, null);
            var data = read(ImportFormat.CSV, "t.csv", "u,i,like,1\nu,i,rating,\nu,i,reco_served,1\nu,i,purchase,2\n", mapping);
            assertThat(data.rejects()).extracting(Reject::reason).containsExactly(
                    "type 'like' is not one of view, add_to_cart, purchase, rating",
                    "a rating without a value",
                    "type 'reco_served' is not one of view, add_to_cart, purchase, rating");
            assertThat(data.events()).extracting(ShopEvent::type).containsExactly(EventType.PURCHASE);
        }

        @Test
        void aColumnNameMissingFromTheHeaderIsAUsageErrorThatListsTheColumns() {
            assertThatThrownBy(() -> read(ImportFormat.CSV, "h.csv", "user,item\nu,i\n", CsvMapping.of("user", "product", null, "iso")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--item 'product' is not a column of the header [user, item]; use one of those titles or a 0-based index");
        }

        @Test
        void aBadTimePatternIsAUsageError() {
            assertThatThrownBy(() -> TimeFormat.of("dd-MM-yyyyy-ppp")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--time-format 'dd-MM-yyyyy-ppp'");
        }
    }

    @Test
    void idsAreSanitizedPrefixedKeptApartAndValidAgainstTheSchema() throws IOException {
        String longId = "x".repeat(200);
        var data = read(ImportFormat.CSV, "ids.csv", "ü ser,whole milk\nü ser,whole_milk\nü ser," + longId + "\nü ser,a\tb\n",
                CsvMapping.of("0", "1", null, "iso"));
        List<String> products = data.events().stream().map(ShopEvent::productId).toList();
        assertThat(products.get(0)).isEqualTo("t:whole_milk");
        assertThat(products.get(1)).startsWith("t:whole_milk.").isNotEqualTo(products.get(0));
        assertThat(products.get(2)).hasSize(128);
        assertThat(products.get(3)).isEqualTo("t:a_b");
        assertThat(data.events().getFirst().userId()).isEqualTo("t:_ser");
        ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);
        data.events().forEach(event -> assertThat(codec.decode(codec.encode(event))).isEqualTo(event));
        ContractCodec<CatalogEvent> catalog = ContractCodec.of(Contract.CATALOG_EVENT);
        data.catalog().forEach(product -> {
            CatalogEvent upsert = CatalogEvent.upsert(UUID.randomUUID(), product, Instant.now());
            assertThat(catalog.decode(catalog.encode(upsert))).isEqualTo(upsert);
        });
    }

    @Test
    void longNamesAndCategoriesAreCutToWhatTheCatalogContractAllows() throws IOException {
        var mapping = new CsvMapping("0", "1", null, null, null, null, "2", ',', false, null);
        var data = read(ImportFormat.CSV, "long.csv", "u," + "n".repeat(600) + "," + "c".repeat(300) + "\n", mapping);
        assertThat(data.catalog()).singleElement().satisfies(product -> {
            assertThat(product.name()).hasSize(500);
            assertThat(product.category()).hasSize(128);
            ContractCodec<CatalogEvent> codec = ContractCodec.of(Contract.CATALOG_EVENT);
            CatalogEvent upsert = CatalogEvent.upsert(UUID.randomUUID(), product, Instant.now());
            assertThat(codec.decode(codec.encode(upsert))).isEqualTo(upsert);
        });
    }

    @Test
    void theDefaultPrefixIsTheFileNameWithoutExtensionOrTheDatasetForMovieLens() throws IOException {
        Path file = dir.resolve("Beauty.txt");
        Files.writeString(file, "1 2 3\n");
        assertThat(Importer.of(ImportFormat.SEQUENCES, file, null, null).readAll().events().getFirst().userId()).isEqualTo("beauty:1");
        assertThat(Importer.of(ImportFormat.SEQUENCES, file, null, "").readAll().events().getFirst().userId()).isEqualTo("1");
        Path movieLens = dir.resolve("u.data");
        Files.writeString(movieLens, "196\t242\t3\t881250949\n");
        assertThat(Importer.of(ImportFormat.MOVIELENS, movieLens, null, null).readAll().events().getFirst().productId()).isEqualTo("movielens:242");
    }

    @Test
    void readingTheSameFileAgainGivesTheSameEventIdsSoAReImportChangesNothing() throws IOException {
        String content = "1 10 11\n2 11 12 13\nbad\n3 10\n";
        var first = read(ImportFormat.SEQUENCES, "again.txt", content, null);
        var second = read(ImportFormat.SEQUENCES, "again.txt", content, null);
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.catalog()).isEqualTo(first.catalog());
        assertThat(first.events()).extracting(ShopEvent::eventId).doesNotHaveDuplicates();
        var otherFile = read(ImportFormat.SEQUENCES, "other.txt", content, null);
        assertThat(otherFile.events().getFirst().eventId()).isNotEqualTo(first.events().getFirst().eventId());
    }

    @Test
    void aMissingFileSaysWhichPath() {
        assertThatThrownBy(() -> Importer.of(ImportFormat.SEQUENCES, dir.resolve("nope.txt"), null, null).readAll())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.txt").hasMessageContaining("check the path");
    }
}
