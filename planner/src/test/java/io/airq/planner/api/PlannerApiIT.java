package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.impact.Moments;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.kit.KafkaClients;
import io.airq.planner.PlannerConfig;
import io.airq.planner.PlannerServer;
import io.airq.planner.cli.PlannerCli;
import io.airq.planner.registry.Registry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The planner against real Kafka and InfluxDB: sensors from the registry topic, hourly averages
 * written as line protocol per the schema, a closure registered through the API, its impact and
 * series read back.
 */
@RealServers
class PlannerApiIT {
  private static final String ADMIN = "test-admin-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void closureRegisteredThroughTheApiGetsItsImpactFromStoredHourlyAverages(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("planner");
    String db = servers.newDatabase("planner");
    publishSensors(servers.kafkaBootstrap(), prefix);
    writeAverages(servers.influxUrl(), db);
    publishLiveAggregates(servers.kafkaBootstrap(), prefix);

    try (PlannerServer planner =
        PlannerServer.start(
            PlannerConfig.of(0, servers.influxUrl(), db, servers.kafkaBootstrap(), prefix)
                .withAdminToken(ADMIN))) {
      String base = "http://127.0.0.1:" + planner.port();
      awaitSensors(base, 3);

      JsonNode sensors = Json.mapper().readTree(get(base + "/api/sensors").body());
      JsonNode home = find(sensors, "home1");
      assertThat(home.get("lat").asDouble()).isEqualTo(-1.284);
      assertThat(home.get("lon").asDouble()).isEqualTo(36.823);
      assertThat(home.get("positionCoarsened").asBoolean()).isTrue();
      assertThat(home.has("gatewayId")).isFalse();
      assertThat(find(sensors, "t1").get("lat").asDouble()).isEqualTo(-1.28391);

      String closure =
          """
          {"id":"moi-avenue","name":"Moi Avenue car-free",
           "treated":{"sensors":["t1"]},"control":{"areas":["Ruaka"]},
           "start":"2024-01-03T00:00:00","end":"2024-01-05T00:00:00",
           "baseline":"P2D","after":"P1D","zone":"UTC"}""";
      HttpResponse<String> bad =
          send("POST", base + "/api/closures", closure.replace("2024-01-05T00", "2024-01-02T00"));
      assertThat(bad.statusCode()).isEqualTo(422);
      assertThat(bad.body()).contains("end must be after start");
      HttpResponse<String> unknown =
          send("POST", base + "/api/closures", closure.replace("[\"t1\"]", "[\"nope\"]"));
      assertThat(unknown.statusCode()).isEqualTo(422);
      assertThat(unknown.body()).contains("treated: unknown sensor nope");
      HttpResponse<String> zone =
          send("POST", base + "/api/closures", closure.replace("\"UTC\"", "\"Mars/Olympus\""));
      assertThat(zone.statusCode()).isEqualTo(422);
      assertThat(zone.body()).contains("zone is not a valid time zone");

      assertThat(send("POST", base + "/api/closures", closure).statusCode()).isEqualTo(201);
      assertThat(send("POST", base + "/api/closures", closure).statusCode()).isEqualTo(409);
      assertThat(get(base + "/api/closures/moi-avenue").statusCode()).isEqualTo(200);
      assertThat(get(base + "/api/closures/nope").statusCode()).isEqualTo(404);

      JsonNode impact =
          Json.mapper()
              .readTree(get(base + "/api/closures/moi-avenue/impact?quantity=pm25").body());
      JsonNode report = impact.get("report");
      assertThat(impact.at("/provenance/methodVersion").asText()).isEqualTo("airq-impact-1.1");
      assertThat(impact.at("/provenance/licence").asText()).contains("ODbL");
      assertThat(report.at("/treated/phases/before/mean").asDouble()).isEqualTo(20.0);
      assertThat(report.at("/treated/phases/during/coverage").asDouble()).isEqualTo(1.0);
      // hand-computed in ImpactAnalysisTest: −50 % [−72.79 %, −8.12 %]; DiD −37.5 %
      assertThat(report.at("/treated/duringVsBefore/percent").asDouble())
          .isCloseTo(-50.0, within(1e-9));
      assertThat(report.at("/treated/duringVsBefore/lowPercent").asDouble())
          .isCloseTo(-72.7913, within(1e-3));
      assertThat(report.at("/treated/outcome").asText()).isEqualTo("CLEAR_DECREASE");
      assertThat(report.at("/control/phases/during/mean").asDouble()).isEqualTo(8.0);
      assertThat(report.at("/differenceInDifferences/percent").asDouble())
          .isCloseTo(-37.5, within(1e-9));
      assertThat(report.at("/summarySw").asText()).contains("ulishuka kwa 50%");
      assertThat(report.at("/treated/phases/after/mean").asDouble()).isEqualTo(10.0);
      // one day after: no day-to-day sd of its own, written as null (valid JSON), not NaN
      assertThat(report.at("/treated/phases/after/dailyMeanSd").isNull()).isTrue();

      // the live path (aggregates as the streams job emits them) gives the same report
      JsonNode live =
          Json.mapper()
              .readTree(
                  get(base + "/api/closures/moi-avenue/impact?quantity=pm25&source=live").body());
      assertThat(live.at("/provenance/dataSources/0").asText()).contains("closure-impact");
      for (String field : List.of("treated", "control", "differenceInDifferences", "summaryEn")) {
        assertThat(live.get("report").get(field)).isEqualTo(report.get(field));
      }
      assertThat(live.at("/report/breakdown")).isEmpty();

      HttpResponse<String> direction =
          get(base + "/api/closures/moi-avenue/impact?quantity=wind_dir");
      assertThat(direction.statusCode()).isEqualTo(400);
      assertThat(direction.body()).contains("wind_dir is a direction");

      String csv = get(base + "/api/closures/moi-avenue/impact?quantity=pm25&format=csv").body();
      assertThat(csv).startsWith("# method_version: airq-impact-1.1\n").contains("# licence: ");
      assertThat(csv).contains("treated,during,10.0000,48,0,48,1.0000,2,-50.0000,");

      JsonNode series =
          Json.mapper()
              .readTree(
                  get(base
                          + "/api/series?sensor=t1&quantity=pm25&window=1h"
                          + "&from=2024-01-02T23:00:00Z&to=2024-01-03T02:00:00Z")
                      .body());
      assertThat(series.get("points")).hasSize(3);
      assertThat(series.at("/points/0/mean").asDouble()).isEqualTo(22.0);
      assertThat(series.at("/points/1/mean").asDouble()).isEqualTo(9.0);
      assertThat(series.at("/points/1/time").asText()).isEqualTo("2024-01-03T00:00:00Z");
      assertThat(get(base + "/api/series?sensor=t1&from=2024-01-03T00:00:00Z&to=x").statusCode())
          .isEqualTo(400);

      // the daily indices: EPA's daily AQI of O3 on its 8h-daily-max, NAQI on CPCB's day
      String day = "&window=day&from=2024-01-02T21:00:00Z&to=2024-01-03T21:00:00Z";
      JsonNode o3 =
          Json.mapper()
              .readTree(get(base + "/api/series?sensor=t1&index=us-aqi&quantity=o3" + day).body());
      assertThat(o3.get("window").asText()).isEqualTo("day");
      assertThat(o3.get("points")).hasSize(1);
      assertThat(o3.at("/points/0/value").asInt()).isEqualTo(112);
      assertThat(o3.at("/points/0/averaging").asText()).isEqualTo("8h-daily-max");
      JsonNode naqi =
          Json.mapper().readTree(get(base + "/api/series?sensor=t1&index=naqi" + day).body());
      assertThat(naqi.get("points")).hasSize(1);
      assertThat(naqi.at("/points/0/value").asInt()).isEqualTo(142);
      assertThat(naqi.at("/points/0/pollutant").asText()).isEqualTo("pm25");
      assertThat(naqi.at("/points/0/averaging").asText()).isEqualTo("calendar-day");
      assertThat(
              get(base + "/api/series?sensor=t1&quantity=o3&format=csv" + day)
                  .body()
                  .lines()
                  .filter(l -> l.startsWith("t1,"))
                  .toList())
          .singleElement()
          .asString()
          .endsWith("\"aqi_us=112 (Unhealthy for Sensitive Groups, 8h-daily-max)\"");

      // the CLI talks to the same API
      StringWriter cliOut = new StringWriter();
      int code =
          new CommandLine(new PlannerCli())
              .setOut(new PrintWriter(cliOut))
              .execute("impact", "--api", base, "--closure", "moi-avenue", "--format", "text");
      assertThat(code).isZero();
      assertThat(cliOut.toString())
          .contains("fell by 50%")
          .contains("treated  change during vs before -50.0% [-72.8%, -8.1%] -> CLEAR_DECREASE");
      StringWriter seriesOut = new StringWriter();
      code =
          new CommandLine(new PlannerCli())
              .setOut(new PrintWriter(seriesOut))
              .execute(
                  "series",
                  "--api",
                  base,
                  "--area",
                  "CBD",
                  "--quantity",
                  "pm25",
                  "--from",
                  "2024-01-03T00:00:00Z",
                  "--to",
                  "2024-01-03T01:00:00Z");
      assertThat(code).isZero();
      // no area averages were written: provenance and header, no rows
      assertThat(seriesOut.toString())
          .contains("key,time,quantity,mean")
          .doesNotContain("CBD,2024");
      StringWriter added = new StringWriter();
      code =
          new CommandLine(new PlannerCli())
              .setOut(new PrintWriter(added))
              .execute(
                  "closures",
                  "add",
                  "--api",
                  base,
                  "--token",
                  ADMIN,
                  "--id",
                  "cli-1",
                  "--start",
                  "2024-01-04T08:00",
                  "--end",
                  "2024-01-04T18:00",
                  "--zone",
                  "Africa/Nairobi",
                  "--treated-area",
                  "CBD",
                  "--control-sensor",
                  "c1",
                  "--comparison",
                  "2024-01-02T08:00/2024-01-02T18:00");
      assertThat(code).isZero();
      assertThat(added.toString()).contains("\"id\":\"cli-1\"");
      StringWriter listed = new StringWriter();
      new CommandLine(new PlannerCli())
          .setOut(new PrintWriter(listed))
          .execute("closures", "list", "--api", base);
      assertThat(listed.toString()).contains("cli-1\t2024-01-04T08:00").contains("moi-avenue\t");
      StringWriter err = new StringWriter();
      code =
          new CommandLine(new PlannerCli())
              .setErr(new PrintWriter(err))
              .execute("closures", "show", "nope", "--api", base);
      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("HTTP 404").contains("no closure nope");

      JsonNode openapi = Json.mapper().readTree(get(base + "/openapi.json").body());
      assertThat(openapi.get("openapi").asText()).startsWith("3.");
      assertThat(openapi.get("paths").has("/api/closures/{id}/impact")).isTrue();
      assertThat(get(base + "/webjars/chart.js/4.5.1/dist/chart.umd.min.js").statusCode())
          .isEqualTo(200);
      assertThat(get(base + "/").body()).contains("<html");

      // health and metrics on the same port: Kafka, the registry tables, InfluxDB; requests
      // by route and status, and the registry's sizes
      HttpResponse<String> health = get(base + "/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode h = Json.mapper().readTree(health.body());
      assertThat(h.get("service").asText()).isEqualTo("planner");
      assertThat(h.get("status").asText()).isEqualTo("UP");
      assertThat(h.get("checks").fieldNames())
          .toIterable()
          .containsExactly(
              "kafka",
              "registry-sensors",
              "registry-closures",
              "registry-closure-impact",
              "access-tokens",
              "access-audit",
              "influxdb");
      String metrics = get(base + "/metrics").body();
      assertThat(metrics)
          .containsPattern(
              "airq_planner_http_requests_seconds_count\\{[^}]*route=\"/api/closures/\\{id}/impact\""
                  + "[^}]*status=\"200\"[^}]*} [1-9]")
          .containsPattern(
              "airq_planner_http_requests_seconds_count\\{[^}]*route=\"/api/closures/\\{id}\""
                  + "[^}]*status=\"404\"")
          .contains("airq_planner_registry_entries{table=\"sensors\"} 3.0");
    }

    // the closure went to the compacted topic: a fresh reader of the topic sees it
    try (Registry fresh =
        Registry.start(KafkaClients.properties(servers.kafkaBootstrap(), Map.of()), prefix)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (fresh.closure("moi-avenue").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(fresh.closure("moi-avenue")).isPresent();
      assertThat(fresh.closure("moi-avenue").get().control().areas()).containsExactly("Ruaka");
    }
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no sensor " + id + " in " + array);
  }

  private static void publishSensors(String bootstrap, String prefix) throws Exception {
    Topic<String, Sensor> topic = Topics.SENSORS.prefixed(prefix);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Sensor s :
          List.of(
              sensor("t1", -1.28391, 36.82283, "CBD", HostType.PUBLIC),
              sensor("c1", -1.2, 36.8, "Ruaka", HostType.PUBLIC),
              sensor("home1", -1.28391, 36.82283, "CBD", HostType.RESIDENT))) {
        producer
            .send(
                new ProducerRecord<>(
                    topic.name(), topic.serializeKey(s.id()), topic.serializeValue(s)))
            .get();
      }
    }
  }

  /** What the streams job would emit for the same days, built by hand from daily moments. */
  private static void publishLiveAggregates(String bootstrap, String prefix) throws Exception {
    Topic<String, PhaseAggregate> topic = Topics.CLOSURE_IMPACT.prefixed(prefix);
    double[][] values = {{18, 22, 9, 11, 10}, {9, 11, 7, 9, 8}};
    Phase[] phases = {Phase.BEFORE, Phase.BEFORE, Phase.DURING, Phase.DURING, Phase.AFTER};
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Group g : Group.values()) {
        double[] v = values[g.ordinal()];
        for (Phase phase : Phase.values()) {
          Map<LocalDate, Moments> days = new HashMap<>();
          for (int d = 0; d < 5; d++) {
            if (phases[d] == phase) {
              days.put(
                  LocalDate.parse("2024-01-01").plusDays(d),
                  new Moments(24, 24 * v[d], 24 * v[d] * v[d]));
            }
          }
          PhaseAggregate a =
              new PhaseAggregate(
                  "moi-avenue",
                  g,
                  phase,
                  Quantity.PM25,
                  days,
                  0,
                  Instant.parse("2024-01-06T00:00:00Z"));
          String key = "moi-avenue/" + g + "/" + phase + "/pm25";
          producer
              .send(
                  new ProducerRecord<>(
                      topic.name(), topic.serializeKey(key), topic.serializeValue(a)))
              .get();
        }
      }
    }
  }

  private static Sensor sensor(String id, double lat, double lon, String area, HostType host) {
    return Sensor.builder(id)
        .position(lat, lon)
        .area(area)
        .street("Moi Avenue")
        .county("Nairobi")
        .hostType(host)
        .reportingInterval(Duration.ofMinutes(1))
        .model("PMS5003")
        .build();
  }

  /** The same days as ImpactAnalysisTest: treated 18, 22 | 9, 11 | 10; control 9, 11 | 7, 9 | 8. */
  private static void writeAverages(String url, String db) {
    double[] t = {18, 22, 9, 11, 10};
    double[] c = {9, 11, 7, 9, 8};
    List<String> lines = new ArrayList<>();
    Instant day0 = Instant.parse("2024-01-01T00:00:00Z");
    for (int d = 0; d < 5; d++) {
      for (int h = 0; h < 24; h++) {
        long ns = day0.plus(Duration.ofHours(24L * d + h)).toEpochMilli() * 1_000_000L;
        lines.add(line("t1", "CBD", t[d], ns));
        lines.add(line("c1", "Ruaka", c[d], ns));
      }
    }
    lines.addAll(dailyIndices());
    try (InfluxDB influx = InfluxDBFactory.connect(url)) {
      influx.query(new Query("CREATE DATABASE " + db));
      influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, lines);
    }
  }

  /**
   * t1's Nairobi day of 3 Jan 2024 (from 21:00 UTC), as the sink writes it: O3's daily AQI on its
   * highest 8-hour mean, and NAQI on CPCB's day on PM2.5's point (a stale lower one on PM10's).
   */
  private static List<String> dailyIndices() {
    String tags = "average,scope=sensor,key=t1,area=CBD,county=Nairobi,window=day,quantity=";
    String counts = ",count=1380i,expected=1440i,coverage=95.8,correction=\"none\",";
    long ns = Instant.parse("2024-01-02T21:00:00Z").toEpochMilli() * 1_000_000L;
    return List.of(
        tags
            + "o3 mean=61.0"
            + counts
            + "aqi_us=112i,aqi_us_category=\"Unhealthy for Sensitive Groups\","
            + "aqi_us_pollutant=\"o3\",aqi_us_averaging=\"8h-daily-max\",aqi_us_id=\"us-epa-2024\" "
            + ns,
        tags
            + "pm25 mean=9.0"
            + counts
            + "naqi=142i,naqi_category=\"Moderate\",naqi_pollutant=\"pm25\","
            + "naqi_averaging=\"calendar-day\",naqi_id=\"in-naqi-2014\" "
            + ns,
        tags
            + "pm10 mean=80.0"
            + counts
            + "naqi=87i,naqi_category=\"Satisfactory\",naqi_pollutant=\"pm10\","
            + "naqi_averaging=\"calendar-day\",naqi_id=\"in-naqi-2014\" "
            + ns);
  }

  private static String line(String sensor, String area, double mean, long ns) {
    return "average,scope=sensor,key="
        + sensor
        + ",area="
        + area
        + ",county=Nairobi,window=1h,quantity=pm25 mean="
        + mean
        + ",raw_mean="
        + mean
        + ",min="
        + mean
        + ",max="
        + mean
        + ",count=60i,expected=60i,coverage=100.0,aqi=50i,correction=\"none\" "
        + ns;
  }

  private void awaitSensors(String base, int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Json.mapper().readTree(get(base + "/api/sensors").body()).size() >= n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the planner did not see " + n + " sensors");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
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
