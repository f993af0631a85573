package io.nightshift.infra.local.junit;

/** A started server and the endpoint it answers on; closing it stops the server. */
record Running<E>(E endpoint, AutoCloseable server) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        server.close();
    }
}
