package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.planner.PlannerConfig;
import io.airq.planner.PlannerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;

/**
 * Reports use the registry as it was: a sensor registered after a closure, or one retired after it,
 * does not change the closure's report; a sensor in service during it does (real Kafka, InfluxDB,
 * planner; everything through the API).
 */
@RealServers
class RegistryHistoryIT {
  private static final String ADMIN = "test-admin-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void registeringASensorAfterAClosureDoesNotChangeItsReport(Servers servers) throws Exception {
    String prefix = servers.newPrefix("history");
    String db = servers.newDatabase("history");
    writeAverages(servers.influxUrl(), db);
    try (PlannerServer planner =
        PlannerServer.start(
            PlannerConfig.of(0, servers.influxUrl(), db, servers.kafkaBootstrap(), prefix)
                .withAdminToken(ADMIN))) {
      String api = "http://127.0.0.1:" + planner.port();
      for (String s :
          List.of(
              "{\"id\":\"t1\",\"lat\":-1.2841,\"lon\":36.8233,\"area\":\"CBD\","
                  + "\"installed\":\"2023-06-01\"}",
              "{\"id\":\"c1\",\"lat\":-1.2,\"lon\":36.8,\"area\":\"Ruaka\","
                  + "\"installed\":\"2023-06-01\"}")) {
        assertThat(send("POST", api + "/api/sensors", s).statusCode()).isEqualTo(201);
      }
      String closure =
          """
          {"id":"cbd-2024","treated":{"areas":["CBD"]},"control":{"areas":["Ruaka"]},
           "start":"2024-01-03T00:00:00","end":"2024-01-05T00:00:00",
           "baseline":"P2D","after":"P1D","zone":"UTC"}""";
      assertThat(send("POST", api + "/api/closures", closure).statusCode()).isEqualTo(201);
      JsonNode first = report(api);
      assertThat(first.at("/treated/phases/during/expectedHours").asLong()).isEqualTo(48);
      assertThat(first.at("/treated/phases/during/coverage").asDouble()).isEqualTo(1.0);
      assertThat(first.at("/treated/outcome").asText()).isEqualTo("CLEAR_DECREASE");

      // a new CBD sensor, registered now (installed defaults to the registration time)
      HttpResponse<String> added =
          send(
              "POST",
              api + "/api/sensors",
              "{\"id\":\"t2\",\"lat\":-1.2842,\"lon\":36.8234,\"area\":\"CBD\"}");
      assertThat(added.statusCode()).isEqualTo(201);
      // and the control sensor retired now, long after the closure
      assertThat(send("POST", api + "/api/sensors/c1/retire", "").statusCode()).isEqualTo(200);
      assertThat(report(api)).isEqualTo(first);

      // a CBD sensor that was in service during the closure (and sent nothing) does count
      assertThat(
              send(
                      "POST",
                      api + "/api/sensors",
                      "{\"id\":\"t3\",\"lat\":-1.285,\"lon\":36.824,\"area\":\"CBD\","
                          + "\"installed\":\"2024-01-04\"}")
                  .statusCode())
          .isEqualTo(201);
      JsonNode third = report(api);
      assertThat(third.at("/treated/phases/during/expectedHours").asLong()).isEqualTo(48 + 24);
      assertThat(third.at("/treated/phases/before/expectedHours").asLong()).isEqualTo(48);
    }
  }

  private JsonNode report(String api) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/api/closures/cbd-2024/impact?quantity=pm25"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body()).get("report");
  }

  /** Treated t1 18, 22 | 9, 11 | 10 a day; control c1 9, 11 | 7, 9 | 8 (2024-01-01 to 05). */
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
    try (InfluxDB influx = InfluxDBFactory.connect(url)) {
      influx.query(new Query("CREATE DATABASE " + db));
      influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, lines);
    }
  }

  private static String line(String sensor, String area, double mean, long ns) {
    return "average,scope=sensor,key=%s,area=%s,county=Nairobi,window=1h,quantity=pm25 mean=%s,raw_mean=%s,min=%s,max=%s,count=60i,expected=60i,coverage=100.0,aqi=50i,correction=\"none\" %d"
        .formatted(sensor, area, mean, mean, mean, mean, ns);
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
