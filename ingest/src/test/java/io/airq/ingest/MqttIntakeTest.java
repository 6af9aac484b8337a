package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.ingest.config.MqttConfig;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

class MqttIntakeTest {
  @Test
  void theSessionIsPersistentAndBoundedByTheReceiveMaximum() {
    MqttConfig cfg =
        BridgeConfig.builder("tcp://broker:1883", "kafka:9092", "")
            .set(MqttConfig.RECEIVE_MAXIMUM, 77)
            .set(MqttConfig.SESSION_EXPIRY, java.time.Duration.ofMinutes(10))
            .build()
            .mqtt();
    MqttConnectionOptions o = MqttIntake.options(cfg, null);
    assertThat(o.isCleanStart()).isFalse();
    assertThat(o.getSessionExpiryInterval()).isEqualTo(600L);
    assertThat(o.getReceiveMaximum()).isEqualTo(77);
    assertThat(o.isAutomaticReconnect()).isTrue();
    assertThat(o.getUserName()).isNull();
    assertThat(o.getPassword()).isNull();
    assertThat(o.getSocketFactory()).isInstanceOf(BufferedSockets.class);
  }

  @Test
  void credentialsAndCustomTlsGoToTheConnection() {
    MqttConfig cfg =
        BridgeConfig.builder("ssl://broker:8883", "kafka:9092", "")
            .set(MqttConfig.USERNAME, "bridge")
            .set(MqttConfig.PASSWORD, "s3cret")
            .build()
            .mqtt();
    assertThat(MqttIntake.options(cfg, null).getSocketFactory())
        .as("ssl:// without stores: Paho's default TLS")
        .isNull();
    SSLSocketFactory tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
    MqttConnectionOptions o = MqttIntake.options(cfg, tls);
    assertThat(o.getSocketFactory()).isSameAs(tls);
    assertThat(o.getUserName()).isEqualTo("bridge");
    assertThat(new String(o.getPassword(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
  }
}
