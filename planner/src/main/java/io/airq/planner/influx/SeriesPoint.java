package io.airq.planner.influx;

import java.time.Instant;

/**
 * One window average read back from InfluxDB.
 *
 * @param key the sensor id or area
 * @param time the window start
 * @param mean the mean (corrected values)
 * @param rawMean the mean of the raw values (before correction); null when not stored
 * @param count readings in the window
 * @param expected readings expected at the nominal interval
 */
public record SeriesPoint(
    String key, Instant time, double mean, Double rawMean, long count, long expected) {}
