package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Against a real Kafka broker: the streams job started from its configuration answers /health (its
 * Kafka Streams state and Kafka reachable, in the kit's JSON shape) and /metrics (airq's meters and
 * Kafka Streams' own, in Prometheus text).
 */
@RealServers
class StreamsEndpointsIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theRunningJobAnswersHealthAndMetrics(Servers servers) throws Exception {
    String bootstrap = servers.kafkaBootstrap();
    String prefix = servers.newPrefix("streams-endpoints");
    Properties file = new Properties();
    file.setProperty("kafka.bootstrap.servers", bootstrap);
    file.setProperty("kafka.commit.interval.ms", "200");
    file.setProperty("topic.prefix", prefix);
    file.setProperty("application.id", prefix + "app");
    file.setProperty("state.dir", servers.newDirectory("streams-endpoints").toString());
    file.setProperty("metrics.port", "-1"); // any free port
    try (StreamsApp app = StreamsApp.start(StreamsConfig.from(file, Map.of()))) {
      assertThat(app.healthUrl()).startsWith("http://127.0.0.1:");

      HttpResponse<String> health = awaitRunning(app.healthUrl());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode h = Json.mapper().readTree(health.body());
      assertThat(h.path("service").asText()).isEqualTo("streams");
      assertThat(h.path("status").asText()).isEqualTo("UP");
      assertThat(h.path("checks").path("streams").path("status").asText()).isEqualTo("UP");
      assertThat(h.path("checks").path("streams").path("detail").asText())
          .isEqualTo("Kafka Streams RUNNING");
      assertThat(h.path("checks").path("kafka").path("status").asText()).isEqualTo("UP");
      assertThat(h.path("checks").path("kafka").path("detail").asText()).contains("reachable");

      // a reading of a sensor nobody registered is quarantined, and counted
      Topic<String, Reading> readings = Topics.READINGS.prefixed(prefix);
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      try (KafkaProducer<String, Reading> producer =
          new KafkaProducer<>(
              p, readings.keySerde().serializer(), readings.valueSerde().serializer())) {
        Instant now = Instant.now();
        producer
            .send(
                new ProducerRecord<>(
                    readings.name(),
                    "nobody",
                    Reading.of(
                        "nobody",
                        now,
                        now,
                        null,
                        SourceFormat.AIRQ_JSON,
                        Map.of(Quantity.PM25, 9.0))))
            .get();
      }
      String metrics = awaitMetric(app.metricsUrl(), "outcome=\"quarantined\"} 1.0");
      assertThat(metrics).contains("airq_streams_readings_set_apart_total{outcome=\"late\"} 0.0");
      assertThat(metrics).contains("kafka_stream_");
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The answer once the job is RUNNING (it starts REBALANCING, already up). */
  private HttpResponse<String> awaitRunning(String url) throws Exception {
    long until = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> last = get(url);
    while (!last.body().contains("Kafka Streams RUNNING") && System.nanoTime() < until) {
      assertThat(last.statusCode()).as("%s answered %s", url, last.body()).isEqualTo(200);
      Thread.sleep(250);
      last = get(url);
    }
    return last;
  }

  private String awaitMetric(String url, String line) throws Exception {
    long until = System.nanoTime() + WAIT.toNanos();
    String body = get(url).body();
    while (!body.contains(line) && System.nanoTime() < until) {
      Thread.sleep(250);
      body = get(url).body();
    }
    assertThat(body).as("/metrics").contains(line);
    return body;
  }
}
