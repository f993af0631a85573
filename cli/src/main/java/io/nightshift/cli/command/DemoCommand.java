package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The whole platform with a seeded demo shop and a first batch run. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {"Start everything with a demo shop and a first batch run.",
        "Stays up until Ctrl-C (or use --detach)."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StartOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return start(spec, options, true);
    }

    static int start(CommandLine.Model.CommandSpec spec, StartOptions options, boolean seed) {
        int port = options.port;
        StackLayout layout = StackLayout.discover();
        StackLauncher launcher = new StackLauncher(layout, System.out);
        Optional<StackState> running = launcher.running();
        if (running.isPresent()) {
            spec.commandLine().getOut().println("Nightshift is already running (supervisor pid " + running.get().supervisorPid()
                    + ", " + running.get().apiUrl() + "); ./nightshift status shows it, ./nightshift down stops it.");
            return 0;
        }
        List<String> args = new java.util.ArrayList<>(List.of("--port=" + port));
        if (seed) {
            args.add("--seed-demo");
        }
        if (options.secure) {
            args.add("--secure");
        }
        if (!options.detach) {
            return NightshiftCli.commandLine().execute(concat("supervise", args));
        }
        launcher.launchAndFollow(args);
        return 0;
    }

    private static String[] concat(String first, List<String> rest) {
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }
}
