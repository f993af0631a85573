package io.nightshift.laptop.conditions;

import java.util.Optional;

/** The hottest readable temperature sensor, in degrees Celsius. */
interface Thermometer {

    Optional<Double> hottest();
}
