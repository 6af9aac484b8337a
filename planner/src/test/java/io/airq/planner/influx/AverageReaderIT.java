package io.airq.planner.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.reading.Quantity;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.kit.InfluxLogin;
import io.airq.planner.impact.HourlyMean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;

/**
 * The retroactive path's hourly means on a real InfluxDB: stored hourly averages, completed from
 * the raw readings where those hold more (late data the streams job left out), flagged values left
 * out, in the sink's raw policy or the database's default one.
 */
@RealServers
class AverageReaderIT {
  private static final Instant H10 = Instant.parse("2024-03-01T10:00:00Z");
  private static final Instant H11 = Instant.parse("2024-03-01T11:00:00Z");
  private static final Instant H12 = Instant.parse("2024-03-01T12:00:00Z");

  @Test
  void storedHoursAreCompletedFromTheRawReadings(Servers servers) {
    check(servers, servers.newDatabase("reader_raw_policy"), "raw_90d");
  }

  @Test
  void rawReadingsInTheDefaultPolicyAreFoundToo(Servers servers) {
    check(servers, servers.newDatabase("reader_default_policy"), "");
  }

  private static void check(Servers servers, String db, String rawPolicy) {
    List<String> raw = new ArrayList<>();
    // 10:00 has a stored average of two readings, and a third reading arrived late
    raw.add(reading("s1", H10.plusSeconds(60), 10, ""));
    raw.add(reading("s1", H10.plusSeconds(1260), 20, "pm10:range"));
    raw.add(reading("s1", H10.plusSeconds(2460), 60, ""));
    // 11:00 was never averaged: one value flagged on no2 itself is left out
    raw.add(reading("s1", H11.plusSeconds(60), 30, ""));
    raw.add(reading("s1", H11.plusSeconds(1260), 999, "pm25:spike,no2:spike"));
    raw.add(reading("s1", H11.plusSeconds(2460), 50, ""));
    // 12:00: stored and raw agree
    raw.add(reading("s1", H12.plusSeconds(60), 7, ""));
    try (InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      influx.query(new Query("CREATE DATABASE \"" + db + "\""));
      if (!rawPolicy.isEmpty()) {
        influx.query(
            new Query(
                "CREATE RETENTION POLICY \""
                    + rawPolicy
                    + "\" ON \""
                    + db
                    + "\" DURATION INF"
                    + " REPLICATION 1"));
      }
      influx.write(
          db, rawPolicy.isEmpty() ? "autogen" : rawPolicy, InfluxDB.ConsistencyLevel.ONE, raw);
      influx.write(
          db,
          "autogen",
          InfluxDB.ConsistencyLevel.ONE,
          List.of(average("s1", H10, 15, 2), average("s1", H12, 7, 1)));
    }
    try (AverageReader reader =
        new AverageReader(servers.influxUrl(), InfluxLogin.NONE, db, "raw_90d")) {
      List<HourlyMean> hours =
          new ArrayList<>(
              reader.hourlySensorMeans(
                  List.of("s1"), Quantity.NO2, H10, H12.plusSeconds(3600), id -> 3));
      hours.sort(Comparator.comparing(HourlyMean::hourStart));
      assertThat(hours).extracting(HourlyMean::hourStart).containsExactly(H10, H11, H12);
      assertThat(hours.get(0).mean()).isCloseTo(30, within(1e-9));
      assertThat(hours.get(0).count()).isEqualTo(3);
      assertThat(hours.get(0).expected()).isEqualTo(6); // from the stored average
      assertThat(hours.get(1).mean()).isCloseTo(40, within(1e-9));
      assertThat(hours.get(1).count()).isEqualTo(2);
      assertThat(hours.get(1).expected()).isEqualTo(3); // from the registry
      assertThat(hours.get(2).mean()).isCloseTo(7, within(1e-9));
      assertThat(hours.get(2).count()).isEqualTo(1);
    }
  }

  private static String reading(String sensor, Instant t, double no2, String flags) {
    return "reading,sensor="
        + sensor
        + ",area=CBD,county=Nairobi,format=airq no2="
        + no2
        + ",no2_raw="
        + no2
        + ",flags=\""
        + flags
        + "\" "
        + t.toEpochMilli() * 1_000_000L;
  }

  private static String average(String sensor, Instant start, double mean, long count) {
    return "average,scope=sensor,key="
        + sensor
        + ",area=CBD,county=Nairobi,window=1h,quantity=no2 mean="
        + mean
        + ",raw_mean="
        + mean
        + ",min="
        + mean
        + ",max="
        + mean
        + ",count="
        + count
        + "i,expected=6i,coverage=33.3,correction=\"none\" "
        + start.toEpochMilli() * 1_000_000L;
  }
}
