package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.app.AirqMain;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Onboarding a sensors.AFRICA network through the CLI only: a device pushes before it is registered
 * (its reading is quarantined), its node listing is imported with {@code airq sensors import}, it
 * pushes again, and {@code airq series} shows both readings, the first released from quarantine
 * exactly once.
 */
@RealServers
class OnboardingEndToEndIT {
  private static final String DEVICE = "esp8266-11639153"; // a node of the June 2021 listing
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aReadingPushedBeforeRegistrationAppearsBesideTheLaterOneOnceTheListingIsImported(
      Servers servers) throws Exception {
    Path data = Path.of(System.getProperty("airq.shared.data"), "payloads");
    String payload = Files.readString(data.resolve("sensors_africa_push_example.json"));
    Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
    try (PipelineHarness h = new PipelineHarness(servers, "e2e-onboarding")) {
      String ingest = h.pipeline.serviceUrls().get("ingest");
      String api = h.pipeline.plannerUrl();
      String quarantine = Topics.QUARANTINE.prefixed(h.prefix).name();

      assertThat(push(ingest, payload).statusCode()).isEqualTo(201);
      h.awaitDrained(Duration.ofSeconds(5), Duration.ofMinutes(2));
      assertThat(new TopicCounts(servers.kafkaBootstrap()).records(quarantine))
          .as("the unregistered device's reading is quarantined")
          .isGreaterThanOrEqualTo(1);
      assertThat(readingsInSeries(api, from)).isZero();

      Run imported =
          airq(
              "sensors",
              "import",
              data.resolve("sensors_africa_api_v1_node_2021-06.json").toString(),
              "--api",
              api,
              "--token",
              h.pipeline.adminToken());
      assertThat(imported.code()).as(imported.err()).isZero();
      assertThat(imported.out()).contains("created\t" + DEVICE);
      awaitReadings(api, from, 1);

      assertThat(push(ingest, payload).statusCode()).isEqualTo(201);
      awaitReadings(api, from, 2);
      h.awaitDrained(Duration.ofSeconds(10), Duration.ofMinutes(2));
      assertThat(readingsInSeries(api, from)).as("released exactly once").isEqualTo(2);
    }
  }

  private static HttpResponse<String> push(String ingest, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(ingest + "/v1/push-sensor-data/"))
            .header("Content-Type", "application/json")
            .header("X-Sensor", DEVICE)
            .header("X-PIN", "1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitReadings(String api, Instant from, long n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long seen = 0;
    while (System.nanoTime() < deadline) {
      seen = readingsInSeries(api, from);
      if (seen >= n) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "airq series showed " + seen + " readings of " + DEVICE + ", not " + n);
  }

  /** The readings counted in the device's 1-minute PM2.5 series, as {@code airq series} prints. */
  private static long readingsInSeries(String api, Instant from) {
    Run r =
        airq(
            "series",
            "--api",
            api,
            "--sensor",
            DEVICE,
            "--quantity",
            "pm25",
            "--window",
            "1m",
            "--from",
            from.toString(),
            "--to",
            Instant.now().plus(Duration.ofMinutes(5)).toString(),
            "--format",
            "csv");
    assertThat(r.code()).as(r.err()).isZero();
    long n = 0;
    List<String> header = List.of();
    for (String line : r.out().lines().toList()) {
      if (line.startsWith("key,")) {
        header = List.of(line.split(","));
      } else if (line.startsWith(DEVICE + ",")) {
        String[] f = line.split(",");
        assertThat(Double.parseDouble(f[header.indexOf("mean")]))
            .as("PM2.5 of the payload (P2)")
            .isEqualTo(13.4);
        n += Long.parseLong(f[header.indexOf("count")]);
      }
    }
    return n;
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
