package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.KafkaBroker;
import io.airq.kit.KafkaClients;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code ./airq up} runs ({@link LocalStack}, as {@code airq stack} starts it), on real
 * Mosquitto, Kafka and InfluxDB, secured: the endpoints file lists each service's health URL, each
 * service answers {@code /health} with the JSON health (200, UP) and {@code /metrics} with
 * Prometheus text carrying its own airq meters. Its planner refuses a write without a token (401);
 * Kafka refuses a client without the login, influxd a query without credentials, Mosquitto an
 * anonymous client. Through the credentials the stack generated (owner-only files) and no flag,
 * {@code airq topics}, {@code airq closures add} and {@code airq simulate} work, and the simulated
 * readings reach InfluxDB. No generated secret appears in the stack's log.
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
      serversRefuseClientsWithoutTheLogin(stack, e);
      simulatedReadingsArriveThroughTheSecuredServers(stack, e);
      assertNoSecretIn(stack.credentials(), progress.toString(StandardCharsets.UTF_8), "progress");
      Path log = LogFile.path().orElseThrow();
      String logged = Files.readString(log);
      assertThat(logged)
          .as("the services logged their Kafka login, redacted")
          .contains("sasl.jaas.config=***");
      assertNoSecretIn(stack.credentials(), logged, log.toString());
    } catch (AssertionError | RuntimeException failure) {
      System.err.println(progress.toString(StandardCharsets.UTF_8));
      throw failure;
    }
  }

  private void writesNeedTheGeneratedCredentials(LocalStack stack, Endpoints e) throws Exception {
    Credentials c = stack.credentials();
    Path kafkaClient = c.writeKafkaClient(dir, e.kafkaBootstrap());
    for (Path secrets : new Path[] {dir.resolve(Credentials.FILE), kafkaClient}) {
      assertThat(Files.getPosixFilePermissions(secrets))
          .as("%s", secrets)
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    assertThat(Credentials.read(dir)).contains(c);
    Topic<String, Sensor> sensors = Topics.SENSORS;
    Properties p = KafkaClients.properties(e.kafkaBootstrap(), c.kafkaSettings());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      Sensor s =
          Sensor.builder("stack-1")
              .position(-1.28, 36.82)
              .area("CBD")
              .county("Nairobi")
              .hostType(HostType.PUBLIC)
              .reportingInterval(Duration.ofMinutes(1))
              .model("PMS5003")
              .build();
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
    CommandLine airq = cli();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    airq.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    assertThat(airq.execute("topics")).as("airq topics: %s", err).isZero();
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

  /** The command tree as ./airq runs it while this stack is up. */
  private CommandLine cli() {
    return AirqMain.commandLine(
        new LocalStackDefaults(
            Endpoints.read(dir), Credentials.read(dir), AirqMain.kafkaClientFile(dir), Map.of()));
  }

  private static void serversRefuseClientsWithoutTheLogin(LocalStack stack, Endpoints e)
      throws Exception {
    try (Admin anonymous = KafkaClients.admin(e.kafkaBootstrap(), Map.of())) {
      assertThat(KafkaClients.reachable(anonymous, Duration.ofSeconds(3)).up())
          .as("Kafka without a login")
          .isFalse();
    }
    try (Admin wrong =
        KafkaClients.admin(
            e.kafkaBootstrap(), KafkaBroker.saslClientSettings(Credentials.KAFKA_USER, "nope"))) {
      assertThat(KafkaClients.reachable(wrong, Duration.ofSeconds(15)).detail())
          .contains("SaslAuthenticationException");
    }
    HttpResponse<String> influx =
        get(e.influxUrl() + "/query?q=" + java.net.URLEncoder.encode("SHOW DATABASES", "UTF-8"));
    assertThat(influx.statusCode())
        .as("InfluxDB without credentials: %s", influx.body())
        .isEqualTo(401);
    MqttClient mqtt =
        new MqttClient(e.mqttUrl(), "anonymous-" + System.nanoTime(), new MemoryPersistence());
    assertThatThrownBy(() -> mqtt.connect(new MqttConnectionOptions()))
        .as("Mosquitto without an account")
        .isInstanceOf(MqttException.class);
    mqtt.close();
  }

  private void simulatedReadingsArriveThroughTheSecuredServers(LocalStack stack, Endpoints e)
      throws Exception {
    StringWriter err = new StringWriter();
    int code =
        cli()
            .setErr(new PrintWriter(err))
            .execute(
                "simulate",
                "nairobi-closure",
                "--speed",
                "0",
                "--days-before",
                "1",
                "--days-during",
                "1",
                "--days-after",
                "1",
                "--sensors",
                "2",
                "--interval",
                "PT1H",
                "--no-progress",
                "--truth",
                dir.resolve("truth.json").toString());
    assertThat(code).as("airq simulate: %s", err).isZero();
    Credentials c = stack.credentials();
    try (InfluxDB influx =
        InfluxDBFactory.connect(e.influxUrl(), Credentials.INFLUX_USER, c.influxPassword())) {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      long n = 0;
      while (n < 1 && Instant.now().isBefore(deadline)) {
        QueryResult r =
            influx.query(new Query("SELECT count(pm25) FROM \"raw_90d\".\"reading\"", "airq"));
        var series = r.getResults().get(0).getSeries();
        n = series == null ? 0 : ((Number) series.get(0).getValues().get(0).get(1)).longValue();
        if (n < 1) {
          Thread.sleep(1000);
        }
      }
      assertThat(n).as("simulated readings in InfluxDB").isPositive();
    }
    // airq recompute talks to InfluxDB itself: the stack's login is its default too
    StringWriter out = new StringWriter();
    err.getBuffer().setLength(0);
    Instant now = Instant.now();
    code =
        cli()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(
                "recompute",
                "--from",
                now.minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS).toString(),
                "--to",
                now.truncatedTo(ChronoUnit.HOURS).toString(),
                "--dry-run");
    assertThat(code).as("airq recompute --dry-run: %s %s", out, err).isZero();
    assertThat(out.toString()).contains("hours");
  }

  private static void assertNoSecretIn(Credentials c, String text, String where) {
    for (String secret :
        List.of(
            c.plannerToken(),
            c.kafkaPassword(),
            c.influxPassword(),
            c.bridgePassword(),
            c.simulatorPassword())) {
      assertThat(text).as("a generated secret in %s", where).doesNotContain(secret);
    }
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
