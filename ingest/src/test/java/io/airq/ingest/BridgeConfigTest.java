package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.reading.SourceFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {

  private static Properties props() {
    Properties p = new Properties();
    p.setProperty("mqtt.url", "tcp://file:1883");
    p.setProperty("kafka.bootstrap.servers", "file:9092");
    p.setProperty("mqtt.password", "file-secret");
    p.setProperty("ingest.max-age", "P7D");
    p.setProperty("kafka.linger.ms", "20");
    return p;
  }

  @Test
  void environmentWinsOverTheFileAndKafkaKeysPassThrough() {
    BridgeConfig c =
        BridgeConfig.from(
            props(),
            Map.of(
                "AIRQ_MQTT_URL", "ssl://env:8883",
                "AIRQ_MQTT_SHARE_GROUP", "g2",
                "AIRQ_KAFKA_SASL_MECHANISM", "PLAIN",
                "AIRQ_INGEST_FUTURE_SKEW", "PT1M",
                "AIRQ_HTTP_PORT", "0",
                "AIRQ_INGEST_DEFAULT_FORMAT", "senml",
                "AIRQ_TOPIC_PREFIX", "t1."));
    assertThat(c.mqttUrl()).isEqualTo("ssl://env:8883");
    assertThat(c.subscription()).isEqualTo("$share/g2/airq/v1/#");
    assertThat(c.kafka())
        .containsEntry("bootstrap.servers", "file:9092")
        .containsEntry("linger.ms", "20")
        .containsEntry("sasl.mechanism", "PLAIN");
    assertThat(c.limits().futureSkew()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.limits().maxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(c.httpPort()).isZero();
    assertThat(c.defaultFormat()).contains(SourceFormat.SENML);
    assertThat(c.topicPrefix()).isEqualTo("t1.");
  }

  @Test
  void secretsAreRedactedInToString() {
    BridgeConfig c =
        BridgeConfig.from(props(), Map.of())
            .withKafka("sasl.jaas.config", "PlainLoginModule password=\"kafka-secret\";")
            .withKafka("ssl.truststore.password", "ts-secret");
    assertThat(c.toString())
        .doesNotContain("file-secret")
        .doesNotContain("kafka-secret")
        .doesNotContain("ts-secret")
        .contains("mqttPassword=****")
        .contains("linger.ms=20");
  }

  @Test
  void missingEndpointsOrBadNumbersFailAtStart() {
    assertThatThrownBy(() -> BridgeConfig.from(new Properties(), Map.of()))
        .hasMessageContaining("mqtt.url");
    assertThatThrownBy(() -> BridgeConfig.from(props(), Map.of("AIRQ_HTTP_PORT", "eighty")))
        .hasMessageContaining("http.port");
    assertThat(BridgeConfig.from(props(), Map.of("AIRQ_MQTT_SHARE_GROUP", "")).subscription())
        .isEqualTo("airq/v1/#");
  }

  @Test
  void tlsStoresAreReadFromKeysWithPasswordsRedacted() {
    Properties p = props();
    p.setProperty("mqtt.url", "ssl://broker:8883");
    p.setProperty("mqtt.tls.trust-store", "/etc/airq/broker-ca.p12");
    p.setProperty("mqtt.tls.key-store", "/etc/airq/bridge.p12");
    BridgeConfig c =
        BridgeConfig.from(
            p,
            Map.of(
                "AIRQ_MQTT_TLS_TRUST_STORE_PASSWORD", "trust-secret",
                "AIRQ_MQTT_TLS_KEY_STORE_PASSWORD", "key-secret"));
    assertThat(c.tls())
        .isEqualTo(
            new MqttTls(
                "/etc/airq/broker-ca.p12", "trust-secret", "/etc/airq/bridge.p12", "key-secret"));
    assertThat(c.toString())
        .contains("trustStore=/etc/airq/broker-ca.p12", "keyStore=/etc/airq/bridge.p12")
        .doesNotContain("trust-secret")
        .doesNotContain("key-secret");
    assertThat(BridgeConfig.from(props(), Map.of()).tls().isCustom()).isFalse();
  }

  @Test
  void tlsStoresWithAPlainTcpUrlFailAtStart() {
    Properties p = props();
    p.setProperty("mqtt.tls.trust-store", "/etc/airq/broker-ca.p12");
    assertThatThrownBy(() -> BridgeConfig.from(p, Map.of()))
        .hasMessageContaining("ssl://")
        .hasMessageContaining("tcp://file:1883");
  }

  @Test
  void workersDefaultToOnePerProcessorAndNegativeCountsFail() {
    assertThat(BridgeConfig.from(props(), Map.of()).workerThreads())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(BridgeConfig.from(props(), Map.of("AIRQ_INGEST_WORKERS", "3")).workerThreads())
        .isEqualTo(3);
    assertThatThrownBy(() -> BridgeConfig.from(props(), Map.of("AIRQ_INGEST_WORKERS", "-1")))
        .hasMessageContaining("ingest.workers");
  }
}
