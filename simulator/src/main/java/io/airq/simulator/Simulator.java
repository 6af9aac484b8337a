package io.airq.simulator;

import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.DeviceTimes;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.Pacer;
import io.airq.simulator.publish.ProgressBar;
import io.airq.simulator.publish.PublishLoop;
import io.airq.simulator.publish.Registrar;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario: generates it, registers its sensors and closure in Kafka, publishes every
 * message over MQTT at the requested pace, and returns (and optionally writes) the ground truth.
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  private Simulator() {}

  /** The scenario with the options' overrides applied. */
  public static Scenario scaled(Scenario scenario, SimulatorOptions o) {
    return scenario.with(
        o.daysBefore(), o.daysDuring(), o.daysAfter(), o.sensors(), o.interval(), o.seed(), null);
  }

  /** Runs with {@link DeviceTimes#AUTO}: firmware-like payloads only when paced in real time. */
  public static GroundTruth run(Scenario scenario, SimulatorOptions options)
      throws InterruptedException {
    return run(scenario, options, DeviceTimes.AUTO);
  }

  /**
   * Runs a scenario; {@code times} says whether AirGradient and sensor-community payloads carry
   * their device time (docs/simulator.md, "Device times").
   */
  public static GroundTruth run(Scenario scenario, SimulatorOptions options, DeviceTimes times)
      throws InterruptedException {
    DeviceTimes resolved = times.resolve(options.speed());
    LOG.info("simulating {} with {}, device times {}", scenario.name(), options, resolved);
    Scenario s = scaled(scenario, options);
    Generation g = Generator.generate(s, resolved);
    LOG.info(
        "generated {} readings in {} messages over {} sensors; faults {}",
        g.readings().size(),
        g.messages().size(),
        s.sensors().size(),
        g.truth().faults());
    if (options.kafka().enabled()) {
      List<Sensor> sensors = new java.util.ArrayList<>();
      s.sensors().forEach(x -> sensors.add(x.toSensor(s.interval())));
      s.weather().stations().forEach(x -> sensors.add(x.toSensor()));
      Registrar.register(options.kafka(), sensors, List.of(s.toClosure()));
    }
    long published = publish(g.messages(), s, options);
    GroundTruth truth = g.truth().withMessagesPublished(published);
    if (options.groundTruthFile() != null) {
      truth.write(options.groundTruthFile());
      LOG.info("ground truth written to {}", options.groundTruthFile());
    }
    return truth;
  }

  private static long publish(List<SimMessage> messages, Scenario s, SimulatorOptions o)
      throws InterruptedException {
    try (MqttPublisher publisher = o.mqtt().connect("airq-sim")) {
      PublishLoop.Outcome out =
          PublishLoop.run(
              publisher,
              PublishLoop.of(messages),
              new Pacer(s.startInstant(), o.speed(), o.rateCap()),
              new ProgressBar(o.progress(), messages.size(), s.zone()));
      LOG.info(
          "published {} messages ({} acknowledged, {} failed) in {} s, p50 {} ms, p99 {} ms",
          out.sent(),
          out.acknowledged(),
          out.failed(),
          String.format(java.util.Locale.ROOT, "%.1f", out.seconds()),
          out.p50Ms(),
          out.p99Ms());
      return out.acknowledged();
    }
  }
}
