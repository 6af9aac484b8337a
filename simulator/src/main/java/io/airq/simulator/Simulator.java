package io.airq.simulator;

import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.DeviceTimes;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.Pacer;
import io.airq.simulator.publish.PinPusher;
import io.airq.simulator.publish.ProgressBar;
import io.airq.simulator.publish.PublishLoop;
import io.airq.simulator.publish.Registrar;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    return run(scenario, options, times, null);
  }

  /**
   * Runs a scenario; with {@code pinPush} (the bridge's {@code /v1/push-sensor-data/} URL) the
   * sensor-community sensors push each reading per pin over HTTP ({@link PinPusher}), as the
   * airrohr firmware does, and the others publish over MQTT.
   */
  public static GroundTruth run(
      Scenario scenario, SimulatorOptions options, DeviceTimes times, URI pinPush)
      throws InterruptedException {
    return run(scenario, options, times, pinPush, java.util.Map.of());
  }

  /**
   * Runs a scenario as above; with {@code gatewayAccounts} (gateway id to password) each gateway's
   * messages go out logged in as that gateway ({@link MqttPublisher}).
   */
  public static GroundTruth run(
      Scenario scenario,
      SimulatorOptions options,
      DeviceTimes times,
      URI pinPush,
      java.util.Map<String, String> gatewayAccounts)
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
    List<SimMessage> mqtt = g.messages();
    List<SimMessage> http = List.of();
    if (pinPush != null) {
      mqtt = g.messages().stream().filter(m -> !m.topic().endsWith("/sensor-community")).toList();
      http = g.messages().stream().filter(m -> m.topic().endsWith("/sensor-community")).toList();
    }
    long published = publish(mqtt, http, pinPush, s, options, gatewayAccounts);
    GroundTruth truth = g.truth().withMessagesPublished(published);
    if (options.groundTruthFile() != null) {
      truth.write(options.groundTruthFile());
      LOG.info("ground truth written to {}", options.groundTruthFile());
    }
    return truth;
  }

  private static long publish(
      List<SimMessage> messages,
      List<SimMessage> http,
      URI pinPush,
      Scenario s,
      SimulatorOptions o,
      java.util.Map<String, String> accounts)
      throws InterruptedException {
    Pacer pins = new Pacer(s.startInstant(), o.speed(), 0);
    CompletableFuture<PinPusher.Outcome> pushed =
        http.isEmpty()
            ? CompletableFuture.completedFuture(new PinPusher.Outcome(0, 0, 0))
            : CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return PinPusher.run(pinPush, http, pins);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                  }
                });
    long mqtt = publishMqtt(messages, s, o, accounts);
    PinPusher.Outcome p = pushed.join();
    if (!http.isEmpty()) {
      LOG.info(
          "pushed {} readings per pin to {} in {} requests, {} answered",
          p.messages(),
          pinPush,
          p.requests(),
          p.delivered());
    }
    return mqtt + p.delivered();
  }

  private static long publishMqtt(
      List<SimMessage> messages, Scenario s, SimulatorOptions o, java.util.Map<String, String> a)
      throws InterruptedException {
    try (MqttPublisher publisher = o.mqtt().withGatewayAccounts(a).connect("airq-sim")) {
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
