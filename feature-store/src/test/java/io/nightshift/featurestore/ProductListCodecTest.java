package io.nightshift.featurestore;

import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductListCodecTest {

    private static final Instant COMPUTED_AT = Instant.parse("2026-11-24T03:15:00.123Z");

    @Test
    void roundTripsVersionTimeAndItemsInOrder() {
        var list = new StoredList("v20261124-031500", COMPUTED_AT, List.of(
                new ScoredItem("p-42", 0.9), new ScoredItem("käse/ü:1", 0.1), new ScoredItem("p-7", -3.25)));

        StoredList decoded = ProductListCodec.decode(ProductListCodec.encode(list));

        assertThat(decoded).isEqualTo(list);
    }

    @Test
    void roundTripsAnEmptyList() {
        var list = new StoredList("v1", COMPUTED_AT, List.of());

        assertThat(ProductListCodec.decode(ProductListCodec.encode(list))).isEqualTo(list);
    }

    @Test
    void keepsScoresToFloatPrecisionAndReturnsTheShortestDecimal() {
        var list = new StoredList("v1", COMPUTED_AT, List.of(new ScoredItem("a", 0.123456789), new ScoredItem("b", 0.1)));

        List<ScoredItem> items = ProductListCodec.decode(ProductListCodec.encode(list)).items();

        assertThat(items.get(0).score()).isCloseTo(0.123456789, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(items.get(1).score()).isEqualTo(0.1);
    }

    @Test
    void handlesIdsLongerThanOneVarintByte() {
        String longId = "p".repeat(300);
        var list = new StoredList("v1", COMPUTED_AT, List.of(new ScoredItem(longId, 1.0)));

        assertThat(ProductListCodec.decode(ProductListCodec.encode(list)).items().getFirst().productId()).isEqualTo(longId);
    }

    @Test
    void isLessThanHalfTheSizeOfTheSameListAsJson() throws Exception {
        var items = IntStream.range(0, 50)
                .mapToObj(i -> new ScoredItem("p-" + (1000 + i * 37), 1.0 / (i + 3)))
                .toList();
        var list = new StoredList("v20261124-031500", COMPUTED_AT, items);

        int binary = ProductListCodec.encode(list).length;
        int json = ContractCodec.MAPPER.writeValueAsBytes(list).length;

        assertThat(binary).isLessThan(json / 2);
    }

    @Test
    void rejectsAnUnknownFormat() {
        byte[] encoded = ProductListCodec.encode(new StoredList("v1", COMPUTED_AT, List.of()));
        encoded[0] = 99;

        assertThatThrownBy(() -> ProductListCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 99");
    }

    @Test
    void rejectsATruncatedList() {
        byte[] encoded = ProductListCodec.encode(new StoredList("v1", COMPUTED_AT, List.of(new ScoredItem("p-1", 1.0))));

        assertThatThrownBy(() -> ProductListCodec.decode(Arrays.copyOf(encoded, encoded.length - 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void putsComputedAtAtTheOffsetTheFreshListScriptCompares() {
        byte[] older = ProductListCodec.encode(new StoredList("v1", COMPUTED_AT, List.of()));
        byte[] newer = ProductListCodec.encode(new StoredList("v1", COMPUTED_AT.plusMillis(1), List.of()));

        byte[] olderStamp = Arrays.copyOfRange(older, ProductListCodec.COMPUTED_AT_OFFSET, ProductListCodec.COMPUTED_AT_OFFSET + 8);
        byte[] newerStamp = Arrays.copyOfRange(newer, ProductListCodec.COMPUTED_AT_OFFSET, ProductListCodec.COMPUTED_AT_OFFSET + 8);
        assertThat(Arrays.compareUnsigned(olderStamp, newerStamp)).isNegative();
    }
}
