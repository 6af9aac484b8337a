package io.airq.planner.calibration;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code airq calibrate} on real data: Sensor.Community SDS011 sensor 23007 in Aberdeen (about 500
 * m from the council's Union Street roadside station) on 2019-05-01, its hourly raw PM2.5 means in
 * a real InfluxDB as the sink writes them, fitted against the station's hourly PM2.5. The printed
 * statistics equal an independent calculation here, the corrected means are closer to the station
 * than the raw ones on the held-out hours, and {@code --apply} stores calibration versions.
 */
@RealServers
class ColocationCalibrationIT {
  private static final String ADMIN = "test-admin-token";
  private static final String SENSOR = "abd-sds-23007";
  private static final Pattern NUM = Pattern.compile("(\\w+)=(-?[0-9.]+)");

  private record Run(int code, String out, String err) {}

  @Test
  void aFitAgainstTheCouncilStationIsPrintedAsCalculatedAndAppliedAsAVersion(Servers servers)
      throws Exception {
    Path data = Path.of(System.getProperty("airq.shared.data", System.getenv("AIRQ_SHARED_DATA")));
    Path reference = data.resolve("aberdeen/council_reference_aberdeen-union-street-roadside.csv");
    // the sensor's readings, averaged per UTC hour as the streams job does (145 s interval: 24 an
    // hour)
    Map<Instant, List<Double>> readings = new TreeMap<>();
    List<String> archive =
        Files.readAllLines(data.resolve("aberdeen/2019-05-01_sds011_sensor_23007.csv"));
    for (String line : archive.subList(1, archive.size())) {
      String[] c = line.split(";", -1);
      if (!c[9].isEmpty()) {
        Instant t = LocalDateTime.parse(c[5]).toInstant(ZoneOffset.UTC);
        readings
            .computeIfAbsent(t.truncatedTo(ChronoUnit.HOURS), h -> new ArrayList<>())
            .add(Double.parseDouble(c[9]));
      }
    }
    // its humidity: the DHT22 of the same device (location 11670), merged into its readings by the
    // bridge as an airrohr device's per-pin pushes are
    Map<Instant, List<Double>> humidity = new TreeMap<>();
    List<String> dht =
        Files.readAllLines(data.resolve("aberdeen/2019-05-01_dht22_sensor_23008.csv"));
    for (String line : dht.subList(1, dht.size())) {
      String[] c = line.split(";", -1);
      if (!c[7].isEmpty()) {
        Instant t = LocalDateTime.parse(c[5]).toInstant(ZoneOffset.UTC);
        humidity
            .computeIfAbsent(t.truncatedTo(ChronoUnit.HOURS), h -> new ArrayList<>())
            .add(Double.parseDouble(c[7]));
      }
    }
    String prefix = servers.newPrefix("calibrate");
    String db = servers.newDatabase("calibrate");
    List<String> lines = new ArrayList<>();
    Map<Instant, Double> hourly = new TreeMap<>();
    readings.forEach(
        (h, v) -> {
          double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
          lines.add(
              "average,scope=sensor,key=%s,area=Aberdeen,window=1h,quantity=pm25 mean=%s,raw_mean=%s,count=%di,expected=24i,coverage=%s,correction=\"none\" %d"
                  .formatted(
                      SENSOR,
                      mean,
                      mean,
                      v.size(),
                      100.0 * v.size() / 24,
                      h.toEpochMilli() * 1_000_000L));
          if (v.size() >= 18) {
            hourly.put(h, mean);
          }
        });

    // the independent calculation: the station labels each hour by its end; even hours fit, odd
    // test
    Map<Instant, Double> station = new TreeMap<>();
    for (String line : Files.readAllLines(reference)) {
      String[] c = line.split(";", -1);
      if (c[0].startsWith("2019-05-0")) {
        Instant end = LocalDateTime.parse(c[0].replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        station.put(end.minus(1, ChronoUnit.HOURS), Double.parseDouble(c[3]));
      }
    }
    double n = 0, sx = 0, sy = 0, sxy = 0, sxx = 0;
    List<double[]> test = new ArrayList<>();
    for (Map.Entry<Instant, Double> e : hourly.entrySet()) {
      double x = e.getValue();
      double y = station.get(e.getKey());
      if (e.getKey().atOffset(ZoneOffset.UTC).getHour() % 2 == 0) {
        n++;
        sx += x;
        sy += y;
        sxy += x * y;
        sxx += x * x;
      } else {
        test.add(new double[] {x, y});
      }
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double intercept = (sy - slope * sx) / n;
    double rawSq = 0, corrSq = 0, rawAbs = 0, rawBias = 0;
    for (double[] p : test) {
      rawSq += (p[0] - p[1]) * (p[0] - p[1]);
      rawAbs += Math.abs(p[0] - p[1]);
      rawBias += p[0] - p[1];
      double c = slope * p[0] + intercept;
      corrSq += (c - p[1]) * (c - p[1]);
    }
    // the station as a registered reference sensor too: its hourly means as the sink writes them
    station.forEach(
        (h, v) ->
            lines.add(
                "average,scope=sensor,key=abd-ref,area=Aberdeen,window=1h,quantity=pm25 mean=%s,raw_mean=%s,count=1i,expected=1i,coverage=100,correction=\"none\" %d"
                    .formatted(v, v, h.toEpochMilli() * 1_000_000L)));
    Map<Instant, Double> rhHourly = new TreeMap<>();
    humidity.forEach(
        (h, v) -> {
          double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
          lines.add(
              "average,scope=sensor,key=%s,area=Aberdeen,window=1h,quantity=humidity mean=%s,raw_mean=%s,count=%di,expected=24i,coverage=%s,correction=\"none\" %d"
                  .formatted(
                      SENSOR,
                      mean,
                      mean,
                      v.size(),
                      100.0 * v.size() / 24,
                      h.toEpochMilli() * 1_000_000L));
          if (v.size() >= 18) {
            rhHourly.put(h, mean);
          }
        });
    try (InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      influx.query(new Query("CREATE DATABASE " + db));
      influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, lines);
    }
    double rawRmse = Math.sqrt(rawSq / test.size());
    double corrRmse = Math.sqrt(corrSq / test.size());

    try (PlannerServer planner =
        PlannerServer.start(
            PlannerConfig.of(0, servers.influxUrl(), db, servers.kafkaBootstrap(), prefix)
                .withAdminToken(ADMIN))) {
      String api = "http://127.0.0.1:" + planner.port();
      Run add =
          cli(
              "sensors",
              "add",
              "--api",
              api,
              "--id",
              SENSOR,
              "--lat",
              "57.150",
              "--lon",
              "-2.108",
              "--area",
              "Aberdeen",
              "--model",
              "SDS011",
              "--reporting-interval",
              "PT145S",
              "--installed",
              "2019-01-01");
      assertThat(add.code()).as(add.err()).isZero();

      String[] calibrate = {
        "calibrate",
        "--api",
        api,
        "--sensor",
        SENSOR,
        "--quantity",
        "pm25",
        "--reference",
        reference.toString(),
        "--from",
        "2019-05-01",
        "--to",
        "2019-05-02",
        "--split",
        "hour"
      };
      Run byDay = cli(without(calibrate, "--split", "hour"));
      assertThat(byDay.code()).isEqualTo(1);
      assertThat(byDay.err()).contains("24 co-located hours").contains("--split hour");

      Run fit = cli(calibrate);
      assertThat(fit.code()).as(fit.err()).isZero();
      List<String> out = fit.out().lines().toList();
      assertThat(out.get(0)).contains("24 co-located hours, split by hour");
      Map<String, Double> f = numbers(out.get(1));
      assertThat(out.get(1))
          .contains(
              String.format(
                  java.util.Locale.ROOT, "corrected = %.4f × raw + %.4f", slope, intercept));
      assertThat(f.get("n")).isEqualTo(12);
      Map<String, Double> before = numbers(out.get(2));
      Map<String, Double> after = numbers(out.get(3));
      assertThat(before.get("n")).isEqualTo(12);
      assertThat(before.get("rmse")).isCloseTo(rawRmse, within(1e-4));
      assertThat(before.get("mae")).isCloseTo(rawAbs / test.size(), within(1e-4));
      assertThat(before.get("bias")).isCloseTo(rawBias / test.size(), within(1e-4));
      assertThat(after.get("rmse")).isCloseTo(corrRmse, within(1e-4));
      // the device's DHT22 is saturated all day (99.9 %): no humidity-aware fit, and it says so
      assertThat(rhHourly.values()).allSatisfy(v -> assertThat(v).isCloseTo(99.9, within(1e-9)));
      assertThat(out.get(4)).startsWith("fit-rh\tnone: the sensor's humidity does not vary");
      // corrected is closer to the reference than raw on the held-out hours
      assertThat(after.get("rmse")).isLessThan(before.get("rmse") * 0.75);

      // the same against the station registered as a reference sensor
      String[] bySensor = without(calibrate, "--reference", reference.toString());
      Run refSensor = cli(with(bySensor, "--reference-sensor", "abd-ref"));
      assertThat(refSensor.code()).as(refSensor.err()).isZero();
      assertThat(refSensor.out().lines().skip(1).toList()).isEqualTo(out.subList(1, out.size()));

      Run anonymous = cli(with(calibrate, "--apply", "--token", ""));
      assertThat(anonymous.err()).contains("HTTP 401");

      Run applied = cli(with(calibrate, "--apply", "--apply-from", "2019-05-02"));
      assertThat(applied.code()).as(applied.err()).isZero();
      assertThat(applied.out())
          .contains("applied\tcolocation-abd-sds-23007-2019-05-01 from 2019-05-02T00:00:00Z");
      JsonNode cal = show(api).at("/calibration/pm25");
      assertThat(cal.get("id").asText()).isEqualTo("colocation-abd-sds-23007-2019-05-01");
      assertThat(cal.get("from").asText()).isEqualTo("2019-05-02T00:00:00Z");
      assertThat(cal.get("slope").asDouble()).isCloseTo(slope, within(1e-9));
      assertThat(cal.get("intercept").asDouble()).isCloseTo(intercept, within(1e-9));

      Run second =
          cli(with(calibrate, "--apply", "--apply-from", "2019-06-01", "--version-id", "v2"));
      assertThat(second.code()).as(second.err()).isZero();
      JsonNode versions = show(api).at("/calibration/pm25");
      assertThat(versions.isArray()).isTrue();
      assertThat(versions.findValuesAsText("id"))
          .containsExactly("colocation-abd-sds-23007-2019-05-01", "v2");
    }
  }

  private static JsonNode show(String api) {
    Run show = cli("sensors", "show", "--api", api, SENSOR);
    assertThat(show.code()).as(show.err()).isZero();
    try {
      return Json.mapper().readTree(show.out());
    } catch (Exception e) {
      throw new AssertionError(show.out(), e);
    }
  }

  private static Map<String, Double> numbers(String line) {
    Map<String, Double> m = new TreeMap<>();
    Matcher x = NUM.matcher(line);
    while (x.find()) {
      m.put(x.group(1), Double.parseDouble(x.group(2)));
    }
    return m;
  }

  private static String[] with(String[] args, String... more) {
    List<String> l = new ArrayList<>(List.of(args));
    l.addAll(List.of(more));
    return l.toArray(String[]::new);
  }

  private static String[] without(String[] args, String... drop) {
    List<String> l = new ArrayList<>(List.of(args));
    l.removeAll(List.of(drop));
    return l.toArray(String[]::new);
  }

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withToken = args;
    if (!List.of(args).contains("--token")) {
      withToken = with(args, "--token", ADMIN);
    }
    int code =
        new CommandLine(new PlannerCli())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(withToken);
    return new Run(code, out.toString(), err.toString());
  }
}
