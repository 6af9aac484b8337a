package io.airq.simulator;

import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.Pacer;
import io.airq.simulator.publish.ProgressBar;
import io.airq.simulator.publish.Registrar;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;
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

  public static GroundTruth run(Scenario scenario, SimulatorOptions options)
      throws InterruptedException {
    LOG.info("simulating {} with {}", scenario.name(), options);
    Scenario s = scaled(scenario, options);
    Generation g = Generator.generate(s);
    LOG.info(
        "generated {} readings in {} messages over {} sensors; faults {}",
        g.readings().size(),
        g.messages().size(),
        s.sensors().size(),
        g.truth().faults());
    if (options.kafkaBootstrap() != null && !options.kafkaBootstrap().isBlank()) {
      List<Sensor> sensors = s.sensors().stream().map(x -> x.toSensor(s.interval())).toList();
      Registrar.register(
          options.kafkaBootstrap(), options.topicPrefix(), sensors, List.of(s.toClosure()));
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
    String clientId = "airq-sim-" + UUID.randomUUID().toString().substring(0, 8);
    try (MqttPublisher publisher =
        new MqttPublisher(
            o.mqttUrl(), clientId, o.mqttUsername(), o.mqttPassword(), o.qos(), o.maxInFlight())) {
      Pacer pacer = new Pacer(s.startInstant(), o.speed(), o.rateCap());
      ProgressBar bar = new ProgressBar(o.progress(), messages.size(), s.zone());
      long sent = 0;
      long started = System.nanoTime();
      for (SimMessage m : messages) {
        pacer.await(m.publishAt());
        publisher.publish(m.topic(), m.payload());
        sent++;
        bar.update(m.publishAt(), sent);
      }
      if (!publisher.flush(60_000)) {
        LOG.warn("some publishes were not acknowledged within 60 s");
      }
      bar.finish(
          messages.isEmpty() ? s.startInstant() : messages.get(messages.size() - 1).publishAt(),
          sent);
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info(
          "published {} messages ({} acknowledged, {} failed) in {} s, p50 {} ms, p99 {} ms",
          sent,
          publisher.acked(),
          publisher.failed(),
          String.format(java.util.Locale.ROOT, "%.1f", seconds),
          publisher.latencyPercentileMs(0.5),
          publisher.latencyPercentileMs(0.99));
      return publisher.acked();
    } catch (MqttException e) {
      throw new IllegalStateException("MQTT connection to " + o.mqttUrl() + " failed", e);
    }
  }
}
