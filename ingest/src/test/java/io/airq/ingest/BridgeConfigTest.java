package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.config.ConfigException;
import io.airq.core.config.ConfigKey;
import io.airq.core.reading.SourceFormat;
import io.airq.ingest.config.HttpConfig;
import io.airq.ingest.config.KafkaConfig;
import io.airq.ingest.config.MqttConfig;
import io.airq.ingest.config.MqttTls;
import io.airq.ingest.payload.ParseLimits;
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
    assertThat(c.mqtt().url()).isEqualTo("ssl://env:8883");
    assertThat(c.mqtt().subscription()).isEqualTo("$share/g2/airq/v1/#");
    assertThat(c.kafka().bootstrapServers()).isEqualTo("file:9092");
    assertThat(c.kafka().settings())
        .containsEntry("linger.ms", "20")
        .containsEntry("sasl.mechanism", "PLAIN");
    assertThat(c.kafka().clientProperties())
        .containsEntry("bootstrap.servers", "file:9092")
        .containsEntry("sasl.mechanism", "PLAIN");
    assertThat(c.limits().futureSkew()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.limits().maxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(c.http().port()).isZero();
    assertThat(c.http().enabled()).isFalse();
    assertThat(c.mqtt().defaultFormat()).contains(SourceFormat.SENML);
    assertThat(c.kafka().topicPrefix()).isEqualTo("t1.");
  }

  @Test
  void secretsAreRedactedInToString() {
    Properties p = props();
    p.setProperty("kafka.sasl.jaas.config", "PlainLoginModule password=\"kafka-secret\";");
    p.setProperty("kafka.ssl.truststore.password", "ts-secret");
    BridgeConfig c = BridgeConfig.from(p, Map.of());
    assertThat(c.toString())
        .doesNotContain("file-secret")
        .doesNotContain("kafka-secret")
        .doesNotContain("ts-secret")
        .contains("password=****")
        .contains("linger.ms=20");
  }

  @Test
  void missingEndpointsOrBadNumbersFailAtStart() {
    assertThatThrownBy(() -> BridgeConfig.from(new Properties(), Map.of()))
        .hasMessageContaining("mqtt.url");
    assertThatThrownBy(() -> BridgeConfig.from(props(), Map.of("AIRQ_HTTP_PORT", "eighty")))
        .hasMessageContaining("http.port");
    assertThat(
            BridgeConfig.from(props(), Map.of("AIRQ_MQTT_SHARE_GROUP", "")).mqtt().subscription())
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
    assertThat(c.mqtt().tls())
        .isEqualTo(
            new MqttTls(
                "/etc/airq/broker-ca.p12", "trust-secret", "/etc/airq/bridge.p12", "key-secret"));
    assertThat(c.toString())
        .contains("trustStore=/etc/airq/broker-ca.p12", "keyStore=/etc/airq/bridge.p12")
        .doesNotContain("trust-secret")
        .doesNotContain("key-secret");
    assertThat(BridgeConfig.from(props(), Map.of()).mqtt().tls().isCustom()).isFalse();
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
    assertThat(BridgeConfig.from(props(), Map.of()).mqtt().workerThreads())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(
            BridgeConfig.from(props(), Map.of("AIRQ_INGEST_WORKERS", "3")).mqtt().workerThreads())
        .isEqualTo(3);
    assertThatThrownBy(() -> BridgeConfig.from(props(), Map.of("AIRQ_INGEST_WORKERS", "-1")))
        .hasMessageContaining("ingest.workers");
  }

  @Test
  void theBuilderStartsFromTheKeysDefaultsAndChecksLikeAFile() {
    BridgeConfig c =
        BridgeConfig.builder("tcp://broker:1883", "kafka:9092", "p.")
            .set(MqttConfig.CLIENT_ID, "it-1")
            .set(MqttConfig.RECEIVE_MAXIMUM, 50)
            .set(HttpConfig.PORT, -1)
            .set(ParseLimits.MAX_AGE, Duration.ofDays(400))
            .kafka("linger.ms", "5")
            .build();
    assertThat(c.mqtt().clientId()).isEqualTo("it-1");
    assertThat(c.mqtt().receiveMaximum()).isEqualTo(50);
    assertThat(c.mqtt().subscription()).isEqualTo("$share/airq-ingest/airq/v1/#");
    assertThat(c.mqtt().sessionExpiry()).isEqualTo(Duration.ofHours(1));
    assertThat(c.http().bindPort()).isZero();
    assertThat(c.http().pushTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.limits().maxAge()).isEqualTo(Duration.ofDays(400));
    assertThat(c.limits().maxBytes()).isEqualTo(ParseLimits.DEFAULTS.maxBytes());
    assertThat(c.kafka().settings()).containsExactlyEntriesOf(Map.of("linger.ms", "5"));
    assertThat(c.strictGateways()).isFalse();

    assertThatThrownBy(
            () ->
                BridgeConfig.builder("tcp://broker:1883", "kafka:9092", "")
                    .set(MqttConfig.RECEIVE_MAXIMUM, 0)
                    .build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.receive-maximum");
    assertThatThrownBy(
            () ->
                BridgeConfig.builder("tcp://broker:1883", "kafka:9092", "")
                    .set(ConfigKey.text("mqtt.colour", "", "not a bridge key"), "red"))
        .hasMessageContaining("mqtt.colour");
  }

  @Test
  void everyKeyIsDeclaredOnceWithItsDefaultAndTheDefaultLimitsAreTheKeys() {
    assertThat(BridgeConfig.SPEC.keys())
        .containsAll(MqttConfig.KEYS)
        .containsAll(MqttTls.KEYS)
        .containsAll(KafkaConfig.KEYS)
        .containsAll(HttpConfig.KEYS)
        .containsAll(ParseLimits.KEYS)
        .contains(BridgeConfig.GATEWAY_MODE)
        .doesNotHaveDuplicates()
        .hasSize(
            MqttConfig.KEYS.size()
                + KafkaConfig.KEYS.size()
                + HttpConfig.KEYS.size()
                + ParseLimits.KEYS.size()
                + 1);
    BridgeConfig c = BridgeConfig.from(props(), Map.of("AIRQ_INGEST_MAX_AGE", "P30D"));
    assertThat(c.limits()).isEqualTo(ParseLimits.DEFAULTS);
    assertThat(ParseLimits.DEFAULTS)
        .isEqualTo(new ParseLimits(256 * 1024, 1000, Duration.ofMinutes(5), Duration.ofDays(30)));
  }
}
