package io.nightshift.cli.stack;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaptopHeapTest {

    @Test
    @DisplayName("the laptop's heap is 2g unless NIGHTSHIFT_LAPTOP_HEAP says otherwise, and the laptop's JVM gets it")
    void heapFromTheEnvironment() {
        assertThat(LaptopHeap.from(Map.of())).isEqualTo("2g");
        assertThat(LaptopHeap.from(Map.of("NIGHTSHIFT_LAPTOP_HEAP", " 6G "))).isEqualTo("6g");
        assertThat(LaptopHeap.from(Map.of("NIGHTSHIFT_LAPTOP_HEAP", "1536m"))).isEqualTo("1536m");
        assertThatThrownBy(() -> LaptopHeap.from(Map.of("NIGHTSHIFT_LAPTOP_HEAP", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NIGHTSHIFT_LAPTOP_HEAP");

        AppSpec laptop = new AppSpec(Stack.LAPTOP, StackApp.LAPTOP.module(), 1, java.util.List.of(), LaptopHeap.from(Map.of()));
        assertThat(AppProcess.javaApp(laptop, java.nio.file.Path.of("laptop.jar"), new StackLayout(java.nio.file.Path.of("/tmp/ns-heap"), java.nio.file.Path.of("/tmp/ns-heap/.nightshift")))
                .command()).contains("-Xmx2g");
        AppSpec api = new AppSpec(Stack.ONLINE_API, StackApp.ONLINE_API.module(), 2, java.util.List.of());
        assertThat(AppProcess.javaApp(api, java.nio.file.Path.of("api.jar"), new StackLayout(java.nio.file.Path.of("/tmp/ns-heap"), java.nio.file.Path.of("/tmp/ns-heap/.nightshift")))
                .command()).contains("-Xmx1g");
    }
}
