package io.airq.planner.impact;

import io.airq.core.impact.PhaseAggregate;

/** A phase aggregate with the number of sensor-hours the phase should have had. */
public record PhaseInput(PhaseAggregate aggregate, long expectedHours) {}
