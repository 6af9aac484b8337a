package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.simulator.Simulator;
import io.airq.simulator.SimulatorOptions;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The nairobi-closure scenario, smaller and as fast as possible, through real Mosquitto, bridge,
 * Kafka, streams, sink, InfluxDB and the planner API.
 */
@RealServers
class NairobiClosureEndToEndIT {

  @Test
  void plannerRecoversTheInjectedClosureEffectFromWhatSensorsSent(Servers servers)
      throws Exception {
    try (PipelineHarness h = new PipelineHarness(servers, "e2e-nairobi")) {
      SimulatorOptions o =
          new SimulatorOptions(
              servers.mqttUrl(),
              null,
              null,
              servers.kafkaBootstrap(),
              h.prefix,
              0,
              0,
              1,
              50,
              false,
              servers.newDirectory("truth").resolve("ground-truth.json"),
              42L,
              2,
              1,
              1,
              null,
              Duration.ofMinutes(10));
      GroundTruth truth = Simulator.run(Scenario.builtIn("nairobi-closure"), o);

      h.awaitDrained(Duration.ofSeconds(10), Duration.ofMinutes(6));
      TopicCounts kafka = new TopicCounts(servers.kafkaBootstrap());
      long onKafka = kafka.records(Topics.READINGS.prefixed(h.prefix).name());
      Map<String, Long> deadLetters =
          kafka.byHeader(
              Topics.READINGS_DEAD_LETTER.prefixed(h.prefix).name(), RecordHeaders.REASON_CODE);
      long quarantined = kafka.records(Topics.QUARANTINE.prefixed(h.prefix).name());
      long clean = kafka.records(Topics.CLEAN_READINGS.prefixed(h.prefix).name());
      long late = kafka.records(Topics.LATE_READINGS.prefixed(h.prefix).name());
      long sinkDeadLetters = kafka.records(Topics.SINK_DEAD_LETTER.prefixed(h.prefix).name());
      long stored = h.count("SELECT count(pm25_raw) FROM \"raw_90d\".\"reading\"");
      System.err.printf(
          "e2e: published %d of %d messages carrying %d readings (%d unique from registered"
              + " sensors); on Kafka %d readings, dead letters %s, quarantined %d, clean %d,"
              + " late %d, stored %d, sink dead letters %d%n",
          truth.messagesPublished(),
          truth.messagesGenerated(),
          truth.readingsInMessages(),
          truth.uniqueReadingsSent(),
          onKafka,
          deadLetters,
          quarantined,
          clean,
          late,
          stored,
          sinkDeadLetters);
      // Area means (a running aggregate per area window in the streams job) against the stored
      // sensor means they come from.
      PipelineHarness.AreaCheck areas = h.areaMeansAgainstSensorMeans("pm25", 75);
      System.err.println("e2e: " + areas.summary("PM2.5"));
      assertThat(areas.areaHours()).as("area-hours with valid sensors").isPositive();
      assertThat(areas.mismatches()).as("area means that differ from their sensors'").isEmpty();
      // Counts reconcile: every published message became its readings or one dead letter, every
      // unknown sensor's reading was quarantined, and every distinct registered reading was
      // stored exactly once (duplicates removed, faulty values stored with their flags).
      assertThat(truth.messagesPublished()).isEqualTo(truth.messagesGenerated());
      assertThat(onKafka).isEqualTo(truth.readingsInMessages());
      assertThat(deadLetters).isEqualTo(Map.of("malformed-json", truth.faults().get("malformed")));
      assertThat(quarantined).isEqualTo(truth.faults().get("unknownSensor"));
      assertThat(clean).isEqualTo(truth.uniqueReadingsSent());
      assertThat(sinkDeadLetters).isZero();
      // the scenario's latest delivery is a gateway's 6-hour outage batch, well within grace
      assertThat(late).isZero();
      assertThat(stored).isEqualTo(truth.uniqueReadingsSent());

      PipelineHarness.awaitSettled(
          () -> h.count("SELECT count(mean) FROM average WHERE \"window\" = '1h'"),
          Duration.ofSeconds(5),
          Duration.ofMinutes(2));
      // Every sensor-hour with a stored reading has its hourly average.
      String span = h.timeSpan("pm25_raw", "\"raw_90d\".\"reading\"");
      Map<String, SortedSet<Long>> readingHours =
          h.hours(
              "SELECT count(pm25_raw) FROM \"raw_90d\".\"reading\" WHERE "
                  + span
                  + " GROUP BY time(1h), \"sensor\" fill(none)",
              "sensor");
      Map<String, SortedSet<Long>> averageHours =
          h.hours(
              "SELECT count(mean) FROM average WHERE \"window\" = '1h' AND \"scope\" = 'sensor'"
                  + " AND "
                  + span
                  + " GROUP BY time(1h), \"key\" fill(none)",
              "key");
      Map<String, SortedSet<Long>> missing = new TreeMap<>();
      readingHours.forEach(
          (sensor, hours) -> {
            SortedSet<Long> m = new TreeSet<>(hours);
            m.removeAll(averageHours.getOrDefault(sensor, new TreeSet<>()));
            if (!m.isEmpty()) {
              missing.put(sensor, m);
            }
          });
      missing.forEach(
          (sensor, m) ->
              System.err.printf(
                  "e2e: %s has no hourly average for %d of its %d hours with readings: %s%n",
                  sensor,
                  m.size(),
                  readingHours.get(sensor).size(),
                  m.stream().map(Instant::ofEpochMilli).toList()));
      assertThat(missing).isEmpty();

      JsonNode report = h.getJson("/api/closures/" + truth.closureId() + "/impact?quantity=pm25");
      double treated = report.at("/report/treated/duringVsBefore/percent").asDouble();
      double control = report.at("/report/control/duringVsBefore/percent").asDouble();
      // The planner reports corrected PM2.5, an estimate of the true concentration, so the target
      // is the change in the simulated true concentration; the raw sensor change is printed too.
      double expected = truth.groups().get("treated").get("pm25").truth().changePercent();
      double controlTruth = truth.groups().get("control").get("pm25").truth().changePercent();
      System.err.printf(
          "e2e: ground truth: treated true %.1f %%, measured (raw) %.1f %%; control true %.1f %%%n",
          expected,
          truth.groups().get("treated").get("pm25").measured().changePercent(),
          controlTruth);
      System.err.printf(
          "e2e: treated change %.1f %% (truth %.1f %%), control %.1f %% (truth %.1f %%)%n",
          treated, expected, control, controlTruth);
      // Against the ground truth only: the scenario starts a fixed number of days before today, so
      // its weather (and with it the control group's true change) depends on the date it runs.
      double did = report.at("/report/differenceInDifferences/percent").asDouble();
      double didTruth = 100 * ((1 + expected / 100) / (1 + controlTruth / 100) - 1);
      assertThat(treated).as("treated change vs truth").isCloseTo(expected, within(5.0));
      assertThat(control).as("control change vs truth").isCloseTo(controlTruth, within(5.0));
      assertThat(did).as("difference in differences vs truth").isCloseTo(didTruth, within(5.0));
      assertThat(report.at("/report/methodVersion").asText()).isNotBlank();
      assertThat(report.at("/report/summarySw").asText()).isNotBlank();
    }
  }
}
