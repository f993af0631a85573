package io.nightshift.cli.command;

import io.nightshift.infra.local.servers.ScratchFolders;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Stops a running stack: apps first (gracefully), then the servers; their folders are deleted. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the running stack and delete its temporary data.")
final class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        StackLayout layout = StackLayout.discover();
        Optional<StackState> state = StackState.readFrom(layout.stateFile());
        Optional<ProcessHandle> supervisor = state.flatMap(s -> ProcessHandle.of(s.supervisorPid())).filter(ProcessHandle::isAlive);
        if (supervisor.isEmpty()) {
            System.out.println("Nightshift is not running.");
            state.ifPresent(stale -> cleanUpAfter(stale, layout));
            return 0;
        }
        System.out.println("Stopping Nightshift (supervisor pid " + supervisor.get().pid() + ")...");
        supervisor.get().destroy();
        try {
            supervisor.get().onExit().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the supervisor did not stop within 2 minutes; kill it with: kill -9 "
                    + supervisor.get().pid());
        }
        System.out.println("Stopped.");
        ScratchFolders.delete(layout.jars());
        return 0;
    }

    /**
     * A supervisor that died without stopping its stack (killed, crashed) leaves its state file,
     * maybe app processes, the servers' folders and the jar copies: stop and remove what is left.
     */
    private static void cleanUpAfter(StackState stale, StackLayout layout) {
        stale.apps().values().forEach(app -> ProcessHandle.of(app.pid()).filter(ProcessHandle::isAlive).ifPresent(process -> {
            System.out.println("  stopping a leftover app process (pid " + app.pid() + ")");
            process.destroyForcibly();
        }));
        ScratchFolders.delete(layout.run());
        ScratchFolders.delete(layout.jars());
        try {
            Files.deleteIfExists(layout.stateFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("Removed what a stack that was not stopped cleanly left behind (" + layout.run() + ").");
    }
}
