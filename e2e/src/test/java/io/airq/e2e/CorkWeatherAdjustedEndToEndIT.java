package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.planner.cli.PlannerCli;
import io.airq.planner.impact.weather.WeatherAdjustment;
import io.airq.simulator.publish.KafkaTarget;
import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.MqttTarget;
import io.airq.simulator.replay.ReplayOptions;
import io.airq.simulator.replay.ReplayPlan;
import io.airq.simulator.replay.Replayer;
import io.airq.simulator.replay.SiteList;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * airq-impact-2 on Cork's Car-Free Day (Friday 22 September 2023, 07:00–19:00 Europe/Dublin)
 * through the whole pipeline: the four city-centre NO2 sites replayed over MQTT from 6 August, and
 * Cork Airport's hourly weather (the files' {@code wdsp} in knots, {@code wddir}, {@code temp},
 * {@code rhum}, {@code rain}, {@code msl}) published over MQTT as the readings of a registered
 * weather sensor. The closure, registered through the API, names that station. The report must
 * carry a weather-adjusted result whose training hours are exactly the valid hours in the files'
 * six weeks before the closure, with its skill, placebo closures and interval; the numbers are
 * printed and discussed in docs/method.md, "airq-impact-2 on Cork's Car-Free Day".
 */
@RealServers
class CorkWeatherAdjustedEndToEndIT {
  private static final List<String> SITES = List.of("BS", "GP", "OP", "SPS");
  private static final Path SITES_FILE = Path.of("..", "docs", "examples", "cork-sites.csv");
  private static final String CLOSURE = "cork-car-free-day-2023-weather";
  private static final String STATION = "cork-airport";
  private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");
  private static final LocalDate LAST = LocalDate.parse("2023-09-30");
  private static final LocalDateTime START = LocalDateTime.parse("2023-09-22T07:00");
  private static final double KNOT = 0.514444;

  @Test
  void theReportTakesCorkAirportsWeatherOutOfTheCarFreeDay(Servers servers) throws Exception {
    Path dir = servers.newDirectory("cork-weather");
    Instant trainStart = START.atZone(DUBLIN).minusDays(42).toInstant();
    Instant start = START.atZone(DUBLIN).toInstant();
    TreeSet<Instant> trainingHours = new TreeSet<>();
    long readings = 0;
    for (String site : SITES) {
      readings += copy(site, dir.resolve(site + "_combined.csv"), trainStart, start, trainingHours);
    }
    List<String> weather = weatherPayloads();

    try (PipelineHarness h = new PipelineHarness(servers, "e2e-cork-weather")) {
      ReplayPlan plan =
          ReplayPlan.of(List.of(dir), null, "", Duration.ofHours(1), SiteList.read(SITES_FILE));
      List<Sensor> sensors = new ArrayList<>(plan.sensors());
      sensors.add(airport());
      h.register(sensors, List.of());
      addClosure(h, plan.sensors().stream().map(Sensor::id).toList());
      Replayer.ReplayReport sent =
          Replayer.run(
              new ReplayOptions(
                  List.of(dir),
                  null,
                  "",
                  Duration.ofHours(1),
                  SITES_FILE,
                  new MqttTarget(servers.mqttUrl(), null, null, 1, 20),
                  new KafkaTarget(servers.kafkaBootstrap(), h.prefix, Map.of()),
                  0,
                  0,
                  false));
      assertThat(sent.published()).isEqualTo(readings);
      try (MqttPublisher mqtt =
          new MqttTarget(servers.mqttUrl(), null, null, 1, 20).connect("cork-weather")) {
        for (String w : weather) {
          mqtt.publish("airq/v1/met-eireann/" + STATION, w.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(mqtt.flush(60_000)).as("weather readings acknowledged").isTrue();
      }
      String stored = "SELECT count(\"no2\") FROM \"raw_90d\".\"reading\"";
      String storedWind = "SELECT count(\"wind_speed\") FROM \"raw_90d\".\"reading\"";
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while ((h.count(stored) < readings || h.count(storedWind) < weather.size())
          && System.nanoTime() < deadline) {
        Thread.sleep(1000);
      }
      h.awaitDrained(Duration.ofSeconds(3), Duration.ofMinutes(2));
      assertThat(h.count(stored)).as("NO2 readings stored").isEqualTo(readings);
      assertThat(h.count(storedWind)).as("wind readings stored").isEqualTo(weather.size());

      long t0 = System.nanoTime();
      JsonNode report =
          h.getJson("/api/closures/" + CLOSURE + "/impact?quantity=no2").get("report");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      JsonNode treated = report.get("treated");
      JsonNode w = treated.get("weatherAdjusted");
      System.err.printf(
          Locale.ROOT,
          "e2e-cork-weather: report in %d ms; plain %.1f %%; weather-adjusted %s%n%s%n%s%n",
          ms,
          treated.at("/duringVsBefore/percent").asDouble(),
          w,
          report.get("headlineEn").asText(),
          report.get("headlineSw").asText());

      assertThat(w.get("methodVersion").asText()).isEqualTo(WeatherAdjustment.METHOD_VERSION);
      assertThat(w.get("weatherSource").asText()).isEqualTo("station:" + STATION);
      assertThat(w.at("/training/hours").asInt())
          .as("valid group-hours of the six weeks before, from the files")
          .isEqualTo(trainingHours.size());
      assertThat(w.at("/training/features").toString())
          .contains(
              "windSpeed", "windSin", "windCos", "temperature", "humidity", "rain", "pressure");
      assertThat(w.at("/skill/r2").isNumber()).as("skill in %s", w).isTrue();
      assertThat(w.at("/skill/fac2").asDouble()).isBetween(0.0, 1.0);
      assertThat(w.at("/placebo/count").asInt()).as("placebo closures").isGreaterThanOrEqualTo(19);
      assertThat(w.at("/placebo/pValue").asDouble()).isBetween(0.0, 1.0);
      assertThat(w.at("/hourOfDay").size()).isEqualTo(12);
      JsonNode d = w.get("duringVsBefore");
      assertThat(d.get("percent").asDouble())
          .isBetween(d.get("lowPercent").asDouble(), d.get("highPercent").asDouble());
      assertThat(w.get("outcome").asText())
          .isIn("CLEAR_DECREASE", "CLEAR_INCREASE", "NO_CLEAR_CHANGE", "INSUFFICIENT_DATA");
      if (w.get("outcome").asText().equals("INSUFFICIENT_DATA")) {
        assertThat(w.get("reason").asText()).isNotBlank();
        assertThat(report.get("headlineEn").asText()).startsWith("Plain comparison");
      } else {
        assertThat(report.get("headlineEn").asText()).startsWith("Weather-adjusted result");
      }

      JsonNode threeWeeks =
          h.getJson("/api/closures/" + CLOSURE + "/impact?quantity=no2&trainingWeeks=3")
              .at("/report/treated/weatherAdjusted/training");
      assertThat(threeWeeks.get("days").asInt()).isEqualTo(22);
      String csv = h.get("/api/closures/" + CLOSURE + "/impact?quantity=no2&format=csv");
      assertThat(csv)
          .contains("# weather_adjusted: " + WeatherAdjustment.METHOD_VERSION + "\n")
          .contains(",station:" + STATION + "," + w.get("outcome").asText() + ",");
      JsonNode plain =
          h.getJson("/api/closures/" + CLOSURE + "/impact?quantity=no2&weather=false")
              .get("report");
      assertThat(plain.at("/treated/weatherAdjusted").isMissingNode())
          .as("no weatherAdjusted with weather=false: %s", plain.get("treated"))
          .isTrue();
      assertThat(plain.at("/treated/duringVsBefore"))
          .as("airq-impact-1.1's numbers do not change")
          .isEqualTo(treated.get("duringVsBefore"));

      StringWriter out = new StringWriter();
      int code =
          new CommandLine(new PlannerCli())
              .setOut(new PrintWriter(out))
              .execute(
                  "impact",
                  "--api",
                  h.pipeline.plannerUrl(),
                  "--closure",
                  CLOSURE,
                  "--quantity",
                  "no2");
      assertThat(code).isZero();
      assertThat(out.toString())
          .contains(
              "weather-adjusted ("
                  + WeatherAdjustment.METHOD_VERSION
                  + ", weather station:"
                  + STATION
                  + ")");

      StringWriter planned = new StringWriter();
      code =
          new CommandLine(new PlannerCli())
              .setOut(new PrintWriter(planned))
              .execute(
                  "impact",
                  "plan",
                  "--api",
                  h.pipeline.plannerUrl(),
                  "--treated",
                  String.join(",", plan.sensors().stream().map(Sensor::id).toList()),
                  "--start",
                  START.toString(),
                  "--end",
                  "2023-09-22T19:00",
                  "--zone",
                  DUBLIN.getId(),
                  "--quantity",
                  "no2",
                  "--weather-station",
                  STATION,
                  "--weeks",
                  "3,6",
                  "--format",
                  "json");
      assertThat(code).as("airq impact plan: %s", planned).isZero();
      JsonNode estimates = Json.mapper().readTree(planned.toString()).get("estimates");
      System.err.printf("e2e-cork-weather: impact plan %s%n", estimates);
      assertThat(estimates.size()).isEqualTo(2);
      assertThat(estimates.get(1).get("trainingWeeks").asInt()).isEqualTo(6);
      assertThat(estimates.get(1).get("trainingDays").asInt()).isEqualTo(43);
      assertThat(estimates.get(1).get("placebos").asInt())
          .as("the plan's six weeks are the report's placebo closures")
          .isEqualTo(w.at("/placebo/count").asInt());
      assertThat(estimates.get(1).get("minimumDetectablePercent").asDouble())
          .isCloseTo(w.get("minimumDetectablePercent").asDouble(), within(1e-9));
      assertThat(estimates.get(0).get("trainingDays").asInt()).isEqualTo(22);
    }
  }

  private static Sensor airport() {
    return Sensor.builder(STATION)
        .position(51.8472, -8.4861)
        .gatewayId("met-eireann")
        .area("Cork Airport")
        .county("Cork")
        .hostType(HostType.PUBLIC)
        .reportingInterval(Duration.ofHours(1))
        .model("Met Éireann synoptic station")
        .kind(SensorKind.WEATHER)
        .licence("CC-BY-4.0")
        .attribution("Met Éireann")
        .build();
  }

  /** The closure through the API, naming its weather station, as {@code docs/api.md} shows. */
  private static void addClosure(PipelineHarness h, List<String> sensors) throws Exception {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("id", CLOSURE);
    o.put("name", "Cork Car-Free Day 2023");
    o.put("start", START.toString());
    o.put("end", "2023-09-22T19:00");
    o.put("zone", DUBLIN.getId());
    sensors.forEach(o.putObject("treated").withArray("sensors")::add);
    for (String d : List.of("2023-09-01", "2023-09-08", "2023-09-15")) {
      o.withArray("comparisonPeriods")
          .addObject()
          .put("start", d + "T07:00")
          .put("end", d + "T19:00");
    }
    o.putObject("weather").put("station", STATION);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(h.pipeline.plannerUrl() + "/api/closures"))
                    .header("Authorization", "Bearer " + h.pipeline.adminToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(o.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST /api/closures: %s", r.body()).isBetween(200, 201);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        h.getJson("/api/closures/" + CLOSURE);
        return;
      } catch (Exception e) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the planner never listed closure " + CLOSURE);
  }

  /** Cork Airport's hours (the same in every site file) as airq JSON readings, canonical units. */
  private static List<String> weatherPayloads() throws Exception {
    List<String> lines =
        Files.readAllLines(NairobiArchiveReplayEndToEndIT.sharedData("cork/BS_combined.csv"));
    List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.replace("\"", "").split(",");
      OffsetDateTime t = OffsetDateTime.parse(f[0], TS);
      if (t.atZoneSameInstant(DUBLIN).toLocalDate().isAfter(LAST)) {
        continue;
      }
      ObjectNode values = Json.mapper().createObjectNode();
      put(values, "wind_speed", f[header.indexOf("wdsp")], KNOT);
      String dir = f[header.indexOf("wddir")];
      if (!dir.equals("NA")) {
        values.put("wind_dir", Double.parseDouble(dir) % 360);
      }
      put(values, "temperature", f[header.indexOf("temp")], 1);
      put(values, "humidity", f[header.indexOf("rhum")], 1);
      put(values, "rain", f[header.indexOf("rain")], 1);
      put(values, "pressure", f[header.indexOf("msl")], 1);
      ObjectNode r = Json.mapper().createObjectNode();
      r.put("sensor", STATION);
      r.put("time", t.toInstant().toString());
      r.set("values", values);
      out.add(r.toString());
    }
    return out;
  }

  private static void put(ObjectNode o, String field, String value, double factor) {
    if (!value.equals("NA")) {
      o.put(field, Double.parseDouble(value) * factor);
    }
  }

  /**
   * Writes the site's rows up to {@link #LAST} to {@code to}, and records the hours of the training
   * window [trainStart, start) with an NO2 value. Returns the rows with an NO2 value written.
   */
  private static long copy(
      String site, Path to, Instant trainStart, Instant start, TreeSet<Instant> training)
      throws Exception {
    List<String> lines =
        Files.readAllLines(
            NairobiArchiveReplayEndToEndIT.sharedData("cork/" + site + "_combined.csv"));
    int no2 = List.of(lines.get(0).replace("\"", "").split(",")).indexOf("NO2");
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    long withNo2 = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.replace("\"", "").split(",");
      OffsetDateTime t = OffsetDateTime.parse(f[0], TS);
      if (t.atZoneSameInstant(DUBLIN).toLocalDate().isAfter(LAST)) {
        continue;
      }
      out.add(line);
      if (f[no2].equals("NA")) {
        continue;
      }
      withNo2++;
      Instant i = t.toInstant();
      if (!i.isBefore(trainStart) && i.isBefore(start)) {
        training.add(i);
      }
    }
    Files.write(to, out);
    return withNo2;
  }
}
