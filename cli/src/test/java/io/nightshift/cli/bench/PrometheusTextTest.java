package io.nightshift.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusTextTest {

    @Test
    void readsNamesLabelsAndValuesAndSkipsComments() {
        PrometheusText page = PrometheusText.parse("""
                # HELP nightshift_reco_latency_seconds time to answer
                # TYPE nightshift_reco_latency_seconds histogram
                nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="1.0E-4"} 3
                nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="+Inf"} 7.0

                odd_labels{path="/a,b",quote="say \\"hi\\"",slash="a\\\\b"} 1 1732600000000
                process_uptime_seconds 12.5
                """);

        assertThat(page.samples()).hasSize(4);
        assertThat(page.samples().get(0).labels()).containsExactly(
                Map.entry("endpoint", "product"), Map.entry("tier", "batch"), Map.entry("le", "1.0E-4"));
        assertThat(page.samples().get(1).value()).isEqualTo(7.0);
        assertThat(page.samples().get(2).labels())
                .containsEntry("path", "/a,b").containsEntry("quote", "say \"hi\"").containsEntry("slash", "a\\b");
        assertThat(page.samples().get(2).value()).isEqualTo(1.0);
        assertThat(page.samples().get(3).name()).isEqualTo("process_uptime_seconds");
        assertThat(page.samples().get(3).labels()).isEmpty();
        assertThat(PrometheusText.number("+Inf")).isInfinite();
    }

    @Test
    void aLineThatIsNotASampleSaysWhichLine() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{le=\"0.1\"}\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 2");
    }
}
