package io.nightshift.schemas.codec;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * The one Kafka serializer/deserializer pair for every contract. A record that fails validation
 * throws {@link InvalidPayloadException}: producers never write it, and consumers route it to the
 * topic's dead-letter topic instead of dropping it.
 */
public final class ContractSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final ContractCodec<T> codec;

    public ContractSerde(Contract<T> contract) {
        this.codec = ContractCodec.of(contract);
    }

    public ContractCodec<T> codec() {
        return codec;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec.encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        // A null value is a tombstone on a compacted topic, not a malformed record.
        return data == null ? null : codec.decode(data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the contract is fixed at construction.
    }

    @Override
    public void close() {
        // Nothing to release: the codec holds only immutable schemas.
    }
}
