package io.nightshift.cli.command;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every command and subcommand of {@code ./nightshift}, found by walking the tree rather than
 * listed by hand, so a command added later is held to the same rules: {@code -h} and
 * {@code --help} answer with a usage text and 0, a bad option is a usage error (2), and the
 * one-line summary in its parent's list is a whole sentence that fits the column.
 */
class CommandTreeTest {

    /** picocli's usage width; the command list gives the summary what the name column leaves of it. */
    private static final int WIDTH = 80;

    @TempDir
    Path home;

    @BeforeEach
    void pointAtAnEmptyHome() {
        System.setProperty("nightshift.home", home.toString());
    }

    @AfterEach
    void forgetHome() {
        System.clearProperty("nightshift.home");
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndZero() {
        List<List<String>> paths = paths();
        assertThat(paths).as("the tree is walked, nested subcommands included")
                .contains(List.of("laptop", "online"), List.of("kafka", "setup-access"), List.of("backup", "export"))
                .hasSizeGreaterThan(20);
        assertSoftly(soft -> {
            for (List<String> path : paths) {
                for (String help : List.of("-h", "--help")) {
                    Run run = run(path, help);
                    String name = path.isEmpty() ? "nightshift" : path.getLast();
                    soft.assertThat(run.code()).as(path + " " + help).isZero();
                    soft.assertThat(run.out()).as(path + " " + help).startsWith("Usage: ").contains(name)
                            .contains("-h, --help");
                }
            }
        });
    }

    @Test
    void aBadOptionOnEveryCommandIsAUsageErrorWithTwo() {
        assertSoftly(soft -> {
            for (List<String> path : paths()) {
                Run run = run(path, "--no-such-option");
                soft.assertThat(run.code()).as(path.toString()).isEqualTo(2);
                // picocli names the first mistake it meets: the unknown option, or a missing parameter before it.
                soft.assertThat(run.err()).as(path.toString()).containsAnyOf("error: Unknown option: '--no-such-option'", "error: Missing required")
                        .contains("Usage: ").doesNotContain("Exception");
            }
        });
    }

    @Test
    void everySummaryIsAWholeSentenceThatFitsItsColumn() {
        assertSoftly(soft -> {
            for (List<String> path : paths()) {
                if (path.isEmpty()) {
                    continue;
                }
                CommandSpec spec = spec(path);
                String[] description = spec.usageMessage().description();
                soft.assertThat(description).as(path + " has a description").isNotEmpty();
                if (description.length == 0) {
                    continue;
                }
                String summary = description[0];
                int column = WIDTH - nameColumn(spec.parent());
                soft.assertThat(summary).as(path + " summary").endsWith(".").doesNotContain("${");
                soft.assertThat(summary.length()).as(path + " summary '" + summary + "' fits " + column + " columns")
                        .isLessThanOrEqualTo(column);
            }
        });
    }

    @Test
    void theTopLevelListShowsEachSummaryOnOneLine() {
        Run run = run(List.of(), "-h");
        for (CommandLine sub : NightshiftCli.commandLine().getSubcommands().values()) {
            if (!(sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) && !sub.getCommandSpec().usageMessage().hidden() && sub.getCommandSpec().usageMessage().description().length > 0) {
                assertThat(run.out()).as(sub.getCommandName()).contains(sub.getCommandSpec().usageMessage().description()[0]);
            }
        }
    }

    @Test
    void durationsAreWrittenOneWayEverywhereAndAWrongOneNamesTheOption() {
        for (String[] args : List.of(new String[]{"replay", "--timeout", "ten"}, new String[]{"batch", "run", "--timeout", "2 hours"},
                new String[]{"restart", "laptop", "--timeout", "-5m"}, new String[]{"redis", "stop", "--timeout", "0s"},
                new String[]{"eval", "sequences", "x.txt", "--batch-timeout", "soon"},
                new String[]{"eval", "sequences", "x.txt", "--selection-budget", "3"})) {
            Run run = run(List.of(args));
            String option = args[args.length - 2];
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).contains("Invalid value for option '" + option + "'")
                    .contains("90s, 10m, 2h, 1h30m or PT10M");
        }
    }

    @Test
    void theDurationConverterTakesEveryDocumentedForm() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("10m")).hasMinutes(10);
        assertThat(converter.convert("2h")).hasHours(2);
        assertThat(converter.convert("90s")).hasSeconds(90);
        assertThat(converter.convert("1h30m")).hasMinutes(90);
        assertThat(converter.convert("2m30s")).hasSeconds(150);
        assertThat(converter.convert("PT10M")).hasMinutes(10);
        assertThat(converter.convert("pt1h")).hasHours(1);
        // eval --batch-timeout took whole minutes before; a bare number still means that there, and only there.
        assertThat(new DurationConverter.MinutesOrDuration().convert("30")).hasMinutes(30);
        assertThat(new DurationConverter.MinutesOrDuration().convert("1h30m")).hasMinutes(90);
        for (String wrong : List.of("30", "1m1h", "1.5h", "m", "", "0m")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> converter.convert(wrong)).as(wrong)
                    .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("1h30m");
        }
    }

    @Test
    void theReadmeStatesTheExitCodesAndDurationFormsTheCliUses() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("0 success, " + NightshiftCli.USAGE + " a usage error")
                .contains(NightshiftCli.FAILURE + " a failure (no running stack")
                .contains("`90s`, `10m`,\n`2h`, `1h30m` or ISO `PT10M`");
        assertThat(run(List.of("status")).code()).as("status with no stack is a failure").isEqualTo(NightshiftCli.FAILURE);
        assertThat(run(List.of("laptop", "online", "-h")).out()).contains("Usage: nightshift laptop online");
    }

    /** Every command's path from the root, the root itself as the empty path; hidden ones too (they answer -h as well). */
    static List<List<String>> paths() {
        List<List<String>> paths = new ArrayList<>();
        collect(NightshiftCli.commandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        if (command.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return; // picocli's own `help`: it prints usages and takes command names, not options
        }
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases would walk the same command twice
                List<String> child = new ArrayList<>(path);
                child.add(name);
                collect(sub, child, into);
            }
        });
    }

    private static CommandSpec spec(List<String> path) {
        CommandLine command = NightshiftCli.commandLine();
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        return command.getCommandSpec();
    }

    /** The width picocli gives the names in a command list: two spaces, the longest name, two spaces. */
    private static int nameColumn(CommandSpec parent) {
        return parent.subcommands().keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
    }

    private Run run(List<String> path, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NightshiftCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(path);
        args.addAll(List.of(more));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }
}
