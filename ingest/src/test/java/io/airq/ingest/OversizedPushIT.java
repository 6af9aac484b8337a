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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@RealServers
class OversizedPushIT {
  @Test
  void tenMegabytePushIsAnswered413WithItsSizeAndDeadLetteredWithItsFirstMaxBytes(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-oversized");
    String id = "big-" + UUID.randomUUID().toString().substring(0, 8);
    BridgeConfig cfg =
        BridgeConfig.builder(servers.mqttUrl(), servers.kafkaBootstrap(), prefix)
            .set(MqttConfig.CLIENT_ID, "it-" + id)
            .set(MqttConfig.SHARE_GROUP, "g-" + id)
            .set(MqttConfig.TOPIC_FILTER, "airq/v1/" + id + "/#")
            .set(HttpConfig.PORT, -1)
            .build();
    byte[] body = new byte[10 * 1024 * 1024];
    Arrays.fill(body, (byte) '[');
    try (Bridge bridge = Bridge.start(cfg)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + bridge.httpPort() + "/v1/push-sensor-data/"))
                  .header("X-Sensor", id)
                  .header("X-PIN", "1")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(413);
      assertThat(answer.body())
          .startsWith("payload-too-large: payload of 10485760 bytes exceeds the limit of 262144");
      List<ConsumerRecord<byte[], byte[]>> dead =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.READINGS_DEAD_LETTER.prefixed(prefix).name(),
              1,
              Duration.ofSeconds(30));
      assertThat(dead).hasSize(1);
      assertThat(KafkaRecords.key(dead.get(0))).isEqualTo(id);
      assertThat(dead.get(0).value()).isEqualTo(Arrays.copyOf(body, 262144));
      assertThat(KafkaRecords.header(dead.get(0), RecordHeaders.REASON_CODE))
          .isEqualTo("payload-too-large");
    }
  }
}
