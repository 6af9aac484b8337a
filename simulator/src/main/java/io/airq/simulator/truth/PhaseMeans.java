package io.airq.simulator.truth;

/**
 * The mean of valid sensor-hour means per phase, for one group and quantity; null when a phase has
 * no valid sensor-hour. {@code changePercent} = (during / before − 1) × 100, {@code
 * afterChangePercent} = (after / before − 1) × 100.
 */
public record PhaseMeans(
    Double before,
    Double during,
    Double after,
    long beforeHours,
    long duringHours,
    long afterHours,
    Double changePercent,
    Double afterChangePercent) {}
