package io.nightshift.schemas.codec;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;

/**
 * One Kafka value serializer for a producer that writes several contracts: it picks the contract
 * by the record's type and encodes through that contract's validating {@link ContractCodec}, so
 * an application needs one producer and one template, not one per record type, and still cannot
 * write an invalid record.
 *
 * <p>A {@code byte[]} value is taken as already encoded and written as it is. Two writers need
 * that and nothing else: a dead-letter publisher, which must keep the refused bytes unchanged,
 * and a spool, whose bytes this codec encoded (and validated) before they were put aside. Any
 * other type without a contract is refused with {@link SerializationException}.
 */
public final class ContractSerializer implements Serializer<Object> {

    private final Map<Class<?>, ContractSerde<?>> byType = new HashMap<>();

    /** Knows every contract in {@link Contract#all()}. */
    public ContractSerializer() {
        for (Contract<?> contract : Contract.all()) {
            byType.put(contract.type(), new ContractSerde<>(contract));
        }
    }

    /**
     * The record encoded by its contract, a {@code byte[]} unchanged, or null for null (a
     * tombstone on a compacted topic).
     *
     * @throws InvalidPayloadException when the record breaks its contract's schema
     * @throws SerializationException  when no contract describes the record's type
     */
    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] encoded) {
            return encoded;
        }
        return encode(serdeOf(data.getClass()), topic, data);
    }

    private ContractSerde<?> serdeOf(Class<?> type) {
        ContractSerde<?> serde = byType.get(type);
        if (serde == null) {
            throw new SerializationException("no contract describes " + type.getName() + "; add it to Contract.all() or send a contract record");
        }
        return serde;
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(ContractSerde<T> serde, String topic, Object data) {
        // The lookup was by this very class, so the cast holds.
        return serde.serialize(topic, (T) data);
    }
}
