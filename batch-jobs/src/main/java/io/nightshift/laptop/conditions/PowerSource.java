package io.nightshift.laptop.conditions;

/** Whether the laptop runs on mains or on battery, as the heartbeat reports it. */
interface PowerSource {

    /** {@code ac}, {@code battery} or {@code unknown}. */
    String state();
}
