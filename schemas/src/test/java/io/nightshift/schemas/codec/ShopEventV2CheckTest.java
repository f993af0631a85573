package io.nightshift.schemas.codec;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written check of shop-event v2 against the JSON Schema it stands in for. */
class ShopEventV2CheckTest {

    private static final Schema SCHEMA = load("schemas/shop-event.v2.json");
    private static final ShopEventV2Check CHECK = new ShopEventV2Check();

    static Stream<Arguments> examples() {
        return Stream.of(
                // valid
                Arguments.of("the example", edit(e -> { })),
                Arguments.of("a view without reco", edit(e -> { e.put("type", "view"); e.remove("reco"); })),
                Arguments.of("a session only", edit(e -> e.remove("userId"))),
                Arguments.of("a user only", edit(e -> e.remove("sessionId"))),
                Arguments.of("an offset and a fraction", edit(e -> e.put("occurredAt", "2026-11-24T10:15:30.123456+01:00"))),
                Arguments.of("an integer value", edit(e -> e.put("value", 3))),
                Arguments.of("a fractional value", edit(e -> e.put("value", 4.5))),
                Arguments.of("the largest value", edit(e -> e.put("value", 1_000_000_000))),
                Arguments.of("a zero value", edit(e -> e.put("value", 0))),
                Arguments.of("null model version and cohort", edit(e -> { reco(e).putNull("modelVersion"); reco(e).putNull("cohort"); })),
                Arguments.of("a cohort beyond the basic plane", edit(e -> reco(e).put("cohort", "gruppe-ä-😀"))),
                Arguments.of("ids of every allowed character", edit(e -> e.put("userId", "Az09._:@/+-"))),
                Arguments.of("an upper-case UUID", edit(e -> e.put("eventId", "6F1C2B9E-5A8D-4C1E-9F3A-2D7B8E4C1A55"))),
                Arguments.of("the first allowed year", edit(e -> e.put("occurredAt", "1970-01-01T00:00:00Z"))),
                Arguments.of("the last allowed year", edit(e -> e.put("occurredAt", "2199-12-31T23:59:59Z"))),
                Arguments.of("a negative offset and one fraction digit", edit(e -> e.put("occurredAt", "2024-02-29T23:59:59.5-09:30"))),
                Arguments.of("nine fraction digits", edit(e -> e.put("occurredAt", "2026-11-24T10:15:30.000000001Z"))),
                Arguments.of("an id of 128 characters", edit(e -> e.put("productId", "p".repeat(128)))),
                // invalid
                Arguments.of("no productId", edit(e -> e.remove("productId"))),
                Arguments.of("no eventId", edit(e -> e.remove("eventId"))),
                Arguments.of("no type", edit(e -> e.remove("type"))),
                Arguments.of("no occurredAt", edit(e -> e.remove("occurredAt"))),
                Arguments.of("no schemaVersion", edit(e -> e.remove("schemaVersion"))),
                Arguments.of("schemaVersion 1", edit(e -> e.put("schemaVersion", 1))),
                Arguments.of("schemaVersion as a string", edit(e -> e.put("schemaVersion", "2"))),
                Arguments.of("a string value", edit(e -> e.put("value", "five"))),
                Arguments.of("an unknown type", edit(e -> e.put("type", "wishlist"))),
                Arguments.of("a type as a number", edit(e -> e.put("type", 1))),
                Arguments.of("an id that is no UUID", edit(e -> e.put("eventId", "12345"))),
                Arguments.of("a UUID with a non-hex digit", edit(e -> e.put("eventId", "6f1c2b9e-5a8d-4c1e-9f3a-2d7b8e4c1a5g"))),
                Arguments.of("a UUID without dashes", edit(e -> e.put("eventId", "6f1c2b9e5a8d4c1e9f3a2d7b8e4c1a55"))),
                Arguments.of("a time in words", edit(e -> e.put("occurredAt", "yesterday"))),
                Arguments.of("a time without zone", edit(e -> e.put("occurredAt", "2026-11-24T10:15:30"))),
                Arguments.of("a time without seconds", edit(e -> e.put("occurredAt", "2026-11-24T10:15Z"))),
                Arguments.of("a time with an empty fraction", edit(e -> e.put("occurredAt", "2026-11-24T10:15:30.Z"))),
                Arguments.of("a time with a lower-case zone", edit(e -> e.put("occurredAt", "2026-11-24T10:15:30z"))),
                Arguments.of("a time with a space", edit(e -> e.put("occurredAt", "2026-11-24 10:15:30Z"))),
                Arguments.of("a year before 1970", edit(e -> e.put("occurredAt", "1900-01-01T00:00:00Z"))),
                Arguments.of("a year after 2199", edit(e -> e.put("occurredAt", "2300-01-01T00:00:00Z"))),
                Arguments.of("a time as epoch millis", edit(e -> e.put("occurredAt", 1_764_000_000_000L))),
                Arguments.of("an unknown field", edit(e -> e.put("colour", "red"))),
                Arguments.of("an unknown field in reco", edit(e -> reco(e).put("colour", "red"))),
                Arguments.of("a reco event without reco", edit(e -> e.remove("reco"))),
                Arguments.of("reco without tier", edit(e -> reco(e).remove("tier"))),
                Arguments.of("reco without requestId", edit(e -> reco(e).remove("requestId"))),
                Arguments.of("an unknown tier", edit(e -> reco(e).put("tier", "gold"))),
                Arguments.of("reco as a string", edit(e -> e.put("reco", "batch"))),
                Arguments.of("neither user nor session", edit(e -> { e.remove("userId"); e.remove("sessionId"); })),
                Arguments.of("an empty userId", edit(e -> e.put("userId", ""))),
                Arguments.of("a userId with a space", edit(e -> e.put("userId", "u 1"))),
                Arguments.of("a userId of 129 characters", edit(e -> e.put("userId", "u".repeat(129)))),
                Arguments.of("a null sessionId", edit(e -> e.putNull("sessionId"))),
                Arguments.of("a productId with a non-ASCII letter", edit(e -> e.put("productId", "p-ä"))),
                Arguments.of("a value too large", edit(e -> e.put("value", 1e308))),
                Arguments.of("a value just too large", edit(e -> e.put("value", 1_000_000_000.5))),
                Arguments.of("a value overflowing a double", edit(e -> e.put("value", new BigDecimal("1e400")))),
                Arguments.of("a negative value", edit(e -> e.put("value", -1))),
                Arguments.of("a null value", edit(e -> e.putNull("value"))),
                Arguments.of("a cohort with a NUL", edit(e -> reco(e).put("cohort", "a\u0000b"))),
                Arguments.of("a cohort with a C1 control", edit(e -> reco(e).put("cohort", "a\u0085b"))),
                Arguments.of("a cohort with a line separator", edit(e -> reco(e).put("cohort", "a\u2028b"))),
                Arguments.of("a model version with a line break", edit(e -> reco(e).put("modelVersion", "v1\nforged"))),
                Arguments.of("a model version of 2001 characters", edit(e -> reco(e).put("modelVersion", "m".repeat(2001)))),
                Arguments.of("a model version as a number", edit(e -> reco(e).put("modelVersion", 7))),
                Arguments.of("an array", JsonNodeFactory.instance.arrayNode().add(example())),
                Arguments.of("a string", JsonNodeFactory.instance.stringNode("event")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("the check and the JSON Schema agree")
    void agreesWithTheSchema(String what, JsonNode event) {
        assertThat(CHECK.test(event)).as(what).isEqualTo(SCHEMA.validate(event).isEmpty());
        if (CHECK.test(event)) {
            ShopEvent read = ShopEventV2Reader.read(event);
            assertThat(read).as(what).isEqualTo(ContractCodec.MAPPER.treeToValue(event, ShopEvent.class));
            assertThat(ShopEventV2Check.conforms(read)).as(what).isTrue();
        }
    }

    @Test
    @DisplayName("the hand-written reader reads random dates, offsets and fractions as the generic binding does")
    void readsDatesAsTheBindingDoes() {
        Random random = new Random(23);
        for (int i = 0; i < 5_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 7_000_000_000L), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            int offsetMinutes = random.nextInt(3) == 0 ? 0 : random.nextInt(-18 * 60, 18 * 60 + 1);
            String text = instant.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            ObjectNode event = example();
            event.put("occurredAt", text);
            if (SCHEMA.validate(event).isEmpty()) {
                assertThat(CHECK.test(event)).as(text).isTrue();
                assertThat(ShopEventV2Reader.read(event)).as(text).isEqualTo(ContractCodec.MAPPER.treeToValue(event, ShopEvent.class));
            }
        }
    }

    /**
     * The schema's date-time is a pattern (the validator does not assert formats): a date that
     * matches it but does not exist passes the schema and is refused when bound. The check refuses
     * it at once, which sends it to the validator and the binding, as before.
     */
    static Stream<Arguments> patternOnlyDates() {
        return Stream.of(Arguments.of("2026-13-01T00:00:00Z"), Arguments.of("2026-02-30T00:00:00Z"),
                Arguments.of("2026-11-24T10:60:00Z"), Arguments.of("2026-11-24T10:15:30+25:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patternOnlyDates")
    @DisplayName("a date that only matches the pattern is refused by the check and by the codec")
    void stricterOnImpossibleDates(String occurredAt) {
        ObjectNode event = example();
        event.put("occurredAt", occurredAt);

        assertThat(SCHEMA.validate(event)).isEmpty();
        assertThat(CHECK.test(event)).isFalse();
        assertThatThrownBy(() -> ContractCodec.of(Contract.SHOP_EVENT).decode(event))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("$.occurredAt");
    }

    @Test
    @DisplayName("on thousands of random edits the check never accepts what the schema refuses")
    void neverLetsAnInvalidEventThrough() {
        Random random = new Random(17);
        List<String> fields = List.of("eventId", "schemaVersion", "type", "userId", "sessionId", "productId", "value", "occurredAt", "reco", "extra");
        List<JsonNode> values = List.of(JsonNodeFactory.instance.stringNode("view"), JsonNodeFactory.instance.stringNode("reco_served"),
                JsonNodeFactory.instance.stringNode(""), JsonNodeFactory.instance.stringNode("u-1"),
                JsonNodeFactory.instance.stringNode("6f1c2b9e-5a8d-4c1e-9f3a-2d7b8e4c1a55"),
                JsonNodeFactory.instance.stringNode("2026-02-29T10:00:00Z"), JsonNodeFactory.instance.stringNode("2028-02-29T10:00:00Z"),
                JsonNodeFactory.instance.stringNode("2026-11-24T24:00:00Z"), JsonNodeFactory.instance.stringNode("2026-11-24T10:15:30+25:00"),
                JsonNodeFactory.instance.numberNode(2), JsonNodeFactory.instance.numberNode(2.0), JsonNodeFactory.instance.numberNode(-0.0),
                JsonNodeFactory.instance.numberNode(new BigDecimal("0.5")), JsonNodeFactory.instance.nullNode(),
                JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode().put("requestId", "r-1").put("tier", "fresh"));
        int valid = 0;
        for (int i = 0; i < 5_000; i++) {
            ObjectNode event = example();
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                String field = fields.get(random.nextInt(fields.size()));
                if (random.nextInt(4) == 0) {
                    event.remove(field);
                } else {
                    event.set(field, values.get(random.nextInt(values.size())));
                }
            }
            boolean schemaValid = SCHEMA.validate(event).isEmpty();
            if (CHECK.test(event)) {
                assertThat(schemaValid).as("the check accepted %s", event).isTrue();
                assertThat(ShopEventV2Reader.read(event)).isEqualTo(ContractCodec.MAPPER.treeToValue(event, ShopEvent.class));
                valid++;
            }
        }
        // The corpus must exercise both answers, or the test would prove nothing.
        assertThat(valid).isBetween(50, 4_950);
    }

    @Test
    @DisplayName("the writer's check never vouches for a record the schema refuses, and its bytes are those of the generic path")
    void recordsAreWrittenAsThroughTheTree() {
        Random random = new Random(29);
        List<String> ids = Arrays.asList("u-1", "s:9/x+y@z", "p-0001", "U.2_x", "p".repeat(128), "", "u 1", "ü", "p".repeat(129), null);
        List<Double> values = Arrays.asList(null, 0.0, -0.0, 3.0, 4.5, 1e9, 1e9 + 1, -1.0, Double.NaN, Double.POSITIVE_INFINITY, 1e-7);
        List<Instant> times = List.of(Instant.parse("2026-11-24T10:15:30Z"), Instant.parse("2026-11-24T10:15:30.123456789Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2199-12-31T23:59:59.999999999Z"),
                Instant.parse("2200-01-01T00:00:00Z"));
        List<String> texts = Arrays.asList(null, null, "control", "v20261124", "gruppe-😀", "a\u0000b", "a\nb", "m".repeat(2001));
        List<Tier> tiers = Arrays.asList(Tier.BATCH, Tier.LAST_KNOWN_GOOD, null);
        int vouched = 0;
        for (int i = 0; i < 5_000; i++) {
            RecoContext reco = random.nextInt(3) == 0 ? null
                    : new RecoContext(pick(random, ids), pick(random, tiers), pick(random, texts), pick(random, texts));
            ShopEvent event = new ShopEvent(random.nextInt(20) == 0 ? null : new UUID(random.nextLong(), random.nextLong()),
                    random.nextInt(20) == 0 ? 1 : 2, random.nextInt(20) == 0 ? null : pick(random, List.of(EventType.values())),
                    pick(random, ids), pick(random, ids), pick(random, ids), pick(random, values),
                    random.nextInt(20) == 0 ? null : pick(random, times), reco);
            if (ShopEventV2Check.conforms(event)) {
                JsonNode tree = ContractCodec.MAPPER.valueToTree(event);
                assertThat(SCHEMA.validate(tree)).as("vouched for %s", event).isEmpty();
                assertThat(ContractCodec.of(Contract.SHOP_EVENT).encode(event)).isEqualTo(ContractCodec.MAPPER.writeValueAsBytes(tree));
                vouched++;
            }
        }
        assertThat(vouched).isBetween(50, 4_950);
    }

    private static <V> V pick(Random random, List<V> from) {
        return from.get(random.nextInt(from.size()));
    }

    @Test
    @DisplayName("the codec still words every violation as the validator does: the check only vouches for valid events")
    void violationsStillComeFromTheValidator() {
        ContractCodec<?> codec = ContractCodec.of(Contract.SHOP_EVENT);
        ObjectNode event = example();
        event.put("occurredAt", "2300-01-01T00:00:00Z");

        assertThat(codec.violations(example())).isEmpty();
        assertThat(codec.violations(event)).extracting(Violation::field).containsExactly("$.occurredAt");
    }

    private static JsonNode edit(Consumer<ObjectNode> change) {
        ObjectNode event = example();
        change.accept(event);
        return event;
    }

    private static ObjectNode reco(ObjectNode event) {
        return (ObjectNode) event.get("reco");
    }

    private static ObjectNode example() {
        try (InputStream in = ShopEventV2CheckTest.class.getClassLoader().getResourceAsStream("examples/shop-event.v2.json")) {
            return (ObjectNode) ContractCodec.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema load(String resource) {
        try (InputStream in = ShopEventV2CheckTest.class.getClassLoader().getResourceAsStream(resource)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
