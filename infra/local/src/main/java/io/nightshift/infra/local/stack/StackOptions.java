package io.nightshift.infra.local.stack;

/**
 * How to start a local stack.
 *
 * @param apiPort   the online API's port (storefront, console, API)
 * @param seedDemo  whether to load the demo shop and run a first batch
 */
public record StackOptions(int apiPort, boolean seedDemo) {
}
