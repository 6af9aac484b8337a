package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.app.AirqMain;
import io.airq.core.json.Json;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The real Cork airport weather of the days around Car-Free Day 2023 (and two hours of January 2024
 * whose wind comes from 360°), imported with {@code airq weather import} as the file has it, read
 * back hour by hour through the planner's {@code /api/series}, and compared with the values
 * computed here from the file: knots to m/s, 360° to 0°, local time to UTC. A second import changes
 * nothing; an air sensor cannot take a weather history.
 */
@RealServers
class WeatherImportEndToEndIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String STATION = "cork-airport-wx";
  private static final double KNOT = 1852.0 / 3600.0;

  @Test
  void theCorkAirportColumnsComeBackAsHourlyMeansThroughTheSeriesApi(Servers servers)
      throws Exception {
    Path dir = servers.newDirectory("weather-import");
    Path file = dir.resolve("cork-weather.csv");
    List<String> all =
        Files.readAllLines(
            Path.of(System.getProperty("airq.shared.data"), "cork", "SPS_combined.csv"));
    List<String> subset = new ArrayList<>(List.of(all.get(0)));
    for (String line : all.subList(1, all.size())) {
      if (line.startsWith("\"2023-09-20")
          || line.startsWith("\"2023-09-21")
          || line.startsWith("\"2023-09-22")
          || line.startsWith("\"2024-01-14 0")
          || line.startsWith("\"2023-10-29 01")) {
        subset.add(line);
      }
    }
    Files.write(file, subset);
    Map<String, Map<Instant, Double>> want = expected(subset);
    int hours = want.get("wind_speed").size();
    assertThat(hours).isEqualTo(72 + 10);
    assertThat(want.get("wind_dir").values()).contains(0.0);

    try (PipelineHarness h = new PipelineHarness(servers, "e2e-weather")) {
      String api = h.pipeline.plannerUrl();
      String token = h.pipeline.adminToken();
      Run added =
          airq(
              "sensors",
              "add",
              "--id",
              STATION,
              "--lat",
              "51.8413",
              "--lon",
              "-8.4911",
              "--area",
              "Cork Airport",
              "--county",
              "Cork",
              "--kind",
              "weather",
              "--reporting-interval",
              "PT1H",
              "--installed",
              "2020-01-01T00:00:00Z",
              "--api",
              api,
              "--token",
              token);
      assertThat(added.code()).as(added.err()).isZero();
      Run air =
          airq(
              "sensors",
              "add",
              "--id",
              "cork-sps",
              "--lat",
              "51.8985",
              "--lon",
              "-8.4731",
              "--api",
              api,
              "--token",
              token);
      assertThat(air.code()).as(air.err()).isZero();

      Run dry =
          airq(
              "weather",
              "import",
              file.toString(),
              "--station",
              STATION,
              "--dry-run",
              "--api",
              api,
              "--token",
              token);
      assertThat(dry.code()).as(dry.err()).isZero();
      assertThat(dry.out())
          .contains(hours + " hours (cork format, wind speed in knots)")
          .contains("2 row(s) without any weather value, not imported")
          .contains("dry run: nothing sent");

      Run refused =
          airq(
              "weather",
              "import",
              file.toString(),
              "--station",
              "cork-sps",
              "--api",
              api,
              "--token",
              token);
      assertThat(refused.code()).isNotZero();
      assertThat(refused.err()).contains("sensor cork-sps is of kind air, not weather");

      // the route itself refuses an air sensor, whatever the client checked
      HttpResponse<String> direct =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(api + "/api/weather/cork-sps/hours"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"hours\":[{\"start\":\"2023-09-20T00:00:00Z\","
                              + "\"values\":{\"rain\":1}}]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(direct.statusCode()).isEqualTo(422);
      assertThat(direct.body()).contains("sensor cork-sps is of kind air, not weather");

      Run imported =
          airq(
              "weather",
              "import",
              file.toString(),
              "--station",
              STATION,
              "--api",
              api,
              "--token",
              token);
      assertThat(imported.code()).as(imported.err()).isZero();
      assertThat(imported.out()).contains("imported " + hours + " hours for " + STATION);
      for (String quantity : want.keySet()) {
        awaitSeries(api, quantity, want.get(quantity));
      }

      Run again =
          airq(
              "weather",
              "import",
              file.toString(),
              "--station",
              STATION,
              "--api",
              api,
              "--token",
              token);
      assertThat(again.code()).as(again.err()).isZero();
      h.awaitDrained(Duration.ofSeconds(5), Duration.ofMinutes(2));
      for (String quantity : want.keySet()) {
        assertThat(series(api, quantity))
            .as("%s after the second import: the same hours, each once", quantity)
            .isEqualTo(want.get(quantity));
      }
      assertThat(
              h.count(
                  "SELECT count(\"mean\") FROM \"average\" WHERE \"key\" = '"
                      + STATION
                      + "' AND \"quantity\" = 'wind_speed'"))
          .isEqualTo(hours);
    }
  }

  /** Per quantity id, the hour starts and values computed from the file's rows. */
  private static Map<String, Map<Instant, Double>> expected(List<String> lines) {
    List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
    Map<String, String> columns =
        Map.of(
            "rain", "rain",
            "temp", "temperature",
            "rhum", "humidity",
            "msl", "pressure",
            "wdsp", "wind_speed",
            "wddir", "wind_dir");
    Map<String, Map<Instant, Double>> out = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.replace("\"", "").split(",");
      Instant t = OffsetDateTime.parse(f[0].replace(' ', 'T')).toInstant();
      for (Map.Entry<String, String> c : columns.entrySet()) {
        String cell = f[header.indexOf(c.getKey())];
        if (cell.equals("NA")) {
          continue;
        }
        double v = Double.parseDouble(cell);
        if (c.getKey().equals("wdsp")) {
          v *= KNOT;
        } else if (c.getKey().equals("wddir") && v == 360) {
          v = 0;
        }
        out.computeIfAbsent(c.getValue(), k -> new TreeMap<>()).put(t, v);
      }
    }
    return out;
  }

  private static void awaitSeries(String api, String quantity, Map<Instant, Double> want)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Map<Instant, Double> got = Map.of();
    while (System.nanoTime() < deadline) {
      got = series(api, quantity);
      if (got.size() >= want.size()) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(got.keySet()).as("hours of %s in /api/series", quantity).isEqualTo(want.keySet());
    for (Map.Entry<Instant, Double> e : want.entrySet()) {
      assertThat(got.get(e.getKey()))
          .as("%s at %s", quantity, e.getKey())
          .isCloseTo(e.getValue(), within(1e-9));
    }
  }

  /** The station's hourly means of a quantity, hour start to mean, from /api/series (JSON). */
  private static Map<Instant, Double> series(String api, String quantity) throws Exception {
    String q =
        "sensor="
            + URLEncoder.encode(STATION, StandardCharsets.UTF_8)
            + "&quantity="
            + quantity
            + "&window=1h&from=2023-09-01T00:00:00Z&to=2024-02-01T00:00:00Z";
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(api + "/api/series?" + q)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<Instant, Double> out = new TreeMap<>();
    for (JsonNode p : Json.mapper().readTree(r.body()).path("points")) {
      assertThat(p.path("count").asLong()).isEqualTo(1);
      out.put(Instant.parse(p.path("time").asText()), p.path("mean").asDouble());
    }
    return out;
  }

  private record Run(int code, String out, String err) {}

  private static Run airq(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AirqMain.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
