package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code ./airq up} runs ({@link LocalStack}, as {@code airq stack} starts it), on real
 * Mosquitto, Kafka and InfluxDB: the endpoints file lists each service's health URL, each service
 * answers {@code /health} with the JSON health (200, UP) and {@code /metrics} with Prometheus text
 * carrying its own airq meters. Its planner refuses a write without a token (401), and {@code airq
 * closures add} works without flags through the credentials the stack generated (owner-only file).
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
      writesNeedTheGeneratedCredentials(stack, e);
    } catch (AssertionError | RuntimeException failure) {
      System.err.println(progress.toString(StandardCharsets.UTF_8));
      throw failure;
    }
  }

  private void writesNeedTheGeneratedCredentials(LocalStack stack, Endpoints e) throws Exception {
    Path secrets = stack.credentials().orElseThrow().write(dir);
    assertThat(Files.getPosixFilePermissions(secrets))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    Topic<String, Sensor> sensors = Topics.SENSORS;
    Properties p = new Properties();
    p.put("bootstrap.servers", e.kafkaBootstrap());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      Sensor s =
          new Sensor(
              "stack-1",
              null,
              -1.28,
              36.82,
              "CBD",
              null,
              "Nairobi",
              false,
              HostType.PUBLIC,
              Duration.ofMinutes(1),
              "PMS5003",
              null);
      producer
          .send(
              new ProducerRecord<>(
                  sensors.name(), sensors.serializeKey(s.id()), sensors.serializeValue(s)))
          .get();
    }
    String closure =
        "{\"id\":\"c1\",\"treated\":{\"sensors\":[\"stack-1\"]},"
            + "\"start\":\"2024-01-03T00:00:00\",\"end\":\"2024-01-04T00:00:00\"}";
    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(e.plannerUrl() + "/api/closures"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(closure))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);

    // as ./airq runs it: defaults from the files the stack wrote, no --api, no --token
    CommandLine airq =
        AirqMain.commandLine(
            new LocalStackDefaults(Endpoints.read(dir), Credentials.read(dir), Map.of()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    airq.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    int code;
    do { // the planner reads the sensor from Kafka in the background
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      code =
          airq.execute(
              "closures",
              "add",
              "--id",
              "c1",
              "--start",
              "2024-01-03T00:00",
              "--end",
              "2024-01-04T00:00",
              "--treated-sensor",
              "stack-1");
    } while (code != 0
        && err.toString().contains("unknown sensor")
        && Instant.now().isBefore(deadline)
        && sleep());
    assertThat(code).as("airq closures add: %s %s", out, err).isZero();
    assertThat(out.toString()).contains("\"id\":\"c1\"");
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(500);
    return true;
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
