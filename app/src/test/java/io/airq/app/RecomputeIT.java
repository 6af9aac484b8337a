package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.reading.Quantity;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.simulator.publish.Registrar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

/**
 * {@code airq recompute} on a real InfluxDB and the registry on real Kafka: five hours of a
 * sensor's raw readings and the hourly averages the streams job stored before a calibration version
 * was registered; the version applies from the fourth hour. A dry run writes nothing; the run
 * replaces the stored hours with means equal to the test's own calculation from the raw values
 * (flagged values left out; the version's slope and intercept from its hour on), drops an index the
 * first hour no longer has, and a second run changes nothing.
 */
@RealServers
class RecomputeIT {
  private static final String SENSOR = "rc-sds-1";
  private static final int HOURS = 5;
  private static final int CALIBRATED_FROM = 3; // the version applies from the fourth hour

  @Test
  void recomputeReplacesTheStoredHoursWithTheCurrentCalibration(Servers servers) throws Exception {
    String prefix = servers.newPrefix("recompute");
    String db = servers.newDatabase("recompute");
    Instant h0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(8));
    LinearCalibration version =
        new LinearCalibration(0.5, 2, "v-rc", h0.plus(Duration.ofHours(CALIBRATED_FROM)));
    Sensor sensor =
        Sensor.builder(SENSOR)
            .position(57.1, -2.1)
            .gatewayId("gw-rc")
            .area("rc-area")
            .reportingInterval(Duration.ofMinutes(1))
            .model("SDS011")
            .build()
            .withCalibration(Quantity.PM25, version);
    Registrar.register(servers.kafkaBootstrap(), prefix, List.of(sensor), List.of());

    // one raw reading a minute, as the sink stores them; every 17th flagged stuck
    List<String> lines = new ArrayList<>();
    Map<Integer, List<Double>> unflagged = new HashMap<>();
    for (int i = 0; i < HOURS * 60; i++) {
      double raw = 10 + (i * 7 % 13) + 0.25 * (i % 4);
      boolean stuck = i % 17 == 0;
      Instant t = h0.plus(Duration.ofMinutes(i));
      lines.add(
          "reading,sensor=%s,area=rc-area,format=airq pm25=%s,pm25_raw=%s,flags=\"%s\" %d"
              .formatted(SENSOR, raw, raw, stuck ? "pm25:stuck" : "", nanos(t)));
      if (!stuck) {
        unflagged.computeIfAbsent(i / 60, h -> new ArrayList<>()).add(raw);
      }
    }
    // the hours as stored before the version: uncorrected, the first with an index it has no more
    for (int h = 0; h < HOURS; h++) {
      double mean = mean(unflagged.get(h));
      lines.add(
          ("average,scope=sensor,key=%s,area=rc-area,window=1h,quantity=pm25 mean=%s,raw_mean=%s,"
                  + "count=%di,expected=60i,coverage=%s,correction=\"none\"%s %d")
              .formatted(
                  SENSOR,
                  mean,
                  mean,
                  unflagged.get(h).size(),
                  100.0 * unflagged.get(h).size() / 60,
                  h == 0 ? ",aqi_us_nowcast=999i" : "",
                  nanos(h0.plus(Duration.ofHours(h)))));
    }
    try (InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      influx.query(new Query("CREATE DATABASE " + db));
      influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, lines);
      Map<Instant, List<Object>> before = hours(influx, db);
      // a zone whose midnight is h0, so the one calendar day starting in the period is [h0, h0 + 24
      // h)
      int utcHour = h0.atZone(ZoneOffset.UTC).getHour();
      String dayZone = ZoneOffset.ofHours(utcHour <= 12 ? -utcHour : 24 - utcHour).getId();

      String[] common = {
        "recompute",
        "--from",
        h0.toString(),
        "--to",
        h0.plus(Duration.ofHours(HOURS)).toString(),
        "--influx",
        servers.influxUrl(),
        "--database",
        db,
        "--raw-policy",
        "",
        "--kafka",
        servers.kafkaBootstrap(),
        "--topic-prefix",
        prefix,
        "--day-zone",
        dayZone
      };
      Run dry = airq(common, "--dry-run");
      assertThat(dry.code()).as(dry.err()).isZero();
      assertThat(dry.out())
          .contains(
              SENSOR + "\t" + HOURS + " hours\t" + (HOURS - CALIBRATED_FROM) + " would change")
          .contains("dry run: nothing written");
      assertThat(hours(influx, db)).as("a dry run writes nothing").isEqualTo(before);
      assertThat(windows(influx, db, "24h")).as("a dry run writes no 24-hour window").isEmpty();

      Run run = airq(common);
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).contains("done: " + HOURS + " hours, " + (HOURS - CALIBRATED_FROM));
      Map<Instant, List<Object>> after = hours(influx, db);
      assertThat(after).hasSize(HOURS);
      for (int h = 0; h < HOURS; h++) {
        List<Object> row = after.get(h0.plus(Duration.ofHours(h)));
        List<Double> raws = unflagged.get(h);
        double rawMean = mean(raws);
        boolean calibrated = h >= CALIBRATED_FROM;
        assertThat(num(row, 0))
            .as("hour %d mean", h)
            .isCloseTo(calibrated ? 0.5 * rawMean + 2 : rawMean, within(1e-9));
        assertThat(num(row, 1)).as("raw_mean").isCloseTo(rawMean, within(1e-9));
        assertThat(num(row, 2)).as("count").isEqualTo(raws.size());
        assertThat(num(row, 3)).as("coverage").isCloseTo(100.0 * raws.size() / 60, within(1e-9));
        assertThat(row.get(4)).as("correction").isEqualTo(calibrated ? "v-rc" : "none");
        double min = raws.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(num(row, 5)).as("min").isCloseTo(calibrated ? 0.5 * min + 2 : min, within(1e-9));
      }
      assertThat(after.get(h0).get(6))
          .as("the first hour has no NowCast (no hours before it): the stale one is gone")
          .isNull();
      assertThat(after.get(h0.plus(Duration.ofHours(HOURS - 1))).get(6))
          .as("a later hour has its NowCast")
          .isNotNull();

      // the test's own 24-hour mean of every corrected unflagged value (all hours are in the window
      // ending with the last one, and in the calendar day starting at h0)
      List<Double> corrected = new ArrayList<>();
      for (int h = 0; h < HOURS; h++) {
        for (double raw : unflagged.get(h)) {
          corrected.add(h >= CALIBRATED_FROM ? 0.5 * raw + 2 : raw);
        }
      }
      Map<Instant, List<Object>> rolling = windows(influx, db, "24h");
      assertThat(rolling).as("one 24-hour window ending with each hour").hasSize(HOURS);
      Instant lastStart = h0.plus(Duration.ofHours(HOURS - 1)).minus(Duration.ofHours(23));
      for (Map.Entry<Instant, List<Object>> w :
          List.of(
              Map.entry(lastStart, rolling.get(lastStart)),
              Map.entry(h0, windows(influx, db, "day").get(h0)))) {
        List<Object> row = w.getValue();
        assertThat(row).as("window at %s", w.getKey()).isNotNull();
        assertThat(num(row, 0)).as("24-hour mean").isCloseTo(mean(corrected), within(1e-9));
        assertThat(num(row, 2)).as("24-hour count").isEqualTo(corrected.size());
        assertThat(num(row, 3))
            .as("24-hour coverage")
            .isCloseTo(100.0 * corrected.size() / (24 * 60), within(1e-9));
        assertThat(row.get(4)).as("24-hour corrections").isEqualTo("none+v-rc");
      }
      assertThat(windows(influx, db, "day")).as("one calendar day starts in the period").hasSize(1);

      Run again = airq(common);
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.out())
          .contains("done: " + HOURS + " hours, 0 of them changed")
          .contains(HOURS + " 24-hour windows, 0 changed\t1 calendar days, 0 changed");
      assertThat(hours(influx, db)).isEqualTo(after);

      Run unknown = airq(common, "--sensor", "nope");
      assertThat(unknown.code()).isEqualTo(2);
      assertThat(unknown.err()).contains("not registered: nope");
    }
  }

  /** The stored PM2.5 hours: mean, raw_mean, count, coverage, correction, min, aqi_us_nowcast. */
  private static Map<Instant, List<Object>> hours(InfluxDB influx, String db) {
    return windows(influx, db, "1h");
  }

  /** The stored PM2.5 windows: mean, raw_mean, count, coverage, correction, min, aqi_us_nowcast. */
  private static Map<Instant, List<Object>> windows(InfluxDB influx, String db, String window) {
    QueryResult r =
        influx.query(
            new Query(
                "SELECT mean, raw_mean, \"count\", coverage, correction, \"min\", aqi_us_nowcast"
                    + " FROM average WHERE scope = 'sensor' AND \"key\" = '"
                    + SENSOR
                    + "' AND \"window\" = '"
                    + window
                    + "' AND quantity = 'pm25'",
                db));
    Map<Instant, List<Object>> out = new java.util.TreeMap<>();
    if (r.getResults().get(0).getSeries() == null) {
      return out;
    }
    for (List<Object> row : r.getResults().get(0).getSeries().get(0).getValues()) {
      out.put(Instant.parse(String.valueOf(row.get(0))), row.subList(1, row.size()));
    }
    return out;
  }

  private static double num(List<Object> row, int i) {
    return ((Number) row.get(i)).doubleValue();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static long nanos(Instant t) {
    return t.toEpochMilli() * 1_000_000L;
  }

  private record Run(int code, String out, String err) {}

  private static Run airq(String[] common, String... more) {
    List<String> args = new ArrayList<>(List.of(common));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AirqMain.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
