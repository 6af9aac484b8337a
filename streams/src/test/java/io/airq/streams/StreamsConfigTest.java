package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.average.AverageWindow;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsConfigTest {

  @Test
  void environmentWinsAndKafkaKeysPassThrough() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", "file:9092");
    p.setProperty("kafka.sasl.jaas.config", "secret-stuff");
    p.setProperty("grace.1h", "30h");
    p.setProperty("emit.interval", "30s");
    p.setProperty("topic.prefix", "file-");
    StreamsConfig c =
        StreamsConfig.from(
            p,
            Map.of(
                "AIRQ_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "AIRQ_TOPIC_PREFIX", "env-",
                "AIRQ_STREAMS_STANDBY_REPLICAS", "1"));
    assertThat(c.kafka()).containsEntry("bootstrap.servers", "env:9092");
    assertThat(c.settings().topicPrefix()).isEqualTo("env-");
    assertThat(c.standbyReplicas()).isEqualTo(1);
    assertThat(c.settings().grace(AverageWindow.HOUR)).isEqualTo(Duration.ofHours(30));
    assertThat(c.settings().grace(AverageWindow.MINUTE)).isEqualTo(Duration.ofHours(26));
    assertThat(c.settings().emitInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.toString()).doesNotContain("secret-stuff");
    Properties kp = StreamsApp.properties(c);
    assertThat(kp.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(kp.get("num.standby.replicas")).isEqualTo(1);
    assertThat(kp.getProperty(DeadLetterHandler.TOPIC_CONFIG))
        .isEqualTo("env-airq.readings.dead-letter");
    assertThat(kp.getProperty("producer.transaction.timeout.ms")).isEqualTo("60000");
    assertThat(kp.getProperty("producer.batch.size")).isEqualTo("262144");
    assertThat(kp.getProperty("producer.compression.type")).isEqualTo("lz4");
    assertThat(kp.getProperty("consumer.max.poll.records")).isEqualTo("5000");
    assertThat(kp.getProperty("max.task.idle.ms")).isEqualTo("-1");
    assertThat(kp.getProperty("sasl.jaas.config")).as("kafka.* as given").isEqualTo("secret-stuff");
  }

  @Test
  void theCalendarDaysZoneIsUtcUnlessSetAndABadZoneIsRefusedNamingTheKey() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", "x:9092");
    assertThat(StreamsConfig.from(p, Map.of()).settings().dayZone())
        .isEqualTo(java.time.ZoneId.of("UTC"));
    assertThat(
            StreamsConfig.from(p, Map.of("AIRQ_DAY_ZONE", "Africa/Nairobi")).settings().dayZone())
        .isEqualTo(java.time.ZoneId.of("Africa/Nairobi"));
    p.setProperty("day.zone", "Nairobi");
    assertThatThrownBy(() -> StreamsConfig.from(p, Map.of()))
        .isInstanceOf(io.airq.core.config.ConfigException.class)
        .hasMessageContaining("day.zone: not a time zone id")
        .hasMessageContaining("Nairobi");
  }

  @Test
  void healthAndMetricsListenOnLoopbackPort8083UnlessConfigured() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", "x:9092");
    StreamsConfig defaults = StreamsConfig.from(p, Map.of());
    assertThat(defaults.metricsBind()).isEqualTo("127.0.0.1");
    assertThat(defaults.metricsPort()).isEqualTo(8083);
    StreamsConfig c =
        StreamsConfig.from(p, Map.of("AIRQ_METRICS_PORT", "-1", "AIRQ_METRICS_BIND", "0.0.0.0"));
    assertThat(c.metricsPort()).isEqualTo(-1);
    assertThat(c.metricsBind()).isEqualTo("0.0.0.0");
    p.setProperty("metrics.port", "65536");
    assertThatThrownBy(() -> StreamsConfig.from(p, Map.of())).hasMessageContaining("metrics.port");
  }

  @Test
  void aTransactionTimeoutGivenAsAKafkaSettingWins() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", "x:9092");
    p.setProperty("kafka.transaction.timeout.ms", "20000");
    Properties kp = StreamsApp.properties(StreamsConfig.from(p, Map.of()));
    assertThat(kp.getProperty("transaction.timeout.ms")).isEqualTo("20000");
    assertThat(kp.getProperty("producer.transaction.timeout.ms")).isNull();
  }

  @Test
  void throughputDefaultsGiveWayToKafkaSettings() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", "x:9092");
    p.setProperty("kafka.producer.compression.type", "zstd");
    p.setProperty("kafka.max.poll.records", "500");
    p.setProperty("kafka.max.task.idle.ms", "0");
    Properties kp = StreamsApp.properties(StreamsConfig.from(p, Map.of()));
    assertThat(kp.getProperty("max.task.idle.ms")).isEqualTo("0");
    assertThat(kp.getProperty("producer.compression.type")).isEqualTo("zstd");
    assertThat(kp.getProperty("max.poll.records")).isEqualTo("500");
    assertThat(kp.getProperty("consumer.max.poll.records")).isNull();
    assertThat(kp.getProperty("producer.batch.size")).isEqualTo("262144");
  }

  @Test
  void missingBootstrapAndBadDurationsAreRejectedAtStart() {
    assertThatThrownBy(() -> StreamsConfig.from(new Properties(), Map.of()))
        .hasMessageContaining("bootstrap.servers");
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", "x:9092");
    p.setProperty("grace.1h", "soon");
    assertThatThrownBy(() -> StreamsConfig.from(p, Map.of())).hasMessageContaining("grace.1h");
  }

  @Test
  void theRemovedAlertThresholdKeysAreRefusedByName() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", "x:9092");
    p.setProperty("alert.pm25", "25");
    assertThatThrownBy(() -> StreamsConfig.from(p, Map.of())).hasMessageContaining("alert.pm25");
  }
}
