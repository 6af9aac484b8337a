package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

  @Test
  void environmentWinsOverPropertiesAndKafkaKeysPassThrough() {
    Properties p = new Properties();
    p.setProperty("influx.url", "http://file:8086");
    p.setProperty("influx.database", "fromfile");
    p.setProperty("kafka.max.poll.records", "10");
    p.setProperty("batch.linger.ms", "250");
    SinkConfig c =
        SinkConfig.load(
            p,
            Map.of(
                "AIRQ_INFLUX_URL", "https://influx.example:8086",
                "AIRQ_SINK_INFLUX_DATABASE", "fromenv",
                "AIRQ_INFLUX_TOKEN", "t0ps3cret",
                "AIRQ_KAFKA_SECURITY_PROTOCOL", "SSL"));
    assertThat(c.influxUrl()).isEqualTo("https://influx.example:8086");
    assertThat(c.influxDatabase()).isEqualTo("fromenv");
    assertThat(c.influxLogin().token()).isEqualTo("t0ps3cret");
    assertThat(c.linger()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.kafka())
        .containsEntry("max.poll.records", "10")
        .containsEntry("security.protocol", "SSL");
    assertThat(c.batchPoints()).isEqualTo(5000);
    assertThat(c.rawPolicy()).isEqualTo("raw_90d");
    assertThat(c.rawDuration()).isEqualTo("90d");
  }

  @Test
  void secretsAreRedactedInToString() {
    Properties p = new Properties();
    p.setProperty("influx.password", "hunter2");
    p.setProperty("influx.user", "airq");
    p.setProperty("kafka.sasl.jaas.config", "password=\"kafkasecret\"");
    SinkConfig c = SinkConfig.load(p, Map.of());
    assertThat(c.toString())
        .doesNotContain("hunter2")
        .doesNotContain("kafkasecret")
        .contains("user=airq");
    SinkConfig t = SinkConfig.load(new Properties(), Map.of("AIRQ_INFLUX_TOKEN", "tok123"));
    assertThat(t.toString()).doesNotContain("tok123").contains("token=***");
  }

  @Test
  void aTokenAndAUserTogetherAreRefusedAtStart() {
    Properties p = new Properties();
    p.setProperty("influx.user", "airq");
    p.setProperty("influx.password", "hunter2");
    assertThatThrownBy(() -> SinkConfig.load(p, Map.of("AIRQ_INFLUX_TOKEN", "a.b.c")))
        .hasMessageContaining("influx.token and influx.user are both set")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void invalidSettingsAreRefusedAtStart() {
    assertThatThrownBy(
            () -> SinkConfig.load(new Properties(), Map.of("AIRQ_INFLUX_URL", "ftp://x")))
        .hasMessageContaining("http or https");
    Properties p = new Properties();
    p.setProperty("influx.raw.duration", "ninety days");
    assertThatThrownBy(() -> SinkConfig.load(p, Map.of())).hasMessageContaining("90d");
    Properties q = new Properties();
    q.setProperty("batch.points", "0");
    assertThatThrownBy(() -> SinkConfig.load(q, Map.of())).hasMessageContaining("batch.points");
  }
}
