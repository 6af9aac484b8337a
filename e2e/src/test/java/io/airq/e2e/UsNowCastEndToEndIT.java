package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.reading.Quantity;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.simulator.publish.KafkaTarget;
import io.airq.simulator.publish.MqttTarget;
import io.airq.simulator.replay.ReplayMessages;
import io.airq.simulator.replay.ReplayOptions;
import io.airq.simulator.replay.Replayer;
import io.airq.simulator.replay.SensorsAfricaArchive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

/**
 * 48 hours of real Nairobi readings replayed through the whole pipeline; then every hourly PM2.5
 * and PM10 NowCast AQI in InfluxDB is compared with a NowCast computed here, independently of the
 * streams job's code, from the hourly means InfluxDB holds: EPA's procedure (12 most recent hours,
 * weight min/max floored at 0.5, 2 of the 3 most recent hours valid, an hour valid at 75 %
 * coverage, truncated, AQI on the May 2024 24-hour table). No hourly window may hold {@code aqi_us}
 * (the 24-hour table), and the old {@code aqi} field is gone. Each sensor-hour's European AQI is
 * compared the same way (PM on the 24-hour running mean of the stored hours), and the alert topic
 * must hold no hourly PM alert. With {@code day.zone} Africa/Nairobi, every stored calendar day
 * (window {@code day}) is compared with the stored hours of that Nairobi day ({@link
 * CalendarDayCheck}), and the planner serves the same days.
 */
@RealServers
class UsNowCastEndToEndIT {
  private static final long HOUR = 3_600_000L;
  private static final double GATE = 75;
  private static final java.time.ZoneId NAIROBI = java.time.ZoneId.of("Africa/Nairobi");

  /** EPA May 2024 24-hour tables {cLow, cHigh, iLow, iHigh}, typed in from the TAD. */
  private static final double[][] PM25 = {
    {0.0, 9.0, 0, 50},
    {9.1, 35.4, 51, 100},
    {35.5, 55.4, 101, 150},
    {55.5, 125.4, 151, 200},
    {125.5, 225.4, 201, 300},
    {225.5, 325.4, 301, 500}
  };

  private static final double[][] PM10 = {
    {0, 54, 0, 50},
    {55, 154, 51, 100},
    {155, 254, 101, 150},
    {255, 354, 151, 200},
    {355, 424, 201, 300},
    {425, 604, 301, 500}
  };

  @Test
  void everyStoredHourlyNowCastEqualsOneComputedFromTheStoredHourlyMeans(Servers servers)
      throws Exception {
    Path csv = NairobiArchiveReplayEndToEndIT.sharedData(NairobiArchiveReplayEndToEndIT.SAMPLE);
    try (PipelineHarness h =
        new PipelineHarness(
            servers, "e2e-nowcast", PipelineHarness.SUITE_EMIT_INTERVAL, NAIROBI.getId())) {
      h.register(
          ReplayMessages.sensors(
              SensorsAfricaArchive.read(csv), "Nairobi", NairobiArchiveReplayEndToEndIT.INTERVAL),
          List.of());
      Replayer.ReplayReport sent =
          Replayer.run(
              new ReplayOptions(
                  List.of(csv),
                  null,
                  "Nairobi",
                  NairobiArchiveReplayEndToEndIT.INTERVAL,
                  null,
                  new MqttTarget(servers.mqttUrl(), null, null, 1, 20),
                  new KafkaTarget(servers.kafkaBootstrap(), h.prefix, Map.of()),
                  0,
                  0,
                  false));
      assertThat(sent.published()).isEqualTo(sent.readings());
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      String counted =
          "SELECT sum(\"count\") FROM average WHERE scope = 'sensor' AND \"window\" = '1h'"
              + " AND quantity = 'pm25'";
      while (h.count(counted) < sent.readings() / 2 && System.nanoTime() < deadline) {
        Thread.sleep(1000);
      }
      h.awaitDrained(Duration.ofSeconds(3), Duration.ofMinutes(2));

      int compared = 0;
      int withIndex = 0;
      List<String> mismatches = new ArrayList<>();
      for (String q : List.of("pm25", "pm10")) {
        Map<String, TreeMap<Long, Object[]>> hours =
            rows(
                h,
                "SELECT mean, coverage, aqi_us_nowcast, aqi_us_nowcast_category,"
                    + " aqi_us_nowcast_pollutant, aqi_us_nowcast_averaging FROM average"
                    + " WHERE scope = 'sensor' AND \"window\" = '1h' AND quantity = '"
                    + q
                    + "' GROUP BY \"key\"");
        assertThat(hours).as("sensors with hourly %s", q).isNotEmpty();
        for (Map.Entry<String, TreeMap<Long, Object[]>> s : hours.entrySet()) {
          for (Map.Entry<Long, Object[]> e : s.getValue().entrySet()) {
            Integer want = nowCastAqi(q, e.getKey(), s.getValue());
            Object[] row = e.getValue();
            Integer got = row[2] == null ? null : ((Number) row[2]).intValue();
            compared++;
            if (!java.util.Objects.equals(want, got)) {
              mismatches.add(
                  s.getKey() + " " + q + " " + e.getKey() + ": want " + want + " got " + got);
            }
            if (got != null) {
              withIndex++;
              assertThat(row[4]).isEqualTo(q);
              assertThat(row[5]).isEqualTo("nowcast-12h");
              assertThat(row[3]).isNotNull();
            }
          }
        }
      }
      assertThat(mismatches).as("hourly NowCast AQIs that differ from the test's").isEmpty();
      // areas: the NowCast of the area's own stored hourly means
      int areaHours = 0;
      for (String q : List.of("pm25", "pm10")) {
        Map<String, TreeMap<Long, Object[]>> hours =
            rows(
                h,
                "SELECT mean, coverage, aqi_us_nowcast FROM average WHERE scope = 'area'"
                    + " AND \"window\" = '1h' AND quantity = '"
                    + q
                    + "' GROUP BY \"key\"");
        for (Map.Entry<String, TreeMap<Long, Object[]>> a : hours.entrySet()) {
          for (Map.Entry<Long, Object[]> e : a.getValue().entrySet()) {
            Integer want = nowCastAqi(q, e.getKey(), a.getValue(), 0);
            Object[] row = e.getValue();
            Integer got = row[2] == null ? null : ((Number) row[2]).intValue();
            areaHours += got == null ? 0 : 1;
            if (!java.util.Objects.equals(want, got)) {
              mismatches.add(
                  "area "
                      + a.getKey()
                      + " "
                      + q
                      + " "
                      + e.getKey()
                      + ": want "
                      + want
                      + " got "
                      + got);
            }
          }
        }
      }
      assertThat(mismatches).as("area NowCast AQIs that differ from the test's").isEmpty();
      assertThat(areaHours).as("area-hours with a NowCast AQI").isPositive();
      assertThat(withIndex).as("hours with a NowCast AQI").isGreaterThan(100);
      assertThat(
              h.count(
                  "SELECT count(aqi_us) FROM average WHERE \"window\" = '1h' OR \"window\" = '1m'"))
          .as("US AQI on the 24-hour table stored for an hourly or minute window")
          .isZero();
      assertThat(h.count("SELECT count(aqi) FROM average")).as("the old aqi field").isZero();
      assertThat(
              h.count(
                  "SELECT count(aqi_us) FROM average WHERE \"window\" = '24h' AND coverage < 75"))
          .as("a 24-hour AQI below the coverage gate")
          .isZero();
      assertThat(h.count("SELECT count(aqi_us) FROM average WHERE \"window\" = '24h'"))
          .as("24-hour AQIs")
          .isPositive();
      int eaqiHours = eaqiAgainstStoredMeans(h, mismatches);
      assertThat(mismatches).as("hourly EAQI levels that differ from the test's").isEmpty();
      assertThat(eaqiHours).as("sensor-hours with an EAQI level").isGreaterThan(50);

      // the alert topic: WHO levels on complete 24-hour PM means, never on an hourly PM mean
      var alertsTopic = Topics.ALERTS.prefixed(h.prefix);
      List<Alert> alerts = new ArrayList<>();
      for (byte[] v : new TopicCounts(servers.kafkaBootstrap()).values(alertsTopic.name())) {
        alerts.add(alertsTopic.valueSerde().deserializer().deserialize(alertsTopic.name(), v));
      }
      assertThat(alerts)
          .as("hourly PM alerts")
          .noneMatch(
              a ->
                  a.window() == AverageWindow.HOUR
                      && (a.quantity() == Quantity.PM25 || a.quantity() == Quantity.PM10));
      assertThat(alerts).as("24-hour PM alerts of the Nairobi sample").isNotEmpty();
      assertThat(alerts)
          .allMatch(a -> a.guideline().equals("who-2021") && a.level() != null)
          .allMatch(
              a ->
                  a.window() == AverageWindow.DAY_ROLLING && a.averaging().equals("24h-rolling")
                      || a.window() == AverageWindow.DAY && a.averaging().equals("calendar-day"));
      assertThat(alerts)
          .as("alerts of Nairobi calendar days")
          .anyMatch(a -> a.window() == AverageWindow.DAY);
      CalendarDayCheck.Result days =
          CalendarDayCheck.run(h, NAIROBI, NairobiArchiveReplayEndToEndIT.INTERVAL, PM25);
      assertThat(days.mismatches()).as("calendar days that differ from the stored hours").isEmpty();
      assertThat(days.withIndex()).as("sensor-days with a daily AQI").isPositive();
      assertThat(h.count("SELECT count(mean) FROM alert WHERE \"window\" = '1h'"))
          .as("hourly alerts stored")
          .isZero();
      assertThat(h.count("SELECT count(mean) FROM alert")).isEqualTo(alerts.size());
      System.err.printf(
          "e2e-nowcast: %d sensor-hours compared, %d with a NowCast AQI, all equal; %d with an"
              + " EAQI level, all equal; %d alerts, none hourly; %d Nairobi calendar days, %d"
              + " with a daily AQI, all equal%n",
          compared, withIndex, eaqiHours, alerts.size(), days.days(), days.withIndex());
      System.err.printf("e2e-nowcast: %d area-hours with a NowCast AQI, all equal%n", areaHours);
    }
  }

  /**
   * EPA's NowCast AQI of the hour at {@code hour} from the stored hours (time -> mean, coverage),
   * or null where it is not defined.
   */
  static Integer nowCastAqi(String q, long hour, TreeMap<Long, Object[]> stored) {
    return nowCastAqi(q, hour, stored, GATE);
  }

  /**
   * As {@link #nowCastAqi(String, long, TreeMap)}, an earlier hour valid at {@code earlierGate}: an
   * area's earlier hour counts when it has a mean at all (a sensor at the gate), its own coverage
   * (against the registry) only decides whether the area hour itself gets an index.
   */
  static Integer nowCastAqi(
      String q, long hour, TreeMap<Long, Object[]> stored, double earlierGate) {
    Double[] c = new Double[12];
    for (int i = 0; i < 12; i++) {
      Object[] row = stored.get(hour - i * HOUR);
      boolean valid =
          row != null && ((Number) row[1]).doubleValue() >= (i == 0 ? GATE : earlierGate);
      c[i] = valid ? ((Number) row[0]).doubleValue() : null;
    }
    if (c[0] == null) {
      return null; // the hour itself below the gate: no index for it
    }
    int recent = (c[0] != null ? 1 : 0) + (c[1] != null ? 1 : 0) + (c[2] != null ? 1 : 0);
    if (recent < 2) {
      return null;
    }
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Double v : c) {
      if (v != null) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double w = max <= 0 ? 1 : Math.max(0.5, min / max);
    double num = 0;
    double den = 0;
    double wi = 1;
    for (Double v : c) {
      if (v != null) {
        num += wi * v;
        den += wi;
      }
      wi *= w;
    }
    double nowCast = num / den;
    boolean pm25 = q.equals("pm25");
    double t = pm25 ? Math.floor(nowCast * 10 + 1e-9) / 10 : Math.floor(nowCast + 1e-9);
    for (double[] r : pm25 ? PM25 : PM10) {
      if (t >= r[0] - 1e-9 && t <= r[1] + 1e-9) {
        return (int) Math.floor((r[3] - r[2]) / (r[1] - r[0]) * (t - r[0]) + r[2] + 0.5);
      }
    }
    return null;
  }

  /** EEA 2024 upper bounds of levels 1-5 (µg/m³), typed in from the EEA's table. */
  private static final Map<String, double[]> EAQI =
      Map.of(
          "pm25", new double[] {5, 15, 50, 90, 140}, "pm10", new double[] {15, 45, 120, 195, 270});

  /**
   * Compares each sensor-hour's EAQI in InfluxDB (the max of {@code eaqi} over its PM points) with
   * the level computed here from the stored hourly means: each PM quantity on the mean of the 24
   * hours ending with the hour (count-weighted), counted when the hour and the 24 hours meet 75 %
   * coverage; the worst level. Returns how many sensor-hours have a level.
   */
  private static int eaqiAgainstStoredMeans(PipelineHarness h, List<String> mismatches) {
    long expectedDay =
        Math.max(
            1,
            Duration.ofHours(24).toMillis() / NairobiArchiveReplayEndToEndIT.INTERVAL.toMillis());
    Map<String, Map<String, TreeMap<Long, Object[]>>> byQuantity = new TreeMap<>();
    for (String q : List.of("pm25", "pm10")) {
      byQuantity.put(
          q,
          rows(
              h,
              "SELECT mean, \"count\", coverage, eaqi FROM average WHERE scope = 'sensor'"
                  + " AND \"window\" = '1h' AND quantity = '"
                  + q
                  + "' GROUP BY \"key\""));
    }
    int withLevel = 0;
    for (String sensor : byQuantity.get("pm25").keySet()) {
      java.util.SortedSet<Long> hours = new java.util.TreeSet<>();
      byQuantity
          .values()
          .forEach(m -> hours.addAll(m.getOrDefault(sensor, new TreeMap<>()).keySet()));
      for (long hour : hours) {
        Integer want = null;
        Integer got = null;
        for (String q : List.of("pm25", "pm10")) {
          TreeMap<Long, Object[]> stored = byQuantity.get(q).getOrDefault(sensor, new TreeMap<>());
          Object[] row = stored.get(hour);
          if (row == null) {
            continue;
          }
          if (row[3] != null) {
            int v = ((Number) row[3]).intValue();
            got = got == null ? v : Math.max(got, v);
          }
          if (((Number) row[2]).doubleValue() < GATE) {
            continue;
          }
          double sum = 0;
          long n = 0;
          for (Object[] r : stored.subMap(hour - 23 * HOUR, true, hour, true).values()) {
            long c = ((Number) r[1]).longValue();
            sum += ((Number) r[0]).doubleValue() * c;
            n += c;
          }
          if (100.0 * n / expectedDay < GATE) {
            continue;
          }
          double mean = sum / n;
          double[] up = EAQI.get(q);
          int level = 6;
          for (int i = 0; i < up.length; i++) {
            if (mean <= up[i]) {
              level = i + 1;
              break;
            }
          }
          want = want == null ? level : Math.max(want, level);
        }
        if (!java.util.Objects.equals(want, got)) {
          mismatches.add(sensor + " eaqi " + hour + ": want " + want + " got " + got);
        }
        withLevel += got == null ? 0 : 1;
      }
    }
    return withLevel;
  }

  /** key -> time -> the selected columns after time. */
  private static Map<String, TreeMap<Long, Object[]>> rows(PipelineHarness h, String influxQl) {
    QueryResult r = h.influx.query(new Query(influxQl, h.database), TimeUnit.MILLISECONDS);
    QueryResult.Result first = r.getResults().get(0);
    assertThat(first.getError()).as("error of %s", influxQl).isNull();
    Map<String, TreeMap<Long, Object[]>> out = new TreeMap<>();
    if (first.getSeries() == null) {
      return out;
    }
    for (QueryResult.Series s : first.getSeries()) {
      TreeMap<Long, Object[]> byTime =
          out.computeIfAbsent(s.getTags().get("key"), k -> new TreeMap<>());
      for (List<Object> row : s.getValues()) {
        byTime.put(((Number) row.get(0)).longValue(), row.subList(1, row.size()).toArray());
      }
    }
    return out;
  }
}
