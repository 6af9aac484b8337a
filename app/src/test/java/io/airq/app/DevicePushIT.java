package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.ingest.Bridge;
import io.airq.ingest.BridgeConfig;
import io.airq.ingest.config.HttpConfig;
import io.airq.ingest.config.MqttConfig;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Per-device secrets on HTTP push, as a city sets them up: {@code airq devices add} gives a device
 * its secret, the bridge ({@code http.device-secrets}) stores a real airrohr firmware request that
 * carries it, refuses one without credentials (401) or with a wrong secret (403) and puts their
 * readings in quarantine with the reason, and refuses the device once {@code airq devices revoke}
 * removed it, without a restart. With {@code metrics.port} the push port serves only the push, and
 * {@code /health} and {@code /metrics} answer on their own port.
 */
@RealServers
class DevicePushIT {
  private static final Pattern SECRET = Pattern.compile("secret:\\s+(\\S+)");

  /** The request the Sensor.Community firmware NRZ-2020-129 sends to a custom API. */
  private record FirmwareRequest(Map<String, String> headers, byte[] body) {
    static FirmwareRequest read() throws Exception {
      String raw =
          Files.readString(
              Path.of(
                  System.getProperty("airq.shared.data"),
                  "payloads",
                  "airrohr_custom_api_request_NRZ-2020-129.http"));
      int split = raw.indexOf("\n\n");
      Map<String, String> headers = new LinkedHashMap<>();
      String[] lines = raw.substring(0, split).split("\n");
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
      return new FirmwareRequest(
          headers, raw.substring(split + 2).strip().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = AirqMain.commandLine();
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    int code = c.execute(args);
    assertThat(code).as("airq %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  private static HttpResponse<String> push(URI uri, FirmwareRequest fw, String authorization)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", fw.headers().get("Content-Type"))
            .header("X-Sensor", fw.headers().get("X-Sensor"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(fw.body()));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void onlyADeviceWithItsSecretIsStoredAndTheOthersLandInQuarantine(Servers servers)
      throws Exception {
    FirmwareRequest fw = FirmwareRequest.read();
    String device = fw.headers().get("X-Sensor");
    assertThat(fw.headers().get("Authorization")).as("the firmware sends Basic auth").isNotNull();
    Path secrets = servers.newDirectory("device-secrets").resolve("devices.txt");

    String added = cli("devices", "add", device, "--file", secrets.toString());
    Matcher m = SECRET.matcher(added);
    assertThat(m.find()).as("airq devices add prints the secret: %s", added).isTrue();
    String secret = m.group(1);
    assertThat(cli("devices", "list", "--file", secrets.toString()).strip()).isEqualTo(device);
    assertThat(Files.readString(secrets)).doesNotContain(secret);

    String prefix = servers.newPrefix("device-push");
    String id = UUID.randomUUID().toString().substring(0, 8);
    BridgeConfig cfg =
        BridgeConfig.builder(servers.mqttUrl(), servers.kafkaBootstrap(), prefix)
            .set(MqttConfig.CLIENT_ID, "it-device-push-" + id)
            .set(MqttConfig.SHARE_GROUP, "g-device-push-" + id)
            .set(MqttConfig.TOPIC_FILTER, "airq/v1/device-push-" + id + "/#")
            .set(HttpConfig.PORT, -1)
            .set(HttpConfig.BIND, "127.0.0.1")
            .set(HttpConfig.DEVICE_SECRETS, secrets.toString())
            .set(HttpConfig.METRICS_PORT, -1)
            .build();
    try (Bridge bridge = Bridge.start(cfg)) {
      URI uri = URI.create("http://127.0.0.1:" + bridge.httpPort() + "/v1/push-sensor-data/");

      HttpResponse<String> stored = push(uri, fw, basic(device, secret));
      HttpResponse<String> anonymous = push(uri, fw, null);
      HttpResponse<String> wrong = push(uri, fw, basic(device, secret + "x"));
      HttpResponse<String> otherUser = push(uri, fw, basic("esp8266-1", secret));

      assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
      assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
      assertThat(wrong.body()).startsWith("device-auth:");
      assertThat(otherUser.statusCode()).as(otherUser.body()).isEqualTo(403);

      // the port devices reach serves only the push; /health and /metrics have their own
      assertThat(get(bridge.httpPort(), "/metrics").statusCode()).isEqualTo(404);
      assertThat(get(bridge.httpPort(), "/health").statusCode()).isEqualTo(404);
      assertThat(bridge.metricsPort()).isNotEqualTo(bridge.httpPort());
      HttpResponse<String> health = get(bridge.metricsPort(), "/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(get(bridge.metricsPort(), "/metrics").body())
          .contains(
              "airq_ingest_messages_total{outcome=\"forwarded\"} 1.0",
              "airq_ingest_messages_total{outcome=\"rejected\"} 3.0");

      cli("devices", "revoke", device, "--file", secrets.toString());
      // the bridge re-reads the file within a second of a change; pushes until then are stored
      int storedUntilRevoked = 0;
      HttpResponse<String> revoked = push(uri, fw, basic(device, secret));
      while (revoked.statusCode() == 201 && storedUntilRevoked < 20) {
        storedUntilRevoked++;
        Thread.sleep(200);
        revoked = push(uri, fw, basic(device, secret));
      }
      assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(403);
      int storedBeforeRevocation = 1 + storedUntilRevoked;

      List<ConsumerRecord<byte[], byte[]>> readings =
          all(servers.kafkaBootstrap(), Topics.READINGS.prefixed(prefix).name());
      assertThat(readings).hasSize(storedBeforeRevocation);
      Reading r = Topics.READINGS.deserializeValue(readings.get(0).value());
      assertThat(r.sensorId()).isEqualTo(device);
      assertThat(r.values()).containsEntry(Quantity.PM25, 0.20).containsEntry(Quantity.PM10, 0.40);

      List<ConsumerRecord<byte[], byte[]>> quarantined =
          all(servers.kafkaBootstrap(), Topics.QUARANTINE.prefixed(prefix).name());
      assertThat(quarantined).hasSize(4);
      for (ConsumerRecord<byte[], byte[]> q : quarantined) {
        assertThat(new String(q.headers().lastHeader(RecordHeaders.REASON_CODE).value()))
            .isEqualTo("device-auth");
      }
    }
  }

  /**
   * Every record on the topic now (each answer came after Kafka acked, so nothing is on its way).
   */
  private static List<ConsumerRecord<byte[], byte[]>> all(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
