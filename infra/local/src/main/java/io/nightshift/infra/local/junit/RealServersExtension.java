package io.nightshift.infra.local.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves endpoint parameters to the JVM's {@link SharedServers}: started once per JVM, on first
 * demand, and stopped when the JVM exits.
 */
public final class RealServersExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedServers.serves(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        try {
            return SharedServers.endpoint(type);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("could not start a " + type.getSimpleName()
                    + " server (" + SharedServers.describeSource() + "): " + e.getMessage(), e);
        }
    }
}
