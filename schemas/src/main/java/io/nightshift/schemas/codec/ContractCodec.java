package io.nightshift.schemas.codec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.nightshift.schemas.event.ShopEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns records into JSON bytes and back, validating against the contract's JSON Schema both ways:
 * a writer can't put an invalid record on a topic, and a reader refuses (with the fields named)
 * what doesn't match. Older schema versions are validated against their own schema, then upcast.
 * Shop events of the current version, the intake's hot path, are first checked, bound and written
 * by hand-written code equivalent to their schema ({@link ShopEventV2Check}); whatever it does not
 * vouch for takes the generic path, so the answers and messages are the same either way.
 * Thread-safe; build one per contract and reuse it.
 */
public final class ContractCodec<T> {

    /** One mapper for every contract, so all modules agree on dates (ISO-8601) and unknown fields (refused by the schemas). */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The free-text pattern of every contract (no control characters), as the validator quotes it. */
    private static final String FREE_TEXT_PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029]*$";
    /** The date-time pattern of every contract (years 1970 to 2199), as the validator quotes it. */
    private static final String DATE_TIME_PATTERN = "^(19[7-9]\\d|2[01]\\d{2})-";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Contract<T> contract;
    private final Map<Integer, Schema> schemas = new HashMap<>();
    /** Hand-written checks of some versions' schemas, for the hot paths; see {@link ShopEventV2Check}. */
    private final Map<Integer, Predicate<JsonNode>> compiled;
    /** Binds a current-version tree its hand-written check vouched for; null where there is none. */
    private final Function<JsonNode, T> compiledBinding;
    /** Vouches for a record as it will be written, so encoding needs no tree; null where there is none. */
    private final Predicate<T> compiledRecordCheck;

    private ContractCodec(Contract<T> contract) {
        this.contract = contract;
        for (int version = 1; version <= contract.currentVersion(); version++) {
            schemas.put(version, loadSchema(contract.schemaResource(version)));
        }
        boolean shopEvents = contract.type() == ShopEvent.class;
        this.compiled = shopEvents ? Map.of(2, new ShopEventV2Check()) : Map.of();
        this.compiledBinding = shopEvents && contract.currentVersion() == 2 ? fastBinding() : null;
        this.compiledRecordCheck = shopEvents && contract.currentVersion() == 2 ? value -> ShopEventV2Check.conforms((ShopEvent) value) : null;
    }

    @SuppressWarnings("unchecked")
    private Function<JsonNode, T> fastBinding() {
        // Only for the shop-event contract, whose type is ShopEvent: the cast holds.
        return tree -> (T) ShopEventV2Reader.read(tree);
    }

    public static <T> ContractCodec<T> of(Contract<T> contract) {
        return new ContractCodec<>(contract);
    }

    public Contract<T> contract() {
        return contract;
    }

    /** Serializes a record of the current version; refuses one that breaks its own schema. */
    public byte[] encode(T value) {
        if (compiledRecordCheck != null && compiledRecordCheck.test(value)) {
            // The same bytes as through the tree below (the test compares them), without building it.
            return MAPPER.writeValueAsBytes(value);
        }
        JsonNode tree = MAPPER.valueToTree(value);
        requireValid(tree, contract.currentVersion());
        return MAPPER.writeValueAsBytes(tree);
    }

    /** Parses, validates and (for old versions) upcasts a payload. */
    public T decode(byte[] payload) {
        return decode(parse(payload));
    }

    /** Like {@link #decode(byte[])} for a tree already parsed, e.g. one element of an HTTP batch. */
    public T decode(JsonNode tree) {
        if (compiledBinding != null && compiled.get(contract.currentVersion()).test(tree)) {
            return compiledBinding.apply(tree);
        }
        return bind(upToDate(tree));
    }

    /**
     * A payload the schema lets through can still fail to bind (31 February matches the date
     * pattern): that is an invalid payload like any other, so every reader dead-letters or refuses
     * it instead of taking a parser error for a fault of its own and retrying.
     */
    private T bind(JsonNode tree) {
        try {
            return MAPPER.treeToValue(tree, contract.type());
        } catch (JacksonException e) {
            throw new InvalidPayloadException(contract.name(), List.of(new Violation(pathOf(e), "is not a valid value for this field")));
        }
    }

    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder("$");
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The violations of a payload against its declared version's schema; empty when it is valid. */
    public List<Violation> violations(JsonNode tree) {
        if (!(tree instanceof ObjectNode)) {
            return List.of(new Violation("$", "must be a JSON object"));
        }
        JsonNode versionNode = tree.get("schemaVersion");
        if (versionNode == null || !versionNode.isInt()) {
            return List.of(new Violation("$.schemaVersion", "required: an integer from 1 to " + contract.currentVersion()));
        }
        int version = versionNode.asInt();
        if (version < 1 || version > contract.currentVersion()) {
            return List.of(new Violation("$.schemaVersion", "version " + version + " is unknown to this reader (1 to " + contract.currentVersion() + " are supported)"));
        }
        return validate(tree, version);
    }

    private JsonNode upToDate(JsonNode tree) {
        List<Violation> problems = violations(tree);
        if (!problems.isEmpty()) {
            throw new InvalidPayloadException(contract.name(), problems);
        }
        int declared = tree.get("schemaVersion").asInt();
        if (declared == contract.currentVersion()) {
            // Just validated against this very schema.
            return tree;
        }
        ObjectNode current = (ObjectNode) tree;
        for (int version = declared; version < contract.currentVersion(); version++) {
            current = contract.upcasters().get(version).apply(current);
        }
        requireValid(current, contract.currentVersion());
        return current;
    }

    /** The generic validator, unless a hand-written check of the same schema vouches for the tree first. */
    private List<Violation> validate(JsonNode tree, int version) {
        Predicate<JsonNode> check = compiled.get(version);
        if (check != null && check.test(tree)) {
            return List.of();
        }
        return schemas.get(version).validate(tree).stream().map(ContractCodec::toViolation).toList();
    }

    private void requireValid(JsonNode tree, int version) {
        List<Violation> problems = validate(tree, version);
        if (!problems.isEmpty()) {
            throw new InvalidPayloadException(contract.name(), problems);
        }
    }

    private JsonNode parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new InvalidPayloadException(contract.name(), List.of(new Violation("$", "empty payload")));
        }
        try {
            return MAPPER.readTree(payload);
        } catch (JacksonException e) {
            throw new InvalidPayloadException(contract.name(), List.of(new Violation("$", "not JSON: " + e.getOriginalMessage())));
        }
    }

    private static Violation toViolation(Error error) {
        String location = jsonPath(error.getInstanceLocation());
        String field = error.getProperty() != null && "required".equals(error.getKeyword())
                ? location + "." + error.getProperty()
                : location;
        return new Violation(field, stripLocation(error.getMessage()));
    }

    /** {@code $.items[2].score} reads better in an HTTP problem or a log line than a JSON pointer. */
    private static String jsonPath(NodePath path) {
        StringBuilder out = new StringBuilder("$");
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append('.').append(element);
            }
        }
        return out.toString();
    }

    /**
     * The validator prefixes messages with the pointer; the violation already names the field. The
     * two patterns every contract shares are said in words: a regular expression full of escapes
     * tells a shop's developer less than what it means.
     */
    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        String plain = message.startsWith("/") || message.startsWith(": ") ? message.substring(colon + 2) : message;
        if (plain.contains(FREE_TEXT_PATTERN)) {
            return "must not contain control characters (NUL, line breaks, tabs, escapes, U+0080 to U+009F, U+2028, U+2029)";
        }
        if (plain.contains(DATE_TIME_PATTERN)) {
            return "must be an ISO-8601 date-time with a zone, from 1970 to 2199 (e.g. 2026-12-04T08:00:00Z)";
        }
        return plain;
    }

    private static Schema loadSchema(String resource) {
        try (InputStream in = ContractCodec.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("JSON Schema " + resource + " is missing from the classpath");
            }
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON Schema " + resource, e);
        }
    }
}
