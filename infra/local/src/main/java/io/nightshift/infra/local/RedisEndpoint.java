package io.nightshift.infra.local;

/**
 * Where a running Redis answers.
 *
 * @param host host name or address (loopback for the embedded server)
 * @param port TCP port
 */
public record RedisEndpoint(String host, int port) {
}
