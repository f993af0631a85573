package io.nightshift.cli.bench;

import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay's time comes from its own reports, not from how often the benchmark asked. */
class ReplayRateTest {

    @Test
    void theReplaysOwnTimesFromRequestToCaughtUp() {
        var status = ContractCodec.MAPPER.readTree("""
                {"replayId":"r-1","state":"caught-up","requestedAt":"2026-12-05T01:35:18.828Z","startedAt":"2026-12-05T01:35:18.900Z",
                 "caughtUpAt":"2026-12-05T01:35:59.749Z"}""");
        assertThat(ReplayRate.reported(status)).contains(Duration.ofMillis(40_921));
    }

    @Test
    void withoutBothTimesThereIsNoReportedDuration() {
        assertThat(ReplayRate.reported(ContractCodec.MAPPER.readTree("{\"replayId\":\"r-1\",\"state\":\"caught-up\"}"))).isEmpty();
    }
}
