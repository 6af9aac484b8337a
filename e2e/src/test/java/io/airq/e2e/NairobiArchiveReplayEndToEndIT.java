package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.planner.cli.PlannerCli;
import io.airq.simulator.publish.KafkaTarget;
import io.airq.simulator.publish.MqttTarget;
import io.airq.simulator.replay.ReplayMessages;
import io.airq.simulator.replay.ReplayOptions;
import io.airq.simulator.replay.Replayer;
import io.airq.simulator.replay.SensorsAfricaArchive;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * 48 hours of real sensors.AFRICA readings (Nairobi, 25-26 March 2021) replayed over MQTT in the
 * sensors.AFRICA push format through Mosquitto, the bridge, Kafka, the streams job, the sink and
 * InfluxDB, read back with the planner's {@code series} CLI, and compared sensor-hour by
 * sensor-hour with a calculation made here from the CSV ({@link NairobiSampleExpectation}).
 */
@RealServers
class NairobiArchiveReplayEndToEndIT {
  static final String SAMPLE = "nairobi/nairobi_2021-03-25_to_2021-03-26_replay_sample.csv";
  static final String FROM = "2021-03-24T00:00:00Z";
  static final String TO = "2021-03-28T00:00:00Z";

  /** The archive's sensors report about every 155 s. */
  static final Duration INTERVAL = Duration.ofSeconds(155);

  @Test
  void everySensorHourPm25MeanThePlannerExportsEqualsTheMeanComputedFromTheArchive(Servers servers)
      throws Exception {
    long t0 = System.nanoTime();
    Path csv = sharedData(SAMPLE);
    Map<String, Map<Instant, NairobiSampleExpectation.Hour>> expected =
        NairobiSampleExpectation.hourlyPm25(csv);
    long expectedCount =
        expected.values().stream()
            .flatMap(m -> m.values().stream())
            .mapToLong(NairobiSampleExpectation.Hour::count)
            .sum();
    try (PipelineHarness h = new PipelineHarness(servers, "e2e-replay")) {
      h.register(
          ReplayMessages.sensors(SensorsAfricaArchive.read(csv), "Nairobi", INTERVAL), List.of());
      long started = System.nanoTime();
      Replayer.ReplayReport sent =
          Replayer.run(
              new ReplayOptions(
                  List.of(csv),
                  null,
                  "Nairobi",
                  INTERVAL,
                  null,
                  new MqttTarget(servers.mqttUrl(), null, null, 1, 20),
                  new KafkaTarget(servers.kafkaBootstrap(), h.prefix, Map.of()),
                  0,
                  0,
                  false));
      long published = System.nanoTime();
      assertThat(sent.published()).isEqualTo(sent.readings());

      String countQuery =
          "SELECT sum(\"count\") FROM average WHERE scope = 'sensor' AND \"window\" = '1h'"
              + " AND quantity = 'pm25'";
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (h.count(countQuery) < expectedCount && System.nanoTime() < deadline) {
        Thread.sleep(1000);
      }
      h.awaitDrained(Duration.ofSeconds(3), Duration.ofMinutes(2));
      long drained = System.nanoTime();
      PipelineHarness.AreaCheck areas = h.areaMeansAgainstSensorMeans("pm25", 75);
      System.err.println("e2e-replay: " + areas.summary("PM2.5"));
      assertThat(areas.mismatches()).as("area means that differ from their sensors'").isEmpty();

      Map<String, Map<Instant, String[]>> exported = new TreeMap<>();
      for (String sensor : expected.keySet()) {
        exported.put(sensor, seriesCsv(h.pipeline.plannerUrl(), sensor));
      }
      // The DHT22s are not sensors of their own: their values travel in their PM sensor's readings.
      for (String dht : NairobiSampleExpectation.DHT_OF_PM.values()) {
        assertThat(seriesCsv(h.pipeline.plannerUrl(), dht)).as("series of %s", dht).isEmpty();
      }

      int hours = 0;
      int corrected = 0;
      double worst = 0;
      for (String sensor : expected.keySet()) {
        Map<Instant, NairobiSampleExpectation.Hour> want = expected.get(sensor);
        Map<Instant, String[]> got = exported.get(sensor);
        assertThat(got.keySet()).as("sensor-hours of %s", sensor).isEqualTo(want.keySet());
        for (Map.Entry<Instant, NairobiSampleExpectation.Hour> e : want.entrySet()) {
          String[] row = got.get(e.getKey());
          String what = sensor + " " + e.getKey();
          assertThat(Long.parseLong(row[7]))
              .as("count of %s", what)
              .isEqualTo(e.getValue().count());
          double mean = Double.parseDouble(row[3]);
          assertThat(mean)
              .as("PM2.5 mean of %s", what)
              .isCloseTo(e.getValue().mean(), within(0.01));
          worst = Math.max(worst, Math.abs(mean - e.getValue().mean()));
          hours++;
          corrected += e.getValue().corrected() > 0 ? 1 : 0;
        }
      }
      // Nothing refused, quarantined or late on the way (no record, no transaction marker).
      Map<String, Long> ends = h.topicEndOffsets();
      for (var topic :
          List.of(
              Topics.READINGS_DEAD_LETTER.name(),
              Topics.QUARANTINE.name(),
              Topics.LATE_READINGS.name(),
              Topics.SINK_DEAD_LETTER.name())) {
        assertThat(ends.getOrDefault(topic, 0L)).as("records in %s", topic).isZero();
      }
      System.err.printf(
          "e2e-replay: %d readings replayed in %.1f s, stored and drained %.1f s later; %d"
              + " sensor-hours of %d sensors (%d with EPA-corrected values, %d readings) equal the"
              + " CSV within %.5f ug/m3; %.1f s in all%n",
          sent.published(),
          (published - started) / 1e9,
          (drained - published) / 1e9,
          hours,
          expected.size(),
          corrected,
          expectedCount,
          worst,
          (System.nanoTime() - t0) / 1e9);
    }
  }

  /** {@code airq series ... --format csv} in this JVM: time -> the CSV row's fields. */
  static Map<Instant, String[]> seriesCsv(String api, String sensor) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new PlannerCli())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(
                "series",
                "--api",
                api,
                "--sensor",
                sensor,
                "--quantity",
                "pm25",
                "--window",
                "1h",
                "--from",
                FROM,
                "--to",
                TO,
                "--format",
                "csv");
    assertThat(code).as("airq series exit code; stderr: %s", err).isZero();
    String text = out.toString();
    assertThat(text).contains("# method_version: ");
    Map<Instant, String[]> rows = new TreeMap<>();
    List<String> lines = text.lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "key,time,quantity,mean,raw_mean,min,max,count,expected,coverage_percent,correction,"
                + "indices");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertThat(f[0]).isEqualTo(sensor);
      assertThat(f[2]).isEqualTo("pm25");
      assertThat(rows.put(Instant.parse(f[1]), f)).as("one row per hour: %s", line).isNull();
    }
    return rows;
  }

  /** A file of the shared real data (../shared/data), given by the build as airq.shared.data. */
  static Path sharedData(String relative) {
    String dir = System.getProperty("airq.shared.data", System.getenv("AIRQ_SHARED_DATA"));
    if (dir == null) {
      throw new IllegalStateException("system property airq.shared.data is not set");
    }
    Path p = Path.of(dir).resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("missing shared data file " + p);
    }
    return p;
  }
}
