package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PlannerConfigTest {
  @Test
  void environmentWinsOverPropertiesAndKafkaKeysPassThrough() {
    Properties p = new Properties();
    p.setProperty("http.port", "9000");
    p.setProperty("influx.user", "airq");
    p.setProperty("influx.password", "s3cret");
    p.setProperty("kafka.client.id", "planner-1");
    p.setProperty("impact.coverage.gate", "0.8");
    PlannerConfig c =
        PlannerConfig.load(
            p, Map.of("AIRQ_PLANNER_HTTP_PORT", "9100", "AIRQ_PLANNER_TOPIC_PREFIX", "t."));
    assertThat(c.httpPort()).isEqualTo(9100);
    assertThat(c.topicPrefix()).isEqualTo("t.");
    assertThat(c.coverageGate()).isEqualTo(0.8);
    assertThat(c.influxDatabase()).isEqualTo("airq");
    assertThat(c.kafka()).containsExactly(Map.entry("client.id", "planner-1"));
    assertThat(c.toString()).doesNotContain("s3cret").contains("password=***");
  }

  @Test
  void anInfluxTokenIsReadAndRefusedWithAUser() {
    PlannerConfig c = PlannerConfig.load(new Properties(), Map.of("AIRQ_INFLUX_TOKEN", "a.b.c"));
    assertThat(c.influxLogin().authorization()).isEqualTo("Bearer a.b.c");
    assertThat(c.toString()).doesNotContain("a.b.c");
    Properties p = new Properties();
    p.setProperty("influx.user", "airq");
    assertThatThrownBy(() -> PlannerConfig.load(p, Map.of("AIRQ_INFLUX_TOKEN", "a.b.c")))
        .hasMessageContaining("influx.token and influx.user are both set");
  }

  @Test
  void gatesOutsideZeroToOneAreRejectedAtStart() {
    Properties p = new Properties();
    p.setProperty("impact.hour.gate", "75");
    assertThatThrownBy(() -> PlannerConfig.load(p, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("impact.hour.gate must be a fraction between 0 and 1");
  }
}
