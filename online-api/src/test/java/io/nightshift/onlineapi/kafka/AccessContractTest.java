package io.nightshift.onlineapi.kafka;

import io.nightshift.schemas.access.KafkaAccess;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every consumer group the online API uses starts with the prefix its {@code online-api} principal
 * is granted ({@link KafkaAccess}): the listener factories' groups and any group a listener sets itself.
 */
class AccessContractTest {

    @Test
    void everyGroupFallsUnderTheOnlineApisGrant() throws ClassNotFoundException {
        assertThat(KafkaAccess.ONLINE_API.ownsGroup(KafkaConfiguration.INSTANCE_GROUP_PREFIX + "heartbeat-0")).isTrue();

        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        List<String> listenerGroups = new ArrayList<>();
        int listeners = 0;
        for (var candidate : scanner.findCandidateComponents("io.nightshift.onlineapi")) {
            for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                KafkaListener listener = method.getAnnotation(KafkaListener.class);
                if (listener != null) {
                    listeners++;
                    if (!listener.groupId().isEmpty()) {
                        listenerGroups.add(listener.groupId());
                    }
                }
            }
        }

        assertThat(listeners).as("@KafkaListener methods found").isGreaterThanOrEqualTo(4);
        assertThat(listenerGroups).isNotEmpty().allSatisfy(group -> assertThat(KafkaAccess.ONLINE_API.ownsGroup(group)).as(group).isTrue());
    }
}
