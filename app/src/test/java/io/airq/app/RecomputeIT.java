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
 *
 * <p>The sensor's area has a second sensor (raw readings only; in its third hour too few for the
 * coverage gate, one of them late) and a registered silent one. Run for the first sensor only
 * ({@code --sensor}), recompute still rewrites the area's stale hours, and writes its 24-hour
 * windows and day, from both sensors' means: the test's own mean of the valid sensors' means, with
 * the coverage against the three registered sensors. The gate is 15 % so that the sensors' 24-hour
 * windows, of five hours, count.
 *
 * <p>The first sensor's second hour is stored under the area it was in before (no registered sensor
 * is in it now): that area's stored windows are deleted. An area hour stored under a second county
 * tag ends in one series. A last run over the first three hours rebuilds the index value of an hour
 * after them and the 24-hour window ending with it, and leaves an hour after them stored with
 * another mean as it is.
 */
@RealServers
class RecomputeIT {
  private static final String SENSOR = "rc-sds-1";
  private static final int HOURS = 5;
  private static final int CALIBRATED_FROM = 3; // the version applies from the fourth hour
  private static final String AREA = "rc-area";
  private static final String OTHER = "rc-sds-2";
  private static final int OTHER_SHORT_HOUR = 2; // 6 readings of 60: below the 15 % gate
  private static final double GATE = 15;
  private static final String OLD_AREA = "rc-old-area";

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
    Sensor other = plain(OTHER);
    Sensor silent = plain("rc-sds-3");
    Registrar.register(servers.kafkaBootstrap(), prefix, List.of(sensor, other, silent), List.of());

    // one raw reading a minute, as the sink stores them; every 17th flagged stuck
    List<String> lines = new ArrayList<>();
    Map<Integer, List<Double>> unflagged = new HashMap<>();
    // by minute: the first sensor's corrected unflagged value, the second's value
    Map<Integer, Double> firstByMinute = new java.util.TreeMap<>();
    Map<Integer, Double> secondByMinute = new java.util.TreeMap<>();
    for (int i = 0; i < HOURS * 60; i++) {
      double raw = 10 + (i * 7 % 13) + 0.25 * (i % 4);
      boolean stuck = i % 17 == 0;
      Instant t = h0.plus(Duration.ofMinutes(i));
      lines.add(
          "reading,sensor=%s,area=rc-area,format=airq pm25=%s,pm25_raw=%s,flags=\"%s\" %d"
              .formatted(SENSOR, raw, raw, stuck ? "pm25:stuck" : "", nanos(t)));
      if (!stuck) {
        unflagged.computeIfAbsent(i / 60, h -> new ArrayList<>()).add(raw);
        firstByMinute.put(i, i / 60 >= CALIBRATED_FROM ? 0.5 * raw + 2 : raw);
      }
    }
    // the area's second sensor: every minute, but 6 readings in its third hour, the last late
    // (it arrived after the hour's grace, so no area hour holds it: the stored area hours are
    // stale)
    Map<Integer, List<Double>> others = new HashMap<>();
    for (int i = 0; i < HOURS * 60; i++) {
      if (i / 60 == OTHER_SHORT_HOUR && i % 60 >= 6) {
        continue;
      }
      double raw = 20 + (i * 3 % 11) + 0.5 * (i % 2);
      lines.add(
          "reading,sensor=%s,area=rc-area,format=airq pm25=%s,pm25_raw=%s,flags=\"\" %d"
              .formatted(OTHER, raw, raw, nanos(h0.plus(Duration.ofMinutes(i)))));
      others.computeIfAbsent(i / 60, h -> new ArrayList<>()).add(raw);
      secondByMinute.put(i, raw);
    }
    for (int h = 0; h < HOURS; h++) {
      lines.add(
          ("average,scope=area,key=%s,area=%s,window=1h,quantity=pm25 mean=1.0,raw_mean=1.0,"
                  + "count=1i,expected=180i,coverage=0.5,correction=\"none\",aqi_us_nowcast=5i %d")
              .formatted(AREA, AREA, nanos(h0.plus(Duration.ofHours(h)))));
      // the area the first sensor was in before it moved: no registered sensor is in it now
      lines.add(
          ("average,scope=area,key=%s,area=%s,window=1h,quantity=pm25 mean=1.0,count=1i %d")
              .formatted(OLD_AREA, OLD_AREA, nanos(h0.plus(Duration.ofHours(h)))));
    }
    // an area hour stored in a second series too (another county tag)
    lines.add(
        ("average,scope=area,key=%s,area=%s,county=old,window=1h,quantity=pm25 mean=1.0 %d")
            .formatted(AREA, AREA, nanos(h0.plus(Duration.ofHours(3)))));
    lines.add(
        ("average,scope=area,key=%s,area=%s,window=day,quantity=pm25 mean=1.0,count=1i %d")
            .formatted(OLD_AREA, OLD_AREA, nanos(h0)));
    // the hours as stored before the version: uncorrected, the first with an index it has no more
    for (int h = 0; h < HOURS; h++) {
      double mean = mean(unflagged.get(h));
      lines.add(
          ("average,scope=sensor,key=%s,area=%s,window=1h,quantity=pm25 mean=%s,raw_mean=%s,"
                  + "count=%di,expected=60i,coverage=%s,correction=\"none\"%s %d")
              .formatted(
                  SENSOR,
                  h == 1 ? OLD_AREA : AREA, // its second hour stored in its old area
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
        dayZone,
        "--sensor",
        SENSOR,
        "--coverage-gate",
        String.valueOf(GATE),
        "--minutes"
      };
      Run dry = airq(common, "--dry-run");
      assertThat(dry.code()).as(dry.err()).isZero();
      assertThat(dry.err())
          .as("the last 8 hours are within the streams job's 26-hour grace")
          .contains("within the streams job's averaging grace");
      // every stored hour changes: the version moves the last two hours' means, and the stored
      // hours have no min and max, and a NowCast the first no longer has and the others lack
      assertThat(dry.out())
          .contains(SENSOR + "\t" + HOURS + " hours\t" + HOURS + " would change")
          .contains("1 sensor(s) and 2 area(s)")
          .contains("dry run: nothing written");
      assertThat(dry.out()).contains("area " + AREA + "\t" + HOURS + " hours\t" + HOURS + " would");
      assertThat(hours(influx, db)).as("a dry run writes nothing").isEqualTo(before);
      Map<Instant, List<Object>> areaBefore = windows(influx, db, "area", AREA, "1h");
      assertThat(areaBefore).hasSize(HOURS);
      assertThat(windows(influx, db, "area", AREA, "24h")).as("nor an area's window").isEmpty();
      assertThat(windows(influx, db, "24h")).as("a dry run writes no 24-hour window").isEmpty();
      for (String w : List.of("1m", "day")) {
        assertThat(windows(influx, db, w)).as("nor a sensor's %s window", w).isEmpty();
        assertThat(windows(influx, db, "area", AREA, w)).as("nor an area's %s", w).isEmpty();
      }
      assertThat(windows(influx, db, "area", OLD_AREA, "1h")).hasSize(HOURS);

      Run run = airq(common);
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).contains("done: " + HOURS + " hours, " + HOURS + " of them changed");
      assertThat(run.out())
          .as("the old area's windows: no sensor of it any more, deleted")
          .contains("area " + OLD_AREA + "\t0 hours\t" + HOURS + " changed\t");
      for (String w : List.of("1h", "day")) {
        assertThat(windows(influx, db, "area", OLD_AREA, w)).as(w).isEmpty();
      }
      assertThat(
              influx
                  .query(new Query("SELECT mean FROM average WHERE county = 'old'", db))
                  .getResults()
                  .get(0)
                  .getSeries())
          .as("the area hour stored in two series is in one now")
          .isNull();
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
      checkArea(influx, db, h0, unflagged, others);
      checkMinutes(influx, db, h0, firstByMinute, secondByMinute);
      Map<String, Map<Instant, List<Object>>> areaAfter = new HashMap<>();
      for (String w : List.of("1h", "24h", "day")) {
        areaAfter.put(w, windows(influx, db, "area", AREA, w));
      }

      Run again = airq(common);
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.out())
          .contains("done: " + HOURS + " hours, 0 of them changed")
          .contains(HOURS + " 24-hour windows, 0 changed\t1 calendar days, 0 changed");
      assertThat(again.out())
          .contains(
              "area "
                  + AREA
                  + "\t"
                  + HOURS
                  + " hours\t0 changed\tlargest change of a mean 0.000\t0 hours after, 0 changed\t"
                  + areaRolling(unflagged, others)
                  + " 24-hour windows, 0 changed\t1 calendar days, 0 changed\t"
                  + areaMinutes(firstByMinute, secondByMinute)
                  + " minutes, 0 changed");
      assertThat(hours(influx, db)).isEqualTo(after);
      for (String w : List.of("1h", "24h", "day")) {
        assertThat(windows(influx, db, "area", AREA, w)).isEqualTo(areaAfter.get(w));
      }

      checkFollowingHours(influx, db, h0, common, after);
      checkNoReadingsDeleteNothing(influx, db, h0, common);

      Run unknown = airq(common, "--sensor", "nope");
      assertThat(unknown.code()).isEqualTo(2);
      assertThat(unknown.err()).contains("not registered: nope");
    }
  }

  /**
   * A day with no raw readings (as past the raw retention): recompute cannot tell what the areas'
   * windows should be, so it deletes none (the old area is not even visited: no stored hour of the
   * sensor names it that day).
   */
  private static void checkNoReadingsDeleteNothing(
      InfluxDB influx, String db, Instant h0, String[] common) {
    Instant past = h0.minus(Duration.ofDays(10));
    List<String> lines = new ArrayList<>();
    for (String area : List.of(AREA, OLD_AREA)) {
      lines.add(
          "average,scope=area,key=%s,area=%s,window=1h,quantity=pm25 mean=7.0,count=60i %d"
              .formatted(area, area, nanos(past)));
    }
    influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, lines);
    List<String> args = new ArrayList<>(List.of(common));
    args.set(args.indexOf("--from") + 1, past.toString());
    args.set(args.indexOf("--to") + 1, past.plus(Duration.ofHours(1)).toString());
    Run run = airq(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("area " + AREA + "\t0 hours\t0 changed\t");
    for (String area : List.of(AREA, OLD_AREA)) {
      assertThat(windows(influx, db, "area", area, "1h"))
          .as("%s's hour of a day without raw readings", area)
          .containsKey(past);
    }
  }

  /**
   * A period ending two hours before the readings do: the hours after it keep their means (one
   * stored with another mean is left as it is) and get their index values back, and the 24-hour
   * windows ending with them are rebuilt.
   */
  private static void checkFollowingHours(
      InfluxDB influx, String db, Instant h0, String[] common, Map<Instant, List<Object>> right) {
    Instant h3 = h0.plus(Duration.ofHours(3));
    Instant h4 = h0.plus(Duration.ofHours(4));
    Instant rolling4 = h4.minus(Duration.ofHours(23));
    Map<Instant, List<Object>> rightRolling = windows(influx, db, "24h");
    influx.write(
        db,
        "autogen",
        InfluxDB.ConsistencyLevel.ONE,
        List.of(
            "average,scope=sensor,key=%s,area=%s,window=1h,quantity=pm25 mean=1.5 %d"
                .formatted(SENSOR, AREA, nanos(h3)),
            "average,scope=sensor,key=%s,area=%s,window=1h,quantity=pm25 aqi_us_nowcast=777i %d"
                .formatted(SENSOR, AREA, nanos(h4)),
            "average,scope=sensor,key=%s,area=%s,window=24h,quantity=pm25 mean=1.5 %d"
                .formatted(SENSOR, AREA, nanos(rolling4))));
    List<String> args = new ArrayList<>(List.of(common));
    args.set(args.indexOf("--to") + 1, h3.toString());
    Run run = airq(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains(SENSOR + "\t3 hours\t0 changed\t");
    Map<Instant, List<Object>> hours = hours(influx, db);
    assertThat(num(hours.get(h3), 0)).as("a mean after the period is not changed").isEqualTo(1.5);
    assertThat(hours.get(h4)).as("its index value is rebuilt").isEqualTo(right.get(h4));
    assertThat(windows(influx, db, "24h").get(rolling4)).isEqualTo(rightRolling.get(rolling4));
  }

  /**
   * The area's windows against the test's own calculation: an area mean is the mean of the means of
   * its sensors at or above the gate (their counts summed), its expected count that of the three
   * registered sensors (60 readings an hour each), its corrections those of its valid sensors.
   */
  private static void checkArea(
      InfluxDB influx,
      String db,
      Instant h0,
      Map<Integer, List<Double>> unflagged,
      Map<Integer, List<Double>> others) {
    Map<Instant, List<Object>> hours = windows(influx, db, "area", AREA, "1h");
    assertThat(hours).hasSize(HOURS);
    List<Double> first = new ArrayList<>();
    List<Double> second = new ArrayList<>();
    for (int h = 0; h < HOURS; h++) {
      List<Double> mine = new ArrayList<>();
      for (double raw : unflagged.get(h)) {
        mine.add(h >= CALIBRATED_FROM ? 0.5 * raw + 2 : raw);
      }
      first.addAll(mine);
      second.addAll(others.get(h));
      boolean otherValid = 100.0 * others.get(h).size() / 60 >= GATE;
      List<Object> row = hours.get(h0.plus(Duration.ofHours(h)));
      long count = mine.size() + (otherValid ? others.get(h).size() : 0);
      double mean = otherValid ? (mean(mine) + mean(others.get(h))) / 2 : mean(mine);
      String correction = h < CALIBRATED_FROM ? "none" : otherValid ? "none+v-rc" : "v-rc";
      assertThat(otherValid).isEqualTo(h != OTHER_SHORT_HOUR);
      assertThat(num(row, 0)).as("area hour %d mean", h).isCloseTo(mean, within(1e-6));
      assertThat(num(row, 2)).as("area hour %d count", h).isEqualTo(count);
      assertThat(num(row, 3))
          .as("area hour %d coverage, of 3 registered sensors", h)
          .isCloseTo(100.0 * count / 180, within(1e-9));
      assertThat(row.get(4)).as("area hour %d corrections", h).isEqualTo(correction);
      if (h == 0) {
        assertThat(row.get(6))
            .as("no NowCast without hours before: the stale index is gone")
            .isNull();
      }
    }
    Map<Instant, List<Object>> rolling = windows(influx, db, "area", AREA, "24h");
    assertThat(rolling)
        .as("an area 24-hour window ending with each hour where a sensor's is at the gate")
        .hasSize(areaRolling(unflagged, others));
    Instant lastStart = h0.plus(Duration.ofHours(HOURS - 1)).minus(Duration.ofHours(23));
    List<Object> day = windows(influx, db, "area", AREA, "day").get(h0);
    for (List<Object> row : List.of(rolling.get(lastStart), day)) {
      assertThat(num(row, 0))
          .as("area 24-hour mean: of the two sensors' means")
          .isCloseTo((mean(first) + mean(second)) / 2, within(1e-6));
      assertThat(num(row, 2)).isEqualTo(first.size() + second.size());
      assertThat(num(row, 3))
          .isCloseTo(100.0 * (first.size() + second.size()) / (3 * 24 * 60), within(1e-9));
      // the area's correction: the correction ids of its valid sensors' fields, each once, in
      // name order (the first sensor's own is "none+v-rc", the second's "none")
      assertThat(row.get(4)).isEqualTo("none+v-rc");
    }
  }

  /**
   * The 1-minute windows against the test's own calculation: a sensor minute holds its one
   * unflagged value (none when it was flagged); an area minute is the mean of its sensors' values
   * that minute, each sensor's minute at 100 %, its expected count 3 (the silent sensor's too).
   */
  private static void checkMinutes(
      InfluxDB influx,
      String db,
      Instant h0,
      Map<Integer, Double> first,
      Map<Integer, Double> second) {
    Map<Instant, List<Object>> mine = windows(influx, db, "sensor", SENSOR, "1m");
    assertThat(mine).as("a minute for each unflagged reading").hasSize(first.size());
    first.forEach(
        (i, v) -> {
          List<Object> row = mine.get(h0.plus(Duration.ofMinutes(i)));
          assertThat(num(row, 0)).as("minute %d", i).isCloseTo(v, within(1e-9));
          assertThat(row.get(4)).isEqualTo(i / 60 >= CALIBRATED_FROM ? "v-rc" : "none");
        });
    Map<Instant, List<Object>> area = windows(influx, db, "area", AREA, "1m");
    assertThat(area).hasSize(areaMinutes(first, second));
    for (int i = 0; i < HOURS * 60; i++) {
      List<Double> values = new ArrayList<>();
      if (first.containsKey(i)) {
        values.add(first.get(i));
      }
      if (second.containsKey(i)) {
        values.add(second.get(i));
      }
      if (values.isEmpty()) {
        continue;
      }
      List<Object> row = area.get(h0.plus(Duration.ofMinutes(i)));
      assertThat(num(row, 0)).as("area minute %d", i).isCloseTo(mean(values), within(1e-6));
      assertThat(num(row, 2)).isEqualTo(values.size());
      assertThat(num(row, 3)).isCloseTo(100.0 * values.size() / 3, within(1e-9));
    }
  }

  /** The minutes with a value of either sensor. */
  private static int areaMinutes(Map<Integer, Double> first, Map<Integer, Double> second) {
    java.util.Set<Integer> all = new java.util.HashSet<>(first.keySet());
    all.addAll(second.keySet());
    return all.size();
  }

  /**
   * How many of the 24-hour windows ending with the period's hours have a sensor at the gate (of
   * its 1,440 expected readings), so an area mean.
   */
  private static int areaRolling(
      Map<Integer, List<Double>> unflagged, Map<Integer, List<Double>> others) {
    int n = 0;
    int first = 0;
    int second = 0;
    for (int h = 0; h < HOURS; h++) {
      first += unflagged.get(h).size();
      second += others.get(h).size();
      n += 100.0 * Math.max(first, second) / (24 * 60) >= GATE ? 1 : 0;
    }
    return n;
  }

  private static Sensor plain(String id) {
    return Sensor.builder(id)
        .position(57.1, -2.1)
        .gatewayId("gw-rc")
        .area(AREA)
        .reportingInterval(Duration.ofMinutes(1))
        .model("SDS011")
        .build();
  }

  /** The stored PM2.5 hours: mean, raw_mean, count, coverage, correction, min, aqi_us_nowcast. */
  private static Map<Instant, List<Object>> hours(InfluxDB influx, String db) {
    return windows(influx, db, "1h");
  }

  private static Map<Instant, List<Object>> windows(InfluxDB influx, String db, String window) {
    return windows(influx, db, "sensor", SENSOR, window);
  }

  /** The stored PM2.5 windows: mean, raw_mean, count, coverage, correction, min, aqi_us_nowcast. */
  private static Map<Instant, List<Object>> windows(
      InfluxDB influx, String db, String scope, String key, String window) {
    QueryResult r =
        influx.query(
            new Query(
                "SELECT mean, raw_mean, \"count\", coverage, correction, \"min\", aqi_us_nowcast"
                    + " FROM average WHERE scope = '"
                    + scope
                    + "' AND \"key\" = '"
                    + key
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
