package io.airq.core.reading;

import io.airq.core.registry.HostType;

/** Where a reading was taken, copied from the registry when the streams job enriches it. */
public record SensorPlace(
    double lat,
    double lon,
    String area,
    String street,
    String county,
    boolean indoor,
    HostType hostType) {}
