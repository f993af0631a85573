package io.nightshift.cli.bench;

/**
 * One run of serving load, seen from both ends, with the Redis round trip at the same number of
 * callers as its baseline.
 *
 * @param what        what was requested, for the report ("product pages")
 * @param callers     closed-loop callers, each one request at a time
 * @param client      latencies as the load generator saw them
 * @param server      the online API's own timers over the same stretch
 * @param redis       Redis HGETALL round trips from as many callers, same run
 * @param loadAverage the machine's 1-minute load average before and after, as "a–b"
 * @param note        what was checked about the answers, for the report (for example that they were
 *                    really composed online); null when nothing was
 */
public record ServingRun(String what, int callers, LatencySample client, ServerLatency server,
                         LatencySample redis, String loadAverage, String note) {

    public ServingRun(String what, int callers, LatencySample client, ServerLatency server, LatencySample redis, String loadAverage) {
        this(what, callers, client, server, redis, loadAverage, null);
    }

    /** The same run with what was checked about its answers. */
    public ServingRun withNote(String note) {
        return new ServingRun(what, callers, client, server, redis, loadAverage, note);
    }

    String label() {
        return what + ", " + callers + (callers == 1 ? " caller" : " callers");
    }
}
