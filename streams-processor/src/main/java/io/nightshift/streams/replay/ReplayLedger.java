package io.nightshift.streams.replay;

import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.ReplayProgress;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code reco.control.v1}, read from its beginning, says about replays: the newest request
 * and the last report of every replay. The topic is kept for ever and read again at every start,
 * so a request is handled exactly when a report with its id follows it, whichever instance wrote
 * the report and however often it restarted since.
 *
 * <p>Only the newest request counts: one replay rebuilds everything, so an older request still
 * waiting behind it is answered by the newer one. A request repeated with the same id (a retried
 * {@code POST}) is the same request.
 */
final class ReplayLedger {

    private String newest;
    private final Map<String, ReplayProgress> lastReports = new HashMap<>();

    /** Takes in one control event; everything but replay requests and reports is for other readers. */
    void read(ControlEvent event) {
        if (event.replay() == null) {
            return;
        }
        if (event.type() == ControlType.REPLAY_REQUESTED) {
            newest = event.replay().replayId();
        } else if (event.type() == ControlType.REPLAY_PROGRESS) {
            reported(event.replay());
        }
    }

    /** Records a report this instance wrote, before it reads it back from the topic. */
    void reported(ReplayProgress report) {
        lastReports.put(report.replayId(), report);
    }

    /** The newest request when no replay has reported on it yet: it waits for this instance. */
    Optional<String> waiting() {
        return newest != null && !lastReports.containsKey(newest) ? Optional.of(newest) : Optional.empty();
    }

    /** The last report of the newest request when it has not ended: a restart interrupted it. */
    Optional<ReplayProgress> unfinished() {
        ReplayProgress last = newest == null ? null : lastReports.get(newest);
        return last != null && !last.state().isFinal() ? Optional.of(last) : Optional.empty();
    }

    /** Forgets everything: the topic is about to be read again from its beginning. */
    void clear() {
        newest = null;
        lastReports.clear();
    }
}
