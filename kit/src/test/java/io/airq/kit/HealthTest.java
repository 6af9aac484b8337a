package io.airq.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HealthTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void isUpOnlyWhenEveryCheckIsAndSaysWhichIsDown() throws Exception {
    Map<String, Supplier<Check>> checks = new LinkedHashMap<>();
    checks.put("kafka", () -> Check.up("1 broker reachable"));
    checks.put("influxdb", () -> Check.down("no answer within 2000 ms"));
    Health h = Health.of("sink", checks);
    assertThat(h.up()).isFalse();
    JsonNode j = JSON.readTree(h.toJson());
    assertThat(j.path("service").asText()).isEqualTo("sink");
    assertThat(j.path("status").asText()).isEqualTo("DOWN");
    assertThat(j.at("/checks/kafka/status").asText()).isEqualTo("UP");
    assertThat(j.at("/checks/kafka/detail").asText()).isEqualTo("1 broker reachable");
    assertThat(j.at("/checks/influxdb/status").asText()).isEqualTo("DOWN");

    checks.put("influxdb", () -> Check.up("pong"));
    assertThat(Health.of("sink", checks).up()).isTrue();
    assertThat(JSON.readTree(Health.of("sink", checks).toJson()).path("status").asText())
        .isEqualTo("UP");
  }

  @Test
  void aCheckThatThrowsIsDownWithoutLeakingItsMessage() throws Exception {
    Health h =
        Health.of(
            "planner",
            Map.of(
                "registry",
                () -> {
                  throw new IllegalStateException("secret password=hunter2 in a message");
                }));
    assertThat(h.up()).isFalse();
    assertThat(h.toJson()).doesNotContain("hunter2").contains("IllegalStateException");
  }

  @Test
  void noChecksMeansUp() {
    assertThat(Health.of("streams", Map.of()).up()).isTrue();
  }
}
