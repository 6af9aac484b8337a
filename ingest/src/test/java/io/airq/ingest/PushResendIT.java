package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.ingest.config.HttpConfig;
import io.airq.ingest.config.MqttConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A device's resend after a 503: the airrohr firmware's custom-API push (no time of its own) is
 * answered 503 by a bridge whose Kafka did not ack within {@code ingest.push-timeout}, although the
 * record got through; the device sends the same bytes again and gets 201 from another bridge. Both
 * copies are on the readings topic with different receive times, so (sensor, time) cannot tell them
 * apart, and with the same payload digest, by which the streams job counts them once
 * (DedupTopologyTest).
 */
@RealServers
class PushResendIT {
  private static final Path REQUEST =
      Path.of(
          System.getProperty("airq.shared.data", "../../shared/data"),
          "payloads",
          "airrohr_custom_api_request_NRZ-2020-129.http");

  private static BridgeConfig config(Servers servers, String prefix, String id, Duration timeout) {
    return BridgeConfig.builder(servers.mqttUrl(), servers.kafkaBootstrap(), prefix)
        .set(MqttConfig.CLIENT_ID, "it-" + id)
        .set(MqttConfig.SHARE_GROUP, "g-" + id)
        .set(MqttConfig.TOPIC_FILTER, "airq/v1/" + id + "/#")
        .set(HttpConfig.PORT, -1)
        .set(HttpConfig.PUSH_TIMEOUT, timeout)
        .kafka("linger.ms", "50")
        .build();
  }

  private static HttpResponse<String> push(HttpClient http, Bridge bridge, String id, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bridge.httpPort() + "/v1/push-sensor-data/"))
            .header("X-Sensor", id)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aResendAfterA503CarriesTheFirstDeliverysDigestUnderANewReceiveTime(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-resend");
    String id = "esp8266-" + UUID.randomUUID().toString().substring(0, 8);
    String request = Files.readString(REQUEST);
    String body = request.substring(request.indexOf("\n{") + 1).strip();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // Kafka cannot ack within 1 ms (the producer lingers 50 ms): the push is answered 503
    try (Bridge slow = Bridge.start(config(servers, prefix, id + "-a", Duration.ofMillis(1)));
        Bridge other = Bridge.start(config(servers, prefix, id + "-b", Duration.ofSeconds(30)))) {
      HttpResponse<String> first = push(http, slow, id, body);
      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(first.body()).contains("retry later");
      Thread.sleep(1100); // the firmware resends on its next cycle; here a second later
      HttpResponse<String> resend = push(http, other, id, body);
      assertThat(resend.statusCode()).as(resend.body()).isEqualTo(201);

      List<ConsumerRecord<byte[], byte[]>> readings =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.READINGS.prefixed(prefix).name(),
              2,
              Duration.ofSeconds(30));
      assertThat(readings).hasSize(2);
      ConsumerRecord<byte[], byte[]> a = readings.get(0);
      ConsumerRecord<byte[], byte[]> b = readings.get(1);
      assertThat(KafkaRecords.key(a)).isEqualTo(id);
      assertThat(KafkaRecords.key(b)).isEqualTo(id);
      // the receive time is each delivery's own: the time cannot recognise the copy ...
      assertThat(b.timestamp() - a.timestamp()).isGreaterThanOrEqualTo(1000);
      // ... the digest of channel and payload bytes does
      String digest = KafkaRecords.header(a, RecordHeaders.PAYLOAD_DIGEST);
      assertThat(digest).isNotBlank();
      assertThat(KafkaRecords.header(b, RecordHeaders.PAYLOAD_DIGEST)).isEqualTo(digest);
      assertThat(new String(b.value(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"pm10\":0.4")
          .contains("\"pm25\":0.2");
    }
  }
}
