package io.nightshift.infra.local.junit;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Map;
import java.util.function.Function;

/**
 * Resolves endpoint parameters to servers kept in the root extension store: started once per
 * JVM, on first demand, and closed by JUnit when the whole run ends.
 */
public final class RealServersExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServersExtension.class);

    private static final Map<Class<?>, Function<ServerSource, Running<?>>> STARTERS = Map.of(
            KafkaEndpoint.class, ServerSource::kafka,
            RedisEndpoint.class, ServerSource::redis,
            PostgresEndpoint.class, ServerSource::postgres);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return STARTERS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        ServerSource source = store.computeIfAbsent(ServerSource.class, key -> ServerSource.detect(), ServerSource.class);
        try {
            Running<?> running = store.computeIfAbsent(type, key -> STARTERS.get(type).apply(source), Running.class);
            return running.endpoint();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("could not start a " + type.getSimpleName()
                    + " server (" + source.describe() + "): " + e.getMessage(), e);
        }
    }
}
