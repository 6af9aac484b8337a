package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Checks the stored local calendar days (window {@code day}) of a replay against the stored hourly
 * means, computed here independently of the streams job: each day is the hours from local midnight
 * to local midnight in {@code zone}; its count is the sum of the hours' counts, its mean their
 * count-weighted mean, its coverage against the day's length at the sensor's interval, and its
 * {@code aqi_us} (averaging {@code calendar-day}) is EPA's 24-hour AQI of that mean when the day
 * meets the 75 % gate, and absent otherwise. The planner's {@code /api/series?window=day} answers
 * the same days, and {@code /api/series?index=us-aqi} the same daily AQIs.
 */
final class CalendarDayCheck {
  private static final long HOUR = 3_600_000L;
  private static final double GATE = 75;

  /** What was compared. */
  record Result(int days, int withIndex, List<String> mismatches) {}

  private CalendarDayCheck() {}

  static Result run(PipelineHarness h, ZoneId zone, Duration interval, double[][] pm25Table)
      throws Exception {
    Map<String, TreeMap<Long, Object[]>> hours =
        rows(
            h,
            "SELECT mean, \"count\" FROM average WHERE scope = 'sensor' AND \"window\" = '1h'"
                + " AND quantity = 'pm25' GROUP BY \"key\"");
    Map<String, TreeMap<Long, Object[]>> days =
        rows(
            h,
            "SELECT mean, \"count\", expected, coverage, aqi_us, aqi_us_averaging FROM average"
                + " WHERE scope = 'sensor' AND \"window\" = 'day' AND quantity = 'pm25'"
                + " GROUP BY \"key\"");
    List<String> bad = new ArrayList<>();
    int n = 0;
    int withIndex = 0;
    for (Map.Entry<String, TreeMap<Long, Object[]>> s : days.entrySet()) {
      TreeMap<Long, Object[]> stored = hours.getOrDefault(s.getKey(), new TreeMap<>());
      for (Map.Entry<Long, Object[]> d : s.getValue().entrySet()) {
        n++;
        Instant start = Instant.ofEpochMilli(d.getKey());
        var local = start.atZone(zone);
        String where = s.getKey() + " day " + start;
        if (!local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
          bad.add(where + ": does not start at local midnight but " + local);
          continue;
        }
        long end = local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        double sum = 0;
        long count = 0;
        for (Object[] r : stored.subMap(d.getKey(), true, end, false).values()) {
          long c = ((Number) r[1]).longValue();
          sum += ((Number) r[0]).doubleValue() * c;
          count += c;
        }
        Object[] row = d.getValue();
        long expected = Math.max(1, (end - d.getKey()) / interval.toMillis());
        double mean = sum / count;
        if (((Number) row[1]).longValue() != count
            || Math.abs(((Number) row[0]).doubleValue() - mean) > 1e-6
            || ((Number) row[2]).longValue() != expected) {
          bad.add(where + ": stored " + java.util.Arrays.toString(row) + ", hours give " + mean);
          continue;
        }
        double coverage = 100.0 * count / expected;
        Integer want = coverage >= GATE ? aqi(mean, pm25Table) : null;
        Integer got = row[4] == null ? null : ((Number) row[4]).intValue();
        if (!java.util.Objects.equals(want, got)) {
          bad.add(where + ": aqi_us want " + want + " got " + got);
        }
        if (got != null) {
          withIndex++;
          if (!"calendar-day".equals(row[5])) {
            bad.add(where + ": averaging " + row[5]);
          }
        }
      }
    }
    // the planner serves the same days
    String sensor = days.keySet().iterator().next();
    JsonNode series =
        h.getJson(
            "/api/series?sensor="
                + sensor
                + "&quantity=pm25&window=day&from=2021-03-01T00:00:00Z&to=2021-05-01T00:00:00Z");
    assertThat(series.path("window").asText()).isEqualTo("day");
    List<Long> served = new ArrayList<>();
    for (JsonNode p : series.path("points")) {
      served.add(Instant.parse(p.path("time").asText()).toEpochMilli());
    }
    assertThat(served)
        .as("/api/series?window=day of %s", sensor)
        .containsExactlyElementsOf(days.get(sensor).keySet());
    // and, asked for the index, each day's daily AQI (us-aqi is on window day unless told)
    List<Long> indexed = new ArrayList<>();
    String range = "&from=2021-03-01T00:00:00Z&to=2021-05-01T00:00:00Z";
    for (String key : days.keySet()) {
      JsonNode aqi = h.getJson("/api/series?sensor=" + key + "&quantity=pm25&index=us-aqi" + range);
      assertThat(aqi.path("window").asText()).isEqualTo("day");
      for (JsonNode p : aqi.path("points")) {
        long t = Instant.parse(p.path("time").asText()).toEpochMilli();
        Object[] row = days.get(key).get(t);
        assertThat(row).as("%s day %s", key, p.path("time").asText()).isNotNull();
        assertThat(p.path("value").asInt()).isEqualTo(((Number) row[4]).intValue());
        assertThat(p.path("averaging").asText()).isEqualTo("calendar-day");
        assertThat(p.path("category").asText()).isNotEmpty();
        indexed.add(t);
      }
    }
    long stored =
        days.values().stream().flatMap(m -> m.values().stream()).filter(r -> r[4] != null).count();
    assertThat(indexed).as("days served with index=us-aqi").hasSize((int) stored);
    return new Result(n, withIndex, bad);
  }

  /** EPA's AQI of a PM2.5 24-hour mean on the table {cLow, cHigh, iLow, iHigh}; null above it. */
  private static Integer aqi(double mean, double[][] table) {
    double t = Math.floor(mean * 10 + 1e-9) / 10;
    for (double[] r : table) {
      if (t >= r[0] - 1e-9 && t <= r[1] + 1e-9) {
        return (int) Math.floor((r[3] - r[2]) / (r[1] - r[0]) * (t - r[0]) + r[2] + 0.5);
      }
    }
    return null;
  }

  private static Map<String, TreeMap<Long, Object[]>> rows(PipelineHarness h, String influxQl) {
    QueryResult r = h.influx.query(new Query(influxQl, h.database), TimeUnit.MILLISECONDS);
    QueryResult.Result first = r.getResults().get(0);
    assertThat(first.getError()).as("error of %s", influxQl).isNull();
    Map<String, TreeMap<Long, Object[]>> out = new TreeMap<>();
    if (first.getSeries() != null) {
      for (QueryResult.Series s : first.getSeries()) {
        TreeMap<Long, Object[]> byTime =
            out.computeIfAbsent(s.getTags().get("key"), k -> new TreeMap<>());
        for (List<Object> row : s.getValues()) {
          byTime.put(((Number) row.get(0)).longValue(), row.subList(1, row.size()).toArray());
        }
      }
    }
    return out;
  }
}
