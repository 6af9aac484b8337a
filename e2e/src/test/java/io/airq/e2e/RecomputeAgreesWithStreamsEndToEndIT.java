package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.app.AirqMain;
import io.airq.app.Pipeline;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * {@code airq recompute} agrees with the streams job: three sensors of one area send four hours of
 * readings (one twenty, so that its and the area's 24-hour windows and day reach the coverage gate)
 * over MQTT through the whole pipeline (three days ago, so every window is complete), with
 * redelivered duplicates, negative, stuck and high-humidity PM2.5 values (flagged, left out), one
 * sensor with a registry calibration version applying from the third hour and one Plantower with
 * the EPA correction, and a reading 26 hours later that moves each sensor's clock past the hours'
 * grace. Every {@code average} point the sink wrote for them (every window, scope and field) is the
 * same after {@code airq recompute} over the two whole days as before (no 24-hour window after a
 * sensor's latest hour, which the streams job never emits), and recompute reports no change. Then a
 * reading beyond the grace is added to one hour: the pipeline stores it but averages nothing
 * (late), and recompute changes exactly that sensor's hour, the 24 rolling windows and the calendar
 * day holding it, and the area's hour, to the test's own means (the area's 24-hour windows and day
 * keep theirs: the late sensor's, of four hours, are below the coverage gate).
 */
@RealServers
class RecomputeAgreesWithStreamsEndToEndIT {
  private static final String AREA = "rcs-area";
  private static final String[] IDS = {"rcs-sds-cal", "rcs-sds-plain", "rcs-pms"};

  /**
   * Minutes of readings per sensor: four hours, twenty for the Plantower, so that its 24-hour
   * windows and day reach the coverage gate and the area has those windows too.
   */
  private static final int[] MINUTES = {240, 240, 1200};

  /** The most readings the bridge takes in one MQTT message is 1000 (its max-readings limit). */
  private static final int FIRST_BATCH = 900;

  private static final double LATE_TEMPERATURE = 12.05;

  /** Shorter than the suites' 5 s: the two waits for the pipeline to settle take 9 s each. */
  private static final Duration EMIT_INTERVAL = Duration.ofSeconds(2);

  private static final Pattern UNCHANGED_SENSOR =
      Pattern.compile(
          "(?m)^rcs-[a-z-]+\\t(5|21) hours\\t0 changed\\t.*\\t(28|30) 24-hour windows, 0 changed"
              + "\\t2 calendar days, 0 changed$");

  @Test
  void recomputeOfTheStreamsJobsOwnReadingsChangesNothingAndALateReadingOnlyItsWindows(
      Servers servers) throws Exception {
    // day D four days ago, UTC: readings from D+2h to D+6h (the Plantower's to D+22h), the clock
    // reading at D+31h. The period recomputed, D to D+2d, ends 2 days ago at midnight: past the
    // streams job's 26-hour grace whatever the time of day (3 days ago put it within the grace
    // from 00:00 to 02:00 UTC)
    Instant day =
        LocalDate.now(ZoneOffset.UTC).minusDays(4).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant first = day.plus(Duration.ofHours(2));
    Instant clock = day.plus(Duration.ofHours(31)).plus(Duration.ofMinutes(5));
    try (PipelineHarness h = new PipelineHarness(servers, "e2e-recompute-agrees", EMIT_INTERVAL)) {
      h.register(sensors(day), List.of());
      // per sensor, the distinct temperatures it sent: the test's own calculation below
      List<Map<Instant, Double>> temperatures = new ArrayList<>();
      List<List<String>> batches = new ArrayList<>();
      MqttClient pub =
          new MqttClient(servers.mqttUrl(), "pub-" + h.prefix, new MemoryPersistence());
      pub.connect();
      for (int k = 0; k < IDS.length; k++) {
        Map<Instant, Double> temps = new TreeMap<>();
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < MINUTES[k]; i++) {
          Instant t = first.plus(Duration.ofMinutes(i));
          String reading = reading(t, pm25(k, i), 10 + (i % 17) * 0.3, humidity(i));
          readings.add(reading);
          if (i % 50 == 7) {
            readings.add(reading); // redelivered: the same reading again
          }
          temps.put(t, 10 + (i % 17) * 0.3);
        }
        readings.add(reading(clock, 9.0, 11.0, 70));
        temps.put(clock, 11.0);
        temperatures.add(temps);
        batches.add(readings);
      }
      // up to 900 readings of each sensor, then (once stored, so that none is behind its sensor's
      // clock) the rest and the clock reading
      List<String> rest = new ArrayList<>();
      long firstStored = 0;
      for (int k = 0; k < IDS.length; k++) {
        List<String> r = batches.get(k);
        int cut = Math.min(FIRST_BATCH, r.size() - 1);
        publish(pub, IDS[k], "[" + String.join(",", r.subList(0, cut)) + "]");
        firstStored += new java.util.HashSet<>(r.subList(0, cut)).size();
        rest.add("[" + String.join(",", r.subList(cut, r.size())) + "]");
      }
      awaitStored(h, firstStored);
      for (int k = 0; k < IDS.length; k++) {
        publish(pub, IDS[k], rest.get(k));
      }
      long stored = temperatures.stream().mapToLong(Map::size).sum();
      awaitReadings(h, stored);

      String[] recompute = {
        "recompute",
        "--from",
        day.toString(),
        "--to",
        day.plus(Duration.ofDays(2)).toString(),
        "--influx",
        servers.influxUrl(),
        "--database",
        h.database,
        "--kafka",
        servers.kafkaBootstrap(),
        "--topic-prefix",
        h.prefix,
        "--day-zone",
        "UTC"
      };
      Map<String, Map<String, Object>> streamed = AverageSnapshot.read(h, Set.of(IDS), AREA);
      assertThat(
              streamed.keySet().stream()
                  .filter(p -> p.contains("quantity=temperature,scope=sensor,window=24h"))
                  .count())
          .as("the 24-hour windows the streams job wrote: %s", streamed.keySet())
          .isEqualTo(28 + 28 + 30L);
      assertThat(streamed.keySet())
          .as("the area's windows are compared too")
          .anyMatch(p -> p.contains("key=" + AREA) && p.contains("scope=area,window=24h"))
          .anyMatch(p -> p.contains("key=" + AREA) && p.contains("scope=area,window=day"));
      String out = airq(recompute);
      assertThat(UNCHANGED_SENSOR.matcher(out).results().count()).as(out).isEqualTo(IDS.length);
      assertThat(out).contains("done: 31 hours, 0 of them changed");
      Map<String, Map<String, Object>> recomputed = AverageSnapshot.read(h, Set.of(IDS), AREA);
      assertThat(AverageSnapshot.differences(streamed, recomputed))
          .as("recomputed against streamed")
          .isEmpty();

      // a reading of the third hour, 26 hours after its end on its sensor's clock: late
      Instant hour = day.plus(Duration.ofHours(3));
      Instant late = hour.plus(Duration.ofMinutes(30)).plusSeconds(15);
      publish(
          pub,
          IDS[1],
          "{\"time\":\"" + late + "\",\"values\":{\"temperature\":" + LATE_TEMPERATURE + "}}");
      pub.disconnect();
      pub.close();
      awaitReadings(h, stored + 1);
      assertThat(
              AverageSnapshot.differences(recomputed, AverageSnapshot.read(h, Set.of(IDS), AREA)))
          .as("a reading beyond the grace reaches no average in the pipeline")
          .isEmpty();
      String again = airq(recompute);
      assertThat(again)
          .contains(IDS[1] + "\t5 hours\t1 changed\t")
          .contains("\t28 24-hour windows, 24 changed\t2 calendar days, 1 changed")
          .contains("done: 31 hours, 1 of them changed");
      temperatures.get(1).put(late, LATE_TEMPERATURE);
      assertOnlyTheLateHoursWindowsChanged(
          recomputed, AverageSnapshot.read(h, Set.of(IDS), AREA), hour, temperatures);
    }
  }

  /**
   * Outside the late hour's windows nothing changed; its sensor's hour, the 24 rolling windows and
   * the calendar day holding it have the test's own temperature mean and count and their other
   * fields as before; so does the area's hour (the mean of its three sensors' hour means, all at
   * the gate, their counts summed, against 3 × 60 expected), and its 24-hour windows and day are as
   * before (the late sensor's are below the gate: they do not enter them).
   */
  private static void assertOnlyTheLateHoursWindowsChanged(
      Map<String, Map<String, Object>> before,
      Map<String, Map<String, Object>> after,
      Instant hour,
      List<Map<Instant, Double>> bySensor) {
    Map<Instant, Double> temperatures = bySensor.get(1);
    Map<String, Instant[]> touched = new TreeMap<>(); // "window|start" -> [start, end)
    touched.put("1h|" + hour, new Instant[] {hour, hour.plus(Duration.ofHours(1))});
    for (int h = 0; h < 24; h++) {
      Instant s = hour.minus(Duration.ofHours(h));
      touched.put("24h|" + s, new Instant[] {s, s.plus(Duration.ofHours(24))});
    }
    Instant day = hour.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    touched.put("day|" + day, new Instant[] {day, day.plus(Duration.ofDays(1))});
    Map<String, Map<String, Object>> expected = new TreeMap<>(before);
    int checked = 0;
    for (Map.Entry<String, Map<String, Object>> p : before.entrySet()) {
      String id = p.getKey();
      Instant[] span =
          touched.get(AverageSnapshot.tag(id, "window") + "|" + AverageSnapshot.time(id));
      if (span == null || !"temperature".equals(AverageSnapshot.tag(id, "quantity"))) {
        continue;
      }
      if (AverageSnapshot.tag(id, "scope").equals("area")) {
        if (AverageSnapshot.tag(id, "window").equals("1h")) {
          expected.put(id, areaHour(p.getValue(), after.get(id), span, bySensor));
          checked++;
        }
        continue;
      }
      if (!AverageSnapshot.tag(id, "key").equals(IDS[1])) {
        continue;
      }
      List<Double> in =
          temperatures.entrySet().stream()
              .filter(e -> !e.getKey().isBefore(span[0]) && e.getKey().isBefore(span[1]))
              .map(Map.Entry::getValue)
              .toList();
      double mean = in.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      Map<String, Object> got = after.get(id);
      assertThat(got).as(id).isNotNull();
      assertThat(((Number) got.get("mean")).doubleValue()).as(id).isCloseTo(mean, within(1e-9));
      assertThat(((Number) got.get("raw_mean")).doubleValue()).as(id).isCloseTo(mean, within(1e-9));
      assertThat(((Number) got.get("count")).longValue()).as(id).isEqualTo(in.size());
      double coverage =
          Math.min(100, 100.0 * in.size() / ((Number) got.get("expected")).doubleValue());
      assertThat(((Number) got.get("coverage")).doubleValue())
          .as(id)
          .isCloseTo(coverage, within(1e-9));
      Map<String, Object> rest = new TreeMap<>(p.getValue());
      rest.putAll(Map.of("mean", mean, "raw_mean", mean, "count", in.size(), "coverage", coverage));
      expected.put(id, rest);
      checked++;
    }
    assertThat(checked)
        .as("the late sensor's windows holding the hour, the area's hour")
        .isEqualTo(27);
    assertThat(AverageSnapshot.differences(expected, after)).as("after the late reading").isEmpty();
  }

  /**
   * The area hour [span) as the test calculates it: the mean of the sensors' hour means (each to
   * 10⁻⁶), their counts summed, the coverage against the three registered sensors' 60 readings
   * each; its other fields as {@code before}.
   */
  private static Map<String, Object> areaHour(
      Map<String, Object> before,
      Map<String, Object> got,
      Instant[] span,
      List<Map<Instant, Double>> bySensor) {
    double sum = 0;
    long count = 0;
    for (Map<Instant, Double> temps : bySensor) {
      List<Double> in =
          temps.entrySet().stream()
              .filter(e -> !e.getKey().isBefore(span[0]) && e.getKey().isBefore(span[1]))
              .map(Map.Entry::getValue)
              .toList();
      assertThat(in.size()).as("every sensor at the gate in the hour").isGreaterThanOrEqualTo(45);
      // the area sums its sensors' means to 10⁻⁶ (AreaStats' fixed point)
      sum += Math.round(in.stream().mapToDouble(Double::doubleValue).average().orElseThrow() * 1e6);
      count += in.size();
    }
    double mean = sum / 1e6 / bySensor.size();
    assertThat(got).as("the area hour").isNotNull();
    assertThat(((Number) got.get("expected")).longValue()).isEqualTo(3 * 60);
    double coverage = Math.min(100, 100.0 * count / (3 * 60));
    Map<String, Object> out = new TreeMap<>(before);
    out.putAll(Map.of("mean", mean, "raw_mean", mean, "count", count, "coverage", coverage));
    return out;
  }

  private static List<Sensor> sensors(Instant day) {
    List<Sensor> out = new ArrayList<>();
    for (String id : IDS) {
      Sensor s =
          Sensor.builder(id)
              .gatewayId("gw-rcs")
              .position(51.9 + out.size() * 0.001, -8.47)
              .area(AREA)
              .county("Cork")
              .reportingInterval(Duration.ofMinutes(1))
              .model(id.equals("rcs-pms") ? "PMS5003" : "SDS011")
              .build();
      out.add(
          id.equals("rcs-sds-cal")
              ? s.withCalibration(
                  Quantity.PM25,
                  new LinearCalibration(0.8, 1.5, "v-rcs", day.plus(Duration.ofHours(4))))
              : s);
    }
    return out;
  }

  /**
   * PM2.5 of sensor k at minute i: every 37th negative, the second sensor stuck at 12.5 for 15
   * minutes (its 10th and later equal values are flagged).
   */
  private static double pm25(int k, int i) {
    if (i % 37 == 5) {
      return -2.0;
    }
    if (k == 1 && i >= 100 && i < 115) {
      return 12.5;
    }
    return 8 + k * 3 + (i * 7 % 13) + 0.25 * (i % 4);
  }

  /** Relative humidity at minute i: every 29th at 96 % (its PM2.5 flagged high-humidity). */
  private static double humidity(int i) {
    return i % 29 == 3 ? 96 : 60 + i % 20;
  }

  private static String reading(Instant t, double pm25, double temperature, double humidity) {
    return "{\"time\":\"%s\",\"values\":{\"pm25\":%s,\"temperature\":%s,\"humidity\":%s}}"
        .formatted(t, pm25, temperature, humidity);
  }

  private static void publish(MqttClient pub, String sensor, String payload) throws Exception {
    pub.publish("airq/v1/gw-rcs/" + sensor, payload.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** Waits until InfluxDB holds {@code n} raw readings and streams and sink have caught up. */
  private static void awaitReadings(PipelineHarness h, long n) throws InterruptedException {
    awaitStored(h, n);
    h.awaitDrained(Pipeline.settle(EMIT_INTERVAL), Duration.ofMinutes(2));
  }

  /** Waits until InfluxDB holds {@code n} raw readings. */
  private static void awaitStored(PipelineHarness h, long n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long got = 0;
    while (System.nanoTime() < deadline) {
      got = h.count("SELECT count(temperature_raw) FROM \"raw_90d\".\"reading\"");
      if (got >= n) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(got).as("raw readings stored").isEqualTo(n);
  }

  /** {@code airq} run as a user runs it, in this JVM; its output, or a failure with its errors. */
  private static String airq(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AirqMain.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    assertThat(code).as("airq %s: %s%s", args[0], out, err).isZero();
    assertThat(err.toString())
        .as("a period whose hours are all past the averaging grace gets no note about it")
        .doesNotContain("averaging grace");
    return out.toString();
  }
}
