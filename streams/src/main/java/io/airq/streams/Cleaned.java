package io.airq.streams;

import io.airq.core.reading.CleanReading;
import io.airq.core.registry.Sensor;

/**
 * A QA-flagged, corrected reading with its sensor; late when it missed its hourly window's grace.
 */
public record Cleaned(CleanReading clean, Sensor sensor, boolean late) {}
