package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./airq up} runs ({@link LocalStack}, as {@code airq stack} starts it), on real
 * Mosquitto, Kafka and InfluxDB: the endpoints file lists each service's health URL, each service
 * answers {@code /health} with the JSON health (200, UP) and {@code /metrics} with Prometheus text
 * carrying its own airq meters.
 */
class LocalStackIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration UP_WITHIN = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void everyServiceOfTheStackAnswersHealthAndMetricsAtTheUrlsTheEndpointsFileLists()
      throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    try (LocalStack stack =
        LocalStack.start(dir, false, new PrintStream(progress, true, StandardCharsets.UTF_8))) {
      stack.endpoints().write(dir);
      Endpoints e = Endpoints.read(dir).orElseThrow();
      assertThat(e.services().keySet()).containsExactly("ingest", "streams", "sink", "planner");
      for (Map.Entry<String, String> s : e.services().entrySet()) {
        String service = s.getKey();
        HttpResponse<String> health = awaitUp(s.getValue() + "/health");
        assertThat(health.headers().firstValue("Content-Type"))
            .as("%s /health content type", service)
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode h = new ObjectMapper().readTree(health.body());
        assertThat(h.path("service").asText())
            .as("%s: %s", service, health.body())
            .isEqualTo(service);
        assertThat(h.path("status").asText()).as("%s: %s", service, health.body()).isEqualTo("UP");
        assertThat(h.path("checks").isObject()).as("%s: %s", service, health.body()).isTrue();

        HttpResponse<String> metrics = get(s.getValue() + "/metrics");
        assertThat(metrics.statusCode()).as("%s /metrics", service).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body())
            .as("%s /metrics has its airq meters", service)
            .contains("# TYPE airq_" + service + "_");
      }
    } catch (AssertionError | RuntimeException failure) {
      System.err.println(progress.toString(StandardCharsets.UTF_8));
      throw failure;
    }
  }

  /** The first 200 answer of a health URL, or a failure with the last answer. */
  private static HttpResponse<String> awaitUp(String url) throws Exception {
    Instant deadline = Instant.now().plus(UP_WITHIN);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> r = get(url);
        if (r.statusCode() == 200) {
          return r;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(url + " did not answer 200 within " + UP_WITHIN + "; last: " + last);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
