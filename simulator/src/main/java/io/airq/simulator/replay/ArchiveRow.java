package io.airq.simulator.replay;

import java.time.Instant;

/** One row of a sensors.AFRICA archive CSV: one value of one device reading. */
record ArchiveRow(
    String sensorId,
    String sensorType,
    String location,
    double lat,
    double lon,
    String timestamp,
    Instant time,
    String valueType,
    String value) {}
