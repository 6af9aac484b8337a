package io.airq.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP on 127.0.0.1. */
class ServiceEndpointsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthFollowsTheChecksAndMetricsAreThePrometheusScrape() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("airq_test_readings", "outcome", "stored").increment(3);
    AtomicBoolean kafkaUp = new AtomicBoolean(true);
    try (ServiceEndpoints e =
        ServiceEndpoints.start(
            "sink",
            "127.0.0.1",
            0,
            registry,
            Map.of("kafka", () -> kafkaUp.get() ? Check.up("ok") : Check.down("no broker")))) {
      assertThat(e.healthUrl()).isEqualTo("http://127.0.0.1:" + e.port() + "/health");
      HttpResponse<String> h = get(e.healthUrl());
      assertThat(h.statusCode()).isEqualTo(200);
      assertThat(h.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(new ObjectMapper().readTree(h.body()).path("status").asText()).isEqualTo("UP");

      kafkaUp.set(false);
      HttpResponse<String> down = get(e.healthUrl());
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(new ObjectMapper().readTree(down.body()).at("/checks/kafka/detail").asText())
          .isEqualTo("no broker");

      HttpResponse<String> m = get(e.metricsUrl());
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(m.body()).contains("airq_test_readings_total{outcome=\"stored\"} 3.0");
    }
  }

  @Test
  void servesExtraPathsOnTheSamePort() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ServiceEndpoints e =
        ServiceEndpoints.start("ingest", "127.0.0.1", 0, registry, Map.of())) {
      e.withContext(
          "/hello",
          ex -> {
            byte[] b = "hi".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
          });
      assertThat(get("http://127.0.0.1:" + e.port() + "/hello").body()).isEqualTo("hi");
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
