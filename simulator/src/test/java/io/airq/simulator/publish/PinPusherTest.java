package io.airq.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PinPusherTest {
  private static final Path PUSH =
      Path.of(
          System.getProperty("airq.shared.data", "../../shared/data"),
          "payloads",
          "sensors_africa_push_example.json");

  private static List<String> types(byte[] body) throws Exception {
    List<String> out = new ArrayList<>();
    Json.mapper()
        .readTree(body)
        .get("sensordatavalues")
        .forEach(v -> out.add(v.get("value_type").asText()));
    return out;
  }

  @Test
  void aReadingSplitsIntoPinOneWithItsPmAndPinSevenWithItsDht22ValuesKeepingTheOtherFields()
      throws Exception {
    String body =
        "{\"software_version\":\"airq-simulator\",\"timestamp\":\"2026-03-02T10:00:00Z\","
            + "\"sensordatavalues\":[{\"value_type\":\"P0\",\"value\":\"9.10\"},"
            + "{\"value_type\":\"P1\",\"value\":\"20.80\"},{\"value_type\":\"P2\",\"value\":\"13.00\"},"
            + "{\"value_type\":\"humidity\",\"value\":\"61.20\"},"
            + "{\"value_type\":\"temperature\",\"value\":\"21.40\"}]}";
    Map<String, byte[]> pins = PinPusher.split(body.getBytes(StandardCharsets.UTF_8));
    assertThat(pins.keySet()).containsExactly("1", "7");
    assertThat(types(pins.get("1"))).containsExactly("P0", "P1", "P2");
    assertThat(types(pins.get("7"))).containsExactly("humidity", "temperature");
    for (byte[] pin : pins.values()) {
      JsonNode n = Json.mapper().readTree(pin);
      assertThat(n.get("timestamp").asText()).isEqualTo("2026-03-02T10:00:00Z");
      assertThat(n.get("software_version").asText()).isEqualTo("airq-simulator");
    }
  }

  @Test
  void theCapturedPmPushIsItsOwnPinOneAndAMalformedBodyIsNotSplit() throws Exception {
    byte[] real = Files.readAllBytes(PUSH);
    Map<String, byte[]> pins = PinPusher.split(real);
    assertThat(pins.keySet()).containsExactly("1");
    assertThat(Json.mapper().readTree(pins.get("1"))).isEqualTo(Json.mapper().readTree(real));
    assertThat(
            PinPusher.split(
                "{\"software_version\":\"x\",\"sensordata".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }
}
