package io.airq.simulator.truth;

/**
 * Phase means of one quantity for one group: of the physical truth (every reading) and of what the
 * sensors measured and the simulator sent as valid readings (faulty readings excluded).
 */
public record QuantityTruth(PhaseMeans truth, PhaseMeans measured) {}
