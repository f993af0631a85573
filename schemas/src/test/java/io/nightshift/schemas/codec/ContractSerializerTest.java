package io.nightshift.schemas.codec;

import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractSerializerTest {

    private final ContractSerializer serializer = new ContractSerializer();

    static List<Contract<?>> contracts() {
        return Contract.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    @DisplayName("every contract's record is written exactly as its own codec writes it")
    void picksTheContractByType(Contract<?> contract) throws IOException {
        assertThat(serializer.serialize("any.topic", decodedExample(contract))).isEqualTo(encodedExample(contract));
    }

    @Test
    @DisplayName("bytes are taken as already encoded and written unchanged")
    void bytesPassThrough() {
        byte[] encoded = {'{', '}', 0, -1};

        assertThat(serializer.serialize("shop.events.v1.dlq", encoded)).isSameAs(encoded);
    }

    @Test
    @DisplayName("a record that breaks its contract is refused, not written")
    void refusesInvalidRecords() {
        ShopEvent withoutProduct = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-1", null, null, Instant.now());

        assertThatThrownBy(() -> serializer.serialize("shop.events.v1", withoutProduct))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("$.productId");
    }

    @Test
    @DisplayName("a type no contract describes is refused with its name")
    void refusesUnknownTypes() {
        assertThatThrownBy(() -> serializer.serialize("shop.events.v1", "a plain string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    @DisplayName("null stays null: a tombstone on a compacted topic")
    void nullIsATombstone() {
        assertThat(serializer.serialize("reco.control.v1", null)).isNull();
    }

    private static <T> T decodedExample(Contract<T> contract) throws IOException {
        return ContractCodec.of(contract).decode(example(contract));
    }

    private static <T> byte[] encodedExample(Contract<T> contract) throws IOException {
        ContractCodec<T> codec = ContractCodec.of(contract);
        return codec.encode(codec.decode(example(contract)));
    }

    private static byte[] example(Contract<?> contract) throws IOException {
        try (InputStream in = ContractSerializerTest.class.getClassLoader().getResourceAsStream(contract.exampleResource(contract.currentVersion()))) {
            assertThat(in).as(contract.exampleResource(contract.currentVersion())).isNotNull();
            return in.readAllBytes();
        }
    }
}
