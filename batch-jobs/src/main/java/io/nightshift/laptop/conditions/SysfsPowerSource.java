package io.nightshift.laptop.conditions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Linux's {@code /sys/class/power_supply}: each supply is a folder with a {@code type}
 * ({@code Mains}, {@code USB}, {@code Battery}) and an {@code online} flag (mains) or a
 * {@code status} (battery). Any mains online means {@code ac}; otherwise a battery means
 * {@code battery}. Anything unreadable (other OS, container, no permission) is {@code unknown},
 * never an error: the heartbeat must go out regardless.
 */
class SysfsPowerSource implements PowerSource {

    private final Path folder;

    SysfsPowerSource(Path folder) {
        this.folder = folder;
    }

    @Override
    public String state() {
        List<Path> supplies;
        try (Stream<Path> entries = Files.list(folder)) {
            supplies = entries.sorted().toList();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        boolean battery = false;
        for (Path supply : supplies) {
            String type = read(supply.resolve("type"));
            if (("Mains".equalsIgnoreCase(type) || "USB".equalsIgnoreCase(type)) && "1".equals(read(supply.resolve("online")))) {
                return "ac";
            }
            if ("Battery".equalsIgnoreCase(type)) {
                String status = read(supply.resolve("status"));
                // Charging or full means the charger is in even when no mains folder says so.
                if ("Charging".equalsIgnoreCase(status) || "Full".equalsIgnoreCase(status)) {
                    return "ac";
                }
                battery = true;
            }
        }
        return battery ? "battery" : "unknown";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
