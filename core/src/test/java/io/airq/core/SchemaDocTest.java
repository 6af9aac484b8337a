package io.airq.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverages;
import io.airq.core.closure.Closure;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.json.Json;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every JSON example in docs/schema.md parses into its record and writes back the same fields. */
class SchemaDocTest {
  private static final Map<String, Class<?>> TYPES =
      Map.of(
          "Reading", Reading.class,
          "Sensor", Sensor.class,
          "Closure", Closure.class,
          "CleanReading", CleanReading.class,
          "WindowAverages", WindowAverages.class,
          "PhaseAggregate", PhaseAggregate.class,
          "Alert", Alert.class);

  private static Map<String, String> examples() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "schema.md"));
    Matcher m =
        Pattern.compile("(?s)\\n## (\\w+)\\n(?:(?!\\n## ).)*?```json\\n(.*?)```").matcher(doc);
    Map<String, String> out = new LinkedHashMap<>();
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Reading",
        "Sensor",
        "Closure",
        "CleanReading",
        "WindowAverages",
        "PhaseAggregate",
        "Alert"
      })
  void exampleRoundTripsThroughItsRecord(String type) throws Exception {
    String example = examples().get(type);
    assertThat(example).as("docs/schema.md has a JSON example under '## " + type + "'").isNotNull();
    Object value = Json.read(example, TYPES.get(type));
    JsonNode written = Json.mapper().readTree(Json.write(value));
    JsonNode documented = Json.mapper().readTree(example);
    assertThat(written).isEqualTo(documented);
  }
}
