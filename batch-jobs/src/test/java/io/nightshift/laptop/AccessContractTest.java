package io.nightshift.laptop;

import io.nightshift.infra.local.settings.ApplicationYaml;
import io.nightshift.schemas.access.KafkaAccess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The laptop's consumer groups, as its default settings make them, are the ones the {@code laptop}
 * principal is granted ({@link KafkaAccess}) and no other party's.
 */
class AccessContractTest {

    @Test
    void theLaptopsGroupsFallUnderItsGrantOnly() {
        Binder binder = ApplicationYaml.binder();
        LaptopProperties laptop = binder.bindOrCreate("nightshift.laptop", LaptopProperties.class);

        for (String group : new String[]{laptop.freshGroup(), laptop.controlGroup()}) {
            assertThat(KafkaAccess.LAPTOP.ownsGroup(group)).as(group).isTrue();
            assertThat(KafkaAccess.ONLINE_API.ownsGroup(group) || KafkaAccess.STREAMS_PROCESSOR.ownsGroup(group)).as(group).isFalse();
        }
        assertThat(KafkaAccess.LAPTOP.transactionalIdPrefixes()).as("the laptop writes no transactions").isEmpty();
    }
}
