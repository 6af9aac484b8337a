package io.airq.streams;

import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;

/** A reading joined with its registry entry (sensor is null when the sensor is unknown). */
public record Enriched(Reading reading, Sensor sensor) {}
