package io.nightshift.cli.command;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code ./nightshift bench} accepts, checked before it starts any stack. */
class BenchCommandTest {

    @Test
    void anUnknownSelectionIsAClearMistakeNamingTheOnesThatExist() {
        StringWriter err = new StringWriter();
        CommandLine cli = NightshiftCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("bench", "fast");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("'all'").contains("'quick'").contains("'cloud'").contains("'fast'").doesNotContain("\tat ");
    }

    @Test
    void theHelpNamesQuickAndWhereItWrites() {
        StringWriter out = new StringWriter();
        CommandLine cli = NightshiftCli.commandLine();
        cli.setOut(new PrintWriter(out, true));

        cli.execute("bench", "-h");

        assertThat(out.toString()).contains("quick").contains("docs/benchmarks-quick");
        assertThat(out.toString()).contains("cloud");
        assertThat(out.toString()).contains("composed");
    }
}
