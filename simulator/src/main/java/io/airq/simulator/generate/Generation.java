package io.airq.simulator.generate;

import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.util.List;

/**
 * The output of {@link Generator#generate(Scenario)}.
 *
 * @param scenario the scenario generated
 * @param readings every simulated reading as measured, before faults, in time order
 * @param messages the messages to publish, in publish order
 * @param truth the ground truth (messagesPublished = −1)
 */
public record Generation(
    Scenario scenario, List<SimReading> readings, List<SimMessage> messages, GroundTruth truth) {}
