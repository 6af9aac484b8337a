package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topics;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.ingest.config.HttpConfig;
import io.airq.ingest.config.MqttConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The {@code kafka.*} settings reach every Kafka client of the bridge: against the broker's
 * SASL_PLAINTEXT listener, the producer writes, the strict-mode registry reads and the health
 * check's admin client answers, all logged in with the configured account.
 */
@RealServers
class KafkaSaslIT {

  @Test
  void everyKafkaClientOfTheBridgeLogsInWithTheKafkaSettings(Servers servers) throws Exception {
    KafkaBroker broker = servers.kafkaBroker();
    String prefix = servers.newPrefix("ingest-sasl");
    String gw = "gw-sasl-" + UUID.randomUUID().toString().substring(0, 8);
    register(
        servers,
        prefix,
        Sensor.builder(gw + "-s1")
            .position(-1.28, 36.82)
            .gatewayId(gw)
            .area("CBD")
            .county("Nairobi")
            .build());

    BridgeConfig.Builder b =
        BridgeConfig.builder(servers.mqttUrl(), broker.saslEndpoint(), prefix)
            .set(MqttConfig.CLIENT_ID, "it-sasl-" + gw)
            .set(MqttConfig.SHARE_GROUP, "")
            .set(MqttConfig.TOPIC_FILTER, "airq/v1/" + gw + "/#")
            .set(HttpConfig.PORT, -1)
            .set(BridgeConfig.GATEWAY_MODE, "strict");
    KafkaBroker.saslClientSettings(broker.saslUser(), broker.saslPassword()).forEach(b::kafka);
    BridgeConfig cfg = b.build();
    assertThat(cfg.toString()).doesNotContain(broker.saslPassword());

    try (Bridge bridge = Bridge.start(cfg)) {
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + bridge.httpPort() + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body())
          .contains("\"kafka\":{\"status\":\"UP\"", "\"registry\":{\"status\":\"UP\"", "1 entries");

      MqttClient pub =
          new MqttClient(servers.mqttUrl(), "it-sasl-pub-" + gw, new MemoryPersistence());
      pub.connect(new MqttConnectionOptions());
      for (String sensor : List.of(gw + "-s1", gw + "-unknown")) {
        pub.publish(
            "airq/v1/" + gw + "/" + sensor,
            "{\"values\":{\"pm25\":5}}".getBytes(StandardCharsets.UTF_8),
            1,
            false);
      }
      pub.disconnect();
      pub.close();

      List<ConsumerRecord<byte[], byte[]>> readings =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.READINGS.prefixed(prefix).name(),
              1,
              Duration.ofSeconds(60));
      assertThat(readings).extracting(KafkaRecords::key).containsExactly(gw + "-s1");
      List<ConsumerRecord<byte[], byte[]>> quarantined =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.QUARANTINE.prefixed(prefix).name(),
              1,
              Duration.ofSeconds(60));
      assertThat(quarantined).extracting(KafkaRecords::key).containsExactly(gw + "-unknown");
    }
  }

  private static void register(Servers servers, String prefix, Sensor sensor) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", servers.kafkaBootstrap());
    try (KafkaProducer<String, Sensor> reg =
        new KafkaProducer<>(
            p, Topics.SENSORS.keySerde().serializer(), Topics.SENSORS.valueSerde().serializer())) {
      reg.send(new ProducerRecord<>(Topics.SENSORS.prefixed(prefix).name(), sensor.id(), sensor))
          .get(30, TimeUnit.SECONDS);
    }
  }
}
