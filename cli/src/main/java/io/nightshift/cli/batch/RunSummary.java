package io.nightshift.cli.batch;

import io.nightshift.cli.terminal.Durations;
import io.nightshift.schemas.control.RunStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The end of {@code ./nightshift batch run}: how the run ended, which model it produced and how
 * that model compares with the one that was active (the gate's numbers on the same test split),
 * what it scored and published, and how long it all took.
 *
 * @param detail       the laptop's sentence: the gate's reason, the failure, or where a timed-out run was
 * @param modelVersion the version the run made active; empty when none (refused, failed, not active yet)
 * @param lineage      that version's lineage; empty when the API reports none
 * @param activeBefore the version active when the run was requested; empty when none
 * @param waited       how much of {@code wall} the run waited for the laptop
 */
public record RunSummary(String runId, Ending ending, String detail, Optional<String> modelVersion, Optional<VersionLineage> lineage,
                         Optional<String> activeBefore, Optional<RunView.StepCounts> scored, Optional<RunView.StepCounts> published,
                         Duration wall, Duration waited) {

    /** How a run ends for the command line, with the exit code each one gives (documented in {@code batch --help}). */
    public enum Ending {
        COMPLETED(0), REFUSED(3), FAILED(4), TIMED_OUT(5);

        private final int exitCode;

        Ending(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }

        public static Ending of(RunState run) {
            return switch (run.status()) {
                case RunStatus.COMPLETED -> COMPLETED;
                case RunStatus.REFUSED -> REFUSED;
                default -> FAILED;
            };
        }
    }

    static final String NOT_REPORTED = "not reported";
    private static final String SCORING_STEP = "scoreCatalog";
    private static final String PUBLISHING_STEP = "publishVersion";

    public static RunSummary of(String runId, Ending ending, String detail, Optional<String> modelVersion, Optional<VersionLineage> lineage,
                                Optional<String> activeBefore, RunView view, Duration wall) {
        return new RunSummary(runId, ending, detail, modelVersion, lineage, activeBefore, view.counts(SCORING_STEP),
                view.counts(PUBLISHING_STEP), wall, view.waitedForLaptop());
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(headline());
        lines.add(row("model", model()));
        lines.add(row("vs active", againstActive()));
        lines.add(row("validation", validation()));
        lines.add(row("products", products()));
        lines.add(row("time", Durations.human(wall) + (waited.toSeconds() >= 1 && ending != Ending.TIMED_OUT
                ? " (" + Durations.human(waited) + " of it waiting for the laptop)" : "")));
        return lines;
    }

    private String headline() {
        String why = detail.isBlank() ? "" : ": " + detail;
        return switch (ending) {
            case COMPLETED -> "Run " + runId + " completed.";
            case REFUSED -> "Run " + runId + " refused by the evaluation gate" + why;
            case FAILED -> "Run " + runId + " failed" + (why.isEmpty() ? " (see .nightshift/logs/laptop.log)" : why);
            case TIMED_OUT -> "Stopped watching after " + Durations.human(wall) + ": run " + runId + " " + (detail.isBlank() ? "was not reported yet" : detail)
                    + "; it goes on on the laptop (./nightshift status, GET /api/v1/admin/runs)";
        };
    }

    private String model() {
        String before = activeBefore.map(v -> v + " stays active").orElse("no version is active");
        if (modelVersion.isEmpty()) {
            return switch (ending) {
                case COMPLETED -> "published, not active yet (the streams processor switches once all its lists are loaded; ./nightshift status)";
                case TIMED_OUT -> "not published yet; " + before;
                default -> "not published; " + before;
            };
        }
        String family = lineage.map(VersionLineage::modelFamily).filter(f -> !f.isBlank()).orElse("family " + NOT_REPORTED);
        return modelVersion.get() + " (" + family + "), now active" + activeBefore.map(v -> " instead of " + v).orElse("");
    }

    private String againstActive() {
        Optional<Double> related = metric("test.related.ndcg10");
        Optional<Double> personal = metric("test.personal.ndcg10");
        if (related.isEmpty() && personal.isEmpty()) {
            return NOT_REPORTED + (lineage.isPresent() && activeBefore.isEmpty() ? " (no active model to compare with)" : "");
        }
        String users = metric("test.users").map(n -> " on " + Math.round(n) + " test users").orElse("");
        return "related NDCG@10 " + pair(related, metric("active.related.ndcg10"))
                + ", personal NDCG@10 " + pair(personal, metric("active.personal.ndcg10")) + users;
    }

    private static String pair(Optional<Double> mine, Optional<Double> active) {
        return mine.map(RunSummary::number).orElse(NOT_REPORTED) + " (active " + active.map(RunSummary::number).orElse(NOT_REPORTED) + ")";
    }

    private String validation() {
        Map<String, Double> metrics = lineage.map(VersionLineage::metrics).orElse(Map.of());
        String found = metrics.entrySet().stream().filter(e -> e.getKey().startsWith("validation."))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().substring("validation.".length()) + " " + (isCount(e.getKey()) ? String.valueOf(Math.round(e.getValue())) : number(e.getValue())))
                .collect(Collectors.joining(", "));
        return found.isEmpty() ? NOT_REPORTED : found;
    }

    private String products() {
        String scoring = scored.map(this::finished).map(c -> c.done() + (c.total() > 0 ? " of " + c.total() : "") + " scored")
                .orElse("scored: " + NOT_REPORTED);
        String publishing = published.map(this::finished).map(c -> c.done() + " lists published").orElse(ending == Ending.COMPLETED
                ? "lists published: " + NOT_REPORTED : "no list published");
        return scoring + "; " + publishing;
    }

    /**
     * The counts are the largest seen while polling, and a fast step can end between two polls;
     * in a completed run every step did all its items.
     */
    private RunView.StepCounts finished(RunView.StepCounts counts) {
        return ending == Ending.COMPLETED && counts.total() > 0 ? new RunView.StepCounts(counts.total(), counts.total()) : counts;
    }

    private Optional<Double> metric(String name) {
        return lineage.flatMap(l -> l.metric(name));
    }

    private static boolean isCount(String name) {
        return name.endsWith(".trials") || name.endsWith(".users") || name.endsWith(".cases");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "  %-11s %s", label, value);
    }
}
