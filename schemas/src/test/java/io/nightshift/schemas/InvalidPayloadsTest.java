package io.nightshift.schemas;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.codec.InvalidPayloadException;
import io.nightshift.schemas.codec.Violation;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidPayloadsTest {

    static Stream<Arguments> brokenShopEvents() {
        return Stream.of(
                Arguments.of("a required field is missing", "$.productId", edit(e -> e.remove("productId"))),
                Arguments.of("a field has the wrong type", "$.value", edit(e -> e.put("value", "five"))),
                Arguments.of("an enum value is unknown", "$.type", edit(e -> e.put("type", "wishlist"))),
                Arguments.of("an id is not a UUID", "$.eventId", edit(e -> e.put("eventId", "12345"))),
                Arguments.of("a timestamp is not ISO-8601", "$.occurredAt", edit(e -> e.put("occurredAt", "yesterday"))),
                Arguments.of("a field is not part of the contract", "$", edit(e -> e.put("colour", "red"))),
                Arguments.of("a recommendation event lacks its context", "$.reco", edit(e -> e.remove("reco"))),
                Arguments.of("the context lacks its tier", "$.reco.tier", edit(e -> ((ObjectNode) e.get("reco")).remove("tier"))),
                Arguments.of("neither user nor session is given", "$.userId", edit(e -> {
                    e.remove("userId");
                    e.remove("sessionId");
                })),
                Arguments.of("the schema version is missing", "$.schemaVersion", edit(e -> e.remove("schemaVersion"))),
                Arguments.of("the schema version is from the future", "$.schemaVersion", edit(e -> e.put("schemaVersion", 9))),
                Arguments.of("a value is too large to be a rating, quantity or price", "$.value", edit(e -> e.put("value", 1e308))),
                Arguments.of("a value overflows a double", "$.value", edit(e -> e.put("value", new java.math.BigDecimal("1e400")))),
                Arguments.of("a value is negative", "$.value", edit(e -> e.put("value", -1))),
                Arguments.of("a date matches the pattern but does not exist", "$.occurredAt", edit(e -> e.put("occurredAt", "2026-13-01T00:00:00Z"))),
                Arguments.of("a time is before 1970", "$.occurredAt", edit(e -> e.put("occurredAt", "1900-01-01T00:00:00Z"))),
                Arguments.of("a time is after 2199", "$.occurredAt", edit(e -> e.put("occurredAt", "2300-01-01T00:00:00Z"))),
                Arguments.of("a cohort holds a NUL", "$.reco.cohort", edit(e -> ((ObjectNode) e.get("reco")).put("cohort", "a\u0000b"))),
                Arguments.of("a model version holds a line break", "$.reco.modelVersion",
                        edit(e -> ((ObjectNode) e.get("reco")).put("modelVersion", "v1\nforged log line"))));
    }

    @ParameterizedTest(name = "refused when {0}")
    @MethodSource("brokenShopEvents")
    @DisplayName("an invalid shop event is refused with a message naming the field")
    void invalidShopEventNamesTheField(String why, String field, ObjectNode payload) {
        ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);

        assertThatThrownBy(() -> codec.decode(ContractCodec.MAPPER.writeValueAsBytes(payload)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining(field)
                .satisfies(e -> assertThat(((InvalidPayloadException) e).violations())
                        .extracting(Violation::field)
                        .contains(field));
    }

    @Test
    @DisplayName("bytes that are not JSON are refused, not thrown as a parser error")
    void notJson() {
        ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);

        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("$: not JSON");
    }

    @Test
    @DisplayName("a batch result without the version's expected total is refused")
    void batchResultNeedsExpectedTotal() throws IOException {
        ObjectNode result = (ObjectNode) ExamplePayloadsTest.read("examples/reco-result.v1.json");
        result.remove("expectedTotal");

        assertThat(ContractCodec.of(Contract.RECO_RESULT).violations(result))
                .extracting(Violation::field)
                .contains("$.expectedTotal");
    }

    @Test
    @DisplayName("a result names exactly one product or one user")
    void resultForExactlyOneSubject() throws IOException {
        ObjectNode both = (ObjectNode) ExamplePayloadsTest.read("examples/reco-result.v1.json");
        both.put("userId", "u-1");
        ObjectNode neither = (ObjectNode) ExamplePayloadsTest.read("examples/reco-result.v1.json");
        neither.remove("productId");
        ObjectNode freshForUser = (ObjectNode) ExamplePayloadsTest.read("examples/reco-result.v1.json");
        freshForUser.remove("productId");
        freshForUser.remove("expectedTotal");
        freshForUser.put("userId", "u-1");
        freshForUser.put("kind", "fresh");
        ObjectNode userList = (ObjectNode) ExamplePayloadsTest.read("examples/reco-result.v1.json");
        userList.remove("productId");
        userList.put("userId", "u-1");

        ContractCodec<RecoResult> codec = ContractCodec.of(Contract.RECO_RESULT);
        assertThat(codec.violations(both)).isNotEmpty();
        assertThat(codec.violations(neither)).isNotEmpty();
        assertThat(codec.violations(freshForUser)).isNotEmpty();
        assertThat(codec.violations(userList)).isEmpty();
        RecoResult decoded = codec.decode(userList.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.isForUser()).isTrue();
        assertThat(decoded.subject()).isEqualTo("u-1");
        assertThat(new String(codec.encode(decoded), StandardCharsets.UTF_8)).doesNotContain("forUser").doesNotContain("subject");
    }

    @Test
    @DisplayName("a writer cannot put an invalid record on the wire")
    void encodeRefusesInvalidRecords() {
        ShopEvent withoutProduct = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-1", null, null, Instant.now());

        assertThatThrownBy(() -> ContractCodec.of(Contract.SHOP_EVENT).encode(withoutProduct))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("$.productId");
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of(Arguments.of("NUL", "\u0000"), Arguments.of("escape", "\u001b[31m"), Arguments.of("line feed", "\n"),
                Arguments.of("delete", "\u007f"), Arguments.of("C1 control", "\u0085"), Arguments.of("line separator", "\u2028"));
    }

    @ParameterizedTest(name = "a product name with a {0} is refused")
    @MethodSource("controlCharacters")
    @DisplayName("free text refuses control characters, which PostgreSQL or a log line would choke on")
    void productTextRefusesControlCharacters(String what, String character) throws IOException {
        ObjectNode catalog = (ObjectNode) ExamplePayloadsTest.read("examples/catalog-event.v1.json");
        ObjectNode product = (ObjectNode) catalog.get("product");
        product.put("name", "Trail shoe " + character);
        product.put("category", "running" + character);

        assertThat(ContractCodec.of(Contract.CATALOG_EVENT).violations(catalog))
                .extracting(Violation::field)
                .contains("$.product.name", "$.product.category");
        assertThatThrownBy(() -> ContractCodec.of(Contract.CATALOG_EVENT).decode(catalog))
                .hasMessageContaining("must not contain control characters");
    }

    @Test
    @DisplayName("a date outside 1970 to 2199 is refused in words, not with the pattern")
    void dateOutOfRangeSaysWhy() {
        assertThatThrownBy(() -> ContractCodec.of(Contract.SHOP_EVENT).decode(edit(e -> e.put("occurredAt", "1900-01-01T00:00:00Z"))))
                .hasMessageContaining("$.occurredAt: must be an ISO-8601 date-time with a zone, from 1970 to 2199");
    }

    @Test
    @DisplayName("free text keeps every printable character of any script")
    void productTextKeepsPrintableUnicode() throws IOException {
        ObjectNode catalog = (ObjectNode) ExamplePayloadsTest.read("examples/catalog-event.v1.json");
        ((ObjectNode) catalog.get("product")).put("name", "Chaussure \"trail\" <b>été</b> — 登山靴 🥾 & co.");

        assertThat(ContractCodec.of(Contract.CATALOG_EVENT).violations(catalog)).isEmpty();
    }

    private static ObjectNode edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode event = (ObjectNode) ExamplePayloadsTest.read("examples/shop-event.v2.json");
            change.accept(event);
            return event;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
