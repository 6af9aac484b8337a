package io.airq.planner.influx;

import java.time.Instant;

/**
 * One index value of a window read back from InfluxDB.
 *
 * @param key the sensor id or area
 * @param time the window start
 * @param value the index value
 * @param category the index's category name
 * @param pollutant the dominant pollutant
 * @param averaging what it was computed on (e.g. {@code nowcast-12h}, {@code calendar-day})
 * @param id the index and table version (e.g. {@code us-epa-2024})
 */
public record IndexPoint(
    String key,
    Instant time,
    int value,
    String category,
    String pollutant,
    String averaging,
    String id) {}
