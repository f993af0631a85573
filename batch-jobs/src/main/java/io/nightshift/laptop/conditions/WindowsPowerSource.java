package io.nightshift.laptop.conditions;

import java.time.Clock;
import java.time.Duration;

/**
 * Windows' power state from {@code Win32_Battery.BatteryStatus} (one line per battery). 1 (discharging),
 * 4 (low) and 5 (critical) mean the laptop runs on its battery; 2 (on AC), 3 (fully charged) and 6-9 (charging)
 * mean the charger is in. No battery, no PowerShell or another value: {@code unknown}.
 */
class WindowsPowerSource implements PowerSource {

    static final String QUERY = "Get-CimInstance -ClassName Win32_Battery | ForEach-Object { $_.BatteryStatus }";

    private final Throttled<String> state;

    WindowsPowerSource(ProcessQuery query, Duration interval, Clock clock) {
        this.state = new Throttled<>(() -> query.run().map(WindowsPowerSource::parse).orElse("unknown"), interval, clock);
    }

    @Override
    public String state() {
        return state.get();
    }

    static String parse(String output) {
        boolean battery = false;
        for (String line : output.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            int status;
            try {
                status = Integer.parseInt(line);
            } catch (NumberFormatException e) {
                return "unknown";
            }
            switch (status) {
                case 2, 3, 6, 7, 8, 9 -> {
                    return "ac";
                }
                case 1, 4, 5 -> battery = true;
                default -> {
                    return "unknown";
                }
            }
        }
        return battery ? "battery" : "unknown";
    }
}
