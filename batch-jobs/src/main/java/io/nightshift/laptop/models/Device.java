package io.nightshift.laptop.models;

import ai.djl.engine.Engine;

/**
 * The device DJL computes on, chosen by the engine at start: the GPU when the CUDA native is on
 * the class path (the {@code gpu} build) and a GPU answers, the CPU otherwise. Same code either way.
 */
public final class Device {

    /** {@code cpu} or {@code gpu}, as the heartbeat reports it; {@code cpu} when the engine cannot load. */
    public static final String NAME = detect();

    private Device() {
    }

    private static String detect() {
        try {
            ai.djl.Device device = Engine.getInstance().defaultDevice();
            return device.isGpu() ? "gpu" : "cpu";
        } catch (RuntimeException | Error e) {
            return "cpu";
        }
    }
}
