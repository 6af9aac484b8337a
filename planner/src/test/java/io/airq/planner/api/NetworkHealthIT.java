package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.planner.PlannerConfig;
import io.airq.planner.PlannerServer;
import io.airq.planner.cli.PlannerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Sensor and network health from raw readings in a real InfluxDB and sensors registered through the
 * API: last reading, status, completeness per day, counts by status and the worst sensors, and the
 * shares of QA-flagged readings over the last 24 hours and 7 days (readings 8 days old in neither),
 * counted once per refresh and again when the registry changed.
 */
@RealServers
class NetworkHealthIT {
  private static final String ADMIN = "test-admin-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthSaysWhichSensorsReportAndHowCompletely(Servers servers) throws Exception {
    String prefix = servers.newPrefix("health");
    String db = servers.newDatabase("health");
    Instant now = Instant.now();
    Instant installed = now.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    Duration every = Duration.ofMinutes(10);
    // "full" sends every 10 minutes up to a minute ago; "half" every 20 minutes, until 2 h ago
    List<Instant> full = times(installed, now.minusSeconds(60), every);
    List<Instant> half = times(installed, now.minus(Duration.ofHours(2)), every.multipliedBy(2));
    List<String> lines = new ArrayList<>();
    // some of full's values are flagged: every 4th stuck, every 6th a spike (every 12th both)
    for (int i = 0; i < full.size(); i++) {
      lines.add(line("full", full.get(i), flags(i)));
    }
    half.forEach(t -> lines.add(line("half", t, "")));
    // and 8 days ago, before the 7 days, full sent readings flagged out-of-range: counted in
    // neither
    List<Instant> old =
        times(
            now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(8)).plusSeconds(3000), every);
    old.forEach(t -> lines.add(line("full", t, "pm25:out-of-range")));
    try (InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      influx.query(new Query("CREATE DATABASE " + db));
      influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, lines);
    }
    try (PlannerServer planner =
        PlannerServer.start(
            PlannerConfig.of(0, servers.influxUrl(), db, servers.kafkaBootstrap(), prefix)
                .withAdminToken(ADMIN))) {
      String api = "http://127.0.0.1:" + planner.port();
      assertThat(metrics(planner)).contains("airq_planner_sensors{status=\"online\"} 0.0");
      for (String id : List.of("full", "half", "never", "gone")) {
        assertThat(register(api, id, installed)).isEqualTo(201);
      }
      assertThat(send("POST", api + "/api/sensors/gone/retire", "").statusCode()).isEqualTo(200);

      JsonNode h = get(api + "/api/sensors/full/health?days=3");
      assertThat(h.get("status").asText()).isEqualTo("online");
      assertThat(Instant.parse(h.get("lastReading").asText())).isEqualTo(full.get(full.size() - 1));
      Map<LocalDate, Long> perDay = perUtcDay(full);
      assertThat(h.get("days")).hasSize(3);
      for (JsonNode d : h.get("days")) {
        LocalDate day = LocalDate.parse(d.get("date").asText());
        assertThat(d.get("seen").asLong())
            .as(day.toString())
            .isEqualTo(perDay.getOrDefault(day, 0L));
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plus(Duration.ofDays(1));
        Instant a = start.isBefore(installed) ? installed : start;
        Instant b = end.isAfter(now) ? now : end;
        long expected = b.isAfter(a) ? Duration.between(a, b).toMillis() / every.toMillis() : 0;
        assertThat(d.get("expected").asLong()).isCloseTo(expected, within(1L));
      }
      assertThat(h.get("completeness").asDouble()).isCloseTo(1.0, within(0.01));
      Instant asked = Instant.now();
      for (String rule : List.of("pm25:stuck", "pm25:spike")) {
        // "the last 24 h" moves between now and the planner's answer: a reading may slip out
        assertThat(h.at("/qaFlags/last24h/" + rule).asDouble())
            .as(rule)
            .isCloseTo(share(full, rule, asked.minus(Duration.ofDays(1))), within(0.01));
        assertThat(h.at("/qaFlags/last7d/" + rule).asDouble())
            .as(rule)
            .isCloseTo(share(full, rule, Instant.EPOCH), within(0.001));
      }
      assertThat(h.at("/qaFlags/last7d").size()).isEqualTo(2);
      JsonNode halfFlags = get(api + "/api/sensors/half/health").at("/qaFlags/last7d");
      assertThat(halfFlags.isObject() && halfFlags.isEmpty()).as(halfFlags.toString()).isTrue();
      JsonNode halfHealth = get(api + "/api/sensors/half/health?days=3");
      assertThat(halfHealth.get("status").asText()).isEqualTo("stale");
      assertThat(halfHealth.get("completeness").asDouble()).isCloseTo(0.5, within(0.03));
      assertThat(get(api + "/api/sensors/never/health").get("status").asText())
          .isEqualTo("never seen");
      assertThat(send("GET", api + "/api/sensors/nope/health", "").statusCode()).isEqualTo(404);

      JsonNode network = get(api + "/api/network?days=3");
      assertThat(network.get("sensors").asInt()).isEqualTo(4);
      assertThat(network.at("/byStatus/online").asInt()).isEqualTo(1);
      assertThat(network.at("/byStatus/stale").asInt()).isEqualTo(1);
      assertThat(network.at("/byStatus/never seen").asInt()).isEqualTo(1);
      assertThat(network.at("/byStatus/retired").asInt()).isEqualTo(1);
      assertThat(network.at("/worst/0/sensor").asText()).isEqualTo("never");
      assertThat(network.at("/worst/1/sensor").asText()).isEqualTo("half");
      // the QA flags of the last 24 h and of the last 7 days over the network's raw readings,
      // counted here (the 7 days hold all of full's and half's readings but the 8-day-old ones)
      JsonNode qa = network.get("qaFlags");
      for (String period : List.of("last24h", "last7d")) {
        Instant since = asked.minus(Duration.ofDays(period.equals("last24h") ? 1 : 7));
        long fullIn = full.stream().filter(t -> !t.isBefore(since)).count();
        long readings = fullIn + half.stream().filter(t -> !t.isBefore(since)).count();
        JsonNode p = qa.get(period);
        // a reading of each sensor may slip out of the period between the count here and the answer
        assertThat(p.get("readings").asLong()).as(period).isCloseTo(readings, within(2L));
        assertThat(p.get("share").asDouble())
            .as(period)
            .isCloseTo(flaggedIn(full, since, "any") / (double) readings, within(0.01));
        for (String rule : List.of("stuck", "spike")) {
          assertThat(p.at("/byRule/" + rule).asDouble())
              .as(period + " " + rule)
              .isCloseTo(flaggedIn(full, since, "pm25:" + rule) / (double) readings, within(0.01));
        }
        assertThat(p.get("byRule").size()).as(p.toString()).isEqualTo(2);
        assertThat(p.get("mostFlagged")).as("half has no flags").hasSize(1);
        assertThat(p.at("/mostFlagged/0/sensor").asText()).isEqualTo("full");
        assertThat(p.at("/mostFlagged/0/share").asDouble())
            .isCloseTo(flaggedIn(full, since, "any") / (double) fullIn, within(0.01));
      }
      Instant week = asked.minus(Duration.ofDays(7));
      long weekReadings = full.size() + half.size();
      assertThat(qa.at("/last7d/readings").asLong())
          .as("the 7 days: every reading of full and half, none 8 days old")
          .isEqualTo(weekReadings);
      assertThat(qa.at("/last7d/flagged").asLong()).isEqualTo(flaggedIn(full, week, "any"));
      assertThat(qa.at("/last7d/readings").asLong())
          .as("the 7 days hold more than the 24 hours")
          .isGreaterThan(qa.at("/last24h/readings").asLong());

      assertThat(metrics(planner))
          .contains("airq_planner_sensors{status=\"online\"} 1.0")
          .contains("airq_planner_sensors{status=\"stale\"} 1.0")
          .contains("airq_planner_sensors{status=\"never seen\"} 1.0")
          .contains("airq_planner_sensors{status=\"retired\"} 1.0")
          .contains("airq_planner_sensors{status=\"offline\"} 0.0");
      String m = metrics(planner);
      for (String[] period : new String[][] {{"24h", "last24h"}, {"7d", "last7d"}}) {
        String g = "airq_planner_flagged_share{period=\"" + period[0] + "\",rule=\"";
        JsonNode p = qa.get(period[1]);
        assertThat(gauge(m, g + "any\"}"))
            .as(period[0])
            .isCloseTo(p.get("share").asDouble(), within(0.01));
        assertThat(gauge(m, g + "stuck\"}"))
            .as(period[0])
            .isCloseTo(p.at("/byRule/stuck").asDouble(), within(0.01));
        assertThat(gauge(m, g + "spike\"}"))
            .as(period[0])
            .isCloseTo(p.at("/byRule/spike").asDouble(), within(0.01));
        assertThat(gauge(m, g + "out-of-range\"}")).as(period[0]).isZero();
      }

      // the same through the CLI
      StringWriter out = new StringWriter();
      int code =
          new CommandLine(new PlannerCli())
              .setOut(new PrintWriter(out))
              .execute("sensors", "health", "half", "--days", "3", "--api", api);
      assertThat(code).isZero();
      List<String> rows = out.toString().lines().toList();
      assertThat(rows.get(0)).startsWith("half\tstale\tlast reading " + half.get(half.size() - 1));
      assertThat(rows).hasSize(4);
      StringWriter fullOut = new StringWriter();
      new CommandLine(new PlannerCli())
          .setOut(new PrintWriter(fullOut))
          .execute("sensors", "health", "full", "--days", "3", "--api", api);
      assertThat(fullOut.toString())
          .contains(
              String.format(
                  java.util.Locale.ROOT,
                  "flagged pm25:stuck\t24h %.1f%%\t7d %.1f%%",
                  100 * h.at("/qaFlags/last24h/pm25:stuck").asDouble(),
                  100 * h.at("/qaFlags/last7d/pm25:stuck").asDouble()));
      StringWriter net = new StringWriter();
      new CommandLine(new PlannerCli())
          .setOut(new PrintWriter(net))
          .execute("sensors", "health", "--days", "3", "--api", api);
      assertThat(net.toString())
          .contains("4 sensors")
          .contains("never seen\t1")
          .contains("never\tnever seen\t0.0%")
          .contains("most flagged in 24h:\nfull\t")
          .contains("most flagged in 7d:\nfull\t")
          .contains(
              String.format(
                  java.util.Locale.ROOT,
                  "flagged stuck\t24h %.1f%%\t7d %.1f%%",
                  100 * qa.at("/last24h/byRule/stuck").asDouble(),
                  100 * qa.at("/last7d/byRule/stuck").asDouble()));
      for (String[] period : new String[][] {{"24h", "last24h"}, {"7d", "last7d"}}) {
        JsonNode p = qa.get(period[1]);
        assertThat(net.toString())
            .contains(
                String.format(
                    java.util.Locale.ROOT,
                    "flagged in %s\t%d/%d readings\t%.1f%%",
                    period[0],
                    p.get("flagged").asLong(),
                    p.get("readings").asLong(),
                    100 * p.get("share").asDouble()));
      }

      // the counts are kept (NetworkFlagCounts, shared with the gauges): after a registry change
      // they are counted again; within the refresh (a minute for the 24 h, 15 for the 7 days) more
      // flagged readings change nothing
      Instant beforeCount = Instant.now();
      assertThat(register(api, "late1", installed)).isEqualTo(201);
      JsonNode counted = get(api + "/api/network").get("qaFlags");
      for (String period : List.of("last24h", "last7d")) {
        assertThat(Instant.parse(counted.at("/" + period + "/countedAt").asText()))
            .as(period + " counted after the registry changed")
            .isAfterOrEqualTo(beforeCount);
      }
      // 4 readings of full flagged out-of-range, 3 of late2 (not registered yet), 1 flagged
      Instant t = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
      List<String> more = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        more.add(line("full", t.plusSeconds(7 + 60L * i), "pm25:out-of-range"));
      }
      for (int i = 0; i < 3; i++) {
        more.add(line("late2", t.plusSeconds(60L * i), i == 0 ? "pm25:stuck" : ""));
      }
      try (InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
        influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, more);
      }
      assertThat(get(api + "/api/network").get("qaFlags"))
          .as("the same counts, counted at the same instant")
          .isEqualTo(counted);
      assertThat(register(api, "late2", installed)).isEqualTo(201);
      JsonNode recounted = get(api + "/api/network").get("qaFlags");
      for (String period : List.of("last24h", "last7d")) {
        assertThat(Instant.parse(recounted.at("/" + period + "/countedAt").asText()))
            .isAfter(Instant.parse(counted.at("/" + period + "/countedAt").asText()));
        assertThat(recounted.at("/" + period + "/byRule/out-of-range").asDouble())
            .as(period)
            .isPositive();
        assertThat(counted.at("/" + period + "/byRule").has("out-of-range")).isFalse();
      }
      assertThat(recounted.at("/last7d/readings").asLong()).isEqualTo(weekReadings + 4 + 3);
      assertThat(recounted.at("/last7d/flagged").asLong())
          .isEqualTo(flaggedIn(full, week, "any") + 4 + 1);
      assertThat(gauge(metrics(planner), "airq_planner_flagged_share{period=\"7d\",rule=\"any\"}"))
          .as("the gauge shares the API's counts")
          .isCloseTo(recounted.at("/last7d/share").asDouble(), within(1e-9));
    }
  }

  private int register(String api, String id, Instant installed) throws Exception {
    String body =
        "{\"id\":\"%s\",\"lat\":1,\"lon\":2,\"reportingInterval\":\"PT10M\",\"installed\":\"%s\"}"
            .formatted(id, installed);
    return send("POST", api + "/api/sensors", body).statusCode();
  }

  private String metrics(PlannerServer planner) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(planner.metricsUrl())).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** A Prometheus sample's value from the scrape text. */
  private static double gauge(String scrape, String series) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).strip()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(series + " not in " + scrape));
  }

  /** full's readings since {@code since} with this flag ({@code any}: with any flag). */
  private static long flaggedIn(List<Instant> full, Instant since, String flag) {
    long n = 0;
    for (int i = 0; i < full.size(); i++) {
      if (!full.get(i).isBefore(since)) {
        List<String> f = flags(i).isEmpty() ? List.of() : List.of(flags(i).split(","));
        n += (flag.equals("any") ? !f.isEmpty() : f.contains(flag)) ? 1 : 0;
      }
    }
    return n;
  }

  private static List<Instant> times(Instant from, Instant to, Duration step) {
    List<Instant> out = new ArrayList<>();
    for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
      out.add(t);
    }
    return out;
  }

  private static Map<LocalDate, Long> perUtcDay(List<Instant> times) {
    Map<LocalDate, Long> m = new TreeMap<>();
    times.forEach(t -> m.merge(t.atZone(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum));
    return m;
  }

  private static String flags(int i) {
    List<String> f = new ArrayList<>();
    if (i % 4 == 0) {
      f.add("pm25:stuck");
    }
    if (i % 6 == 0) {
      f.add("pm25:spike");
    }
    return String.join(",", f);
  }

  private static String line(String sensor, Instant t, String flags) {
    long ns = t.toEpochMilli() * 1_000_000L;
    return "reading,sensor="
        + sensor
        + ",format=airq pm25=10,pm25_raw=10,flags=\""
        + flags
        + "\" "
        + ns;
  }

  /** The share of full's values with this flag since {@code since}, counted here. */
  private static double share(List<Instant> full, String rule, Instant since) {
    long all = 0;
    long flagged = 0;
    for (int i = 0; i < full.size(); i++) {
      if (!full.get(i).isBefore(since)) {
        all++;
        flagged += List.of(flags(i).split(",")).contains(rule) ? 1 : 0;
      }
    }
    return (double) flagged / all;
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = send("GET", url, "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  private HttpResponse<String> send(String method, String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + ADMIN)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
