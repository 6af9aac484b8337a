package io.airq.streams;

import io.airq.core.reading.CleanReading;
import io.airq.core.registry.Sensor;

/**
 * A QA-flagged, corrected reading with its sensor; late when it missed its hourly window's grace on
 * its sensor's clock, or is older than the hour store keeps. {@code sensorTime} is its sensor's
 * clock after it: the latest measurement time the sensor has sent.
 */
public record Cleaned(CleanReading clean, Sensor sensor, boolean late, long sensorTime) {}
