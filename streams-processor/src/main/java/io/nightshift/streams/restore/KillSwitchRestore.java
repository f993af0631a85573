package io.nightshift.streams.restore;

import io.nightshift.featurestore.ServingControls;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.common.TopicPartition;

import java.util.EnumMap;
import java.util.Map;

/**
 * Sets the owner's kill switches of a lost Redis again: every switch the owner flipped is a
 * {@code kill_switch_changed} event on {@code reco.control.v1}, kept for ever, so the newest one per
 * tier is the state Redis had.
 */
final class KillSwitchRestore {

    private final ServingControls controls;
    private final Map<String, Object> client;
    private final ContractCodec<ControlEvent> codec = ContractCodec.of(Contract.CONTROL_EVENT);

    KillSwitchRestore(ServingControls controls, Map<String, Object> client) {
        this.controls = controls;
        this.client = Map.copyOf(client);
    }

    /** @return each tier the control topic has a switch for, with its newest state, now set in Redis */
    Map<Tier, Boolean> restore() {
        Map<Tier, Boolean> newest = new EnumMap<>(Tier.class);
        TopicReader.readAll(client, new TopicPartition(Topics.RECO_CONTROL.name(), 0), record -> {
            ControlEvent event;
            try {
                event = codec.decode(record.value());
            } catch (RuntimeException e) {
                // The loader dead-letters broken control records; here they are simply not a switch.
                return;
            }
            if (event.type() == ControlType.KILL_SWITCH_CHANGED && event.killSwitch() != null) {
                newest.put(event.killSwitch().tier(), event.killSwitch().disabled());
            }
        });
        newest.forEach(controls::setTierDisabled);
        return newest;
    }
}
