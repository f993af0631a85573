package io.nightshift.cli.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which processes listen on a TCP port, from procfs. The stack's servers are found this way rather
 * than as children of the CLI: PostgreSQL's {@code pg_ctl} detaches the server from its parent, so
 * only the port it serves says which process it is.
 */
final class ListeningProcesses {

    private ListeningProcesses() {
    }

    /** The pids holding a listening socket on {@code port} (IPv4 or IPv6), readable ones only; empty off Linux. */
    static Set<Long> on(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            inodes.addAll(listeningInodes(Path.of(table), port));
        }
        Set<Long> pids = new TreeSet<>();
        if (inodes.isEmpty()) {
            return pids;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (holdsAny(process.resolve("fd"), inodes)) {
                    pids.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // No procfs: nothing found, and the caller says which server it could not place.
        }
        return pids;
    }

    /** Socket inodes in LISTEN state (0A) on the port, from one of the kernel's TCP tables. */
    static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                String[] fields = line.strip().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (fields.length > 9 && fields[1].endsWith(hexPort) && "0A".equals(fields[3])) {
                    inodes.add(fields[9]);
                }
            }
        } catch (IOException e) {
            // No such table (no IPv6, or not Linux).
        }
        return inodes;
    }

    private static boolean holdsAny(Path fds, Set<String> inodes) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
            for (Path fd : entries) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // Closed meanwhile.
                }
            }
        } catch (IOException | SecurityException e) {
            // Another user's process, or one that ended while we looked.
        }
        return false;
    }
}
