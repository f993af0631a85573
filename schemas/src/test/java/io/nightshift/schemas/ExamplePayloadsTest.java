package io.nightshift.schemas;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExamplePayloadsTest {

    static Stream<Arguments> everyExample() {
        return Contract.all().stream().flatMap(contract -> IntStream.rangeClosed(1, contract.currentVersion())
                .mapToObj(version -> Arguments.of(contract.name(), version, contract)));
    }

    static Stream<Arguments> currentExamples() {
        return Contract.all().stream().map(contract -> Arguments.of(contract.name(), contract));
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("everyExample")
    @DisplayName("every example payload validates against its own schema version and decodes")
    void everyExampleValidates(String name, int version, Contract<?> contract) throws IOException {
        ContractCodec<?> codec = ContractCodec.of(contract);
        JsonNode example = read(contract.exampleResource(version));

        assertThat(codec.violations(example)).isEmpty();
        assertThat(codec.decode(example)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentExamples")
    @DisplayName("a current-version payload survives decode and encode unchanged")
    <T> void roundTripIsLossless(String name, Contract<T> contract) throws IOException {
        ContractCodec<T> codec = ContractCodec.of(contract);
        byte[] original = ContractCodec.MAPPER.writeValueAsBytes(read(contract.exampleResource(contract.currentVersion())));

        T decoded = codec.decode(original);
        byte[] reencoded = codec.encode(decoded);

        assertThat(ContractCodec.MAPPER.readTree(reencoded)).isEqualTo(ContractCodec.MAPPER.readTree(original));
        assertThat(codec.decode(reencoded)).isEqualTo(decoded);
    }

    static JsonNode read(String resource) throws IOException {
        try (InputStream in = ExamplePayloadsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            return ContractCodec.MAPPER.readTree(in);
        }
    }
}
