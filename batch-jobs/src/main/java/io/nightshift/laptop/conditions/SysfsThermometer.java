package io.nightshift.laptop.conditions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code /sys/class/thermal/thermal_zone*&#47;temp} (millidegrees); absent where unreadable. */
class SysfsThermometer implements Thermometer {

    private final Path folder;

    SysfsThermometer(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<Double> hottest() {
        try (Stream<Path> zones = Files.list(folder)) {
            return zones.filter(zone -> zone.getFileName().toString().startsWith("thermal_zone"))
                    .map(zone -> readMillidegrees(zone.resolve("temp")))
                    .flatMap(Optional::stream)
                    .max(Double::compare);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> readMillidegrees(Path file) {
        try {
            double celsius = Long.parseLong(Files.readString(file).trim()) / 1000.0;
            // Some zones report nonsense (negative, or -273 for absent sensors): not a temperature.
            return celsius > 0 && celsius < 150 ? Optional.of(celsius) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
