package io.nightshift.cli.stack;

import java.time.Duration;

/**
 * The production scrape configuration ({@code infra/deploy/prometheus/prometheus.yml}) pointed at
 * a local stack: the same jobs, paths, token file and rule file, only the compose host names
 * replaced by the stack's loopback ports and the interval shortened. Generating it from the
 * deployed file, rather than writing a second one, means what the demo and the end-to-end test
 * watch is what production watches.
 */
public final class PrometheusConfig {

    static final String API_TARGET = "'online-api:8080'";
    static final String STREAMS_TARGET = "'streams-processor:8081'";
    static final String SCRAPE_INTERVAL = "scrape_interval: 15s";
    static final String EVALUATION_INTERVAL = "evaluation_interval: 15s";

    private PrometheusConfig() {
    }

    /**
     * @param deployed the text of {@code infra/deploy/prometheus/prometheus.yml}
     * @param interval how often to scrape and evaluate the rules, in whole seconds
     */
    public static String forLocalStack(String deployed, int apiPort, int streamsPort, Duration interval) {
        for (String anchor : new String[] {API_TARGET, STREAMS_TARGET, SCRAPE_INTERVAL, EVALUATION_INTERVAL}) {
            if (!deployed.contains(anchor)) {
                throw new IllegalStateException("infra/deploy/prometheus/prometheus.yml no longer contains " + anchor
                        + ", which the local stack's copy replaces; keep the targets and intervals written as they were");
            }
        }
        String seconds = interval.toSeconds() + "s";
        return deployed.replace(API_TARGET, "'127.0.0.1:" + apiPort + "'")
                .replace(STREAMS_TARGET, "'127.0.0.1:" + streamsPort + "'")
                .replace(SCRAPE_INTERVAL, "scrape_interval: " + seconds)
                .replace(EVALUATION_INTERVAL, "evaluation_interval: " + seconds);
    }
}
