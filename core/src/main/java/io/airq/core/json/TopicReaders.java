package io.airq.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written readers of topic types, the counterparts of {@link TopicCodecs}' writers. The {@link
 * Reading} reader handles the shape writers produce (strings, numbers, an empty or absent flags
 * list); anything else (nulls in maps, numbers as strings, numeric instants, flags) makes it return
 * null and the caller falls back to data binding, so it accepts exactly what data binding accepts.
 */
public final class TopicReaders {
  private TopicReaders() {}

  /**
   * A {@link WindowAverages}, or one written before airq grouped a window's quantities: a single
   * {@link WindowAverage} (it has a {@code quantity} field) becomes a one-quantity {@link
   * WindowAverages}, so records already on the topic at an upgrade are still stored. Returns null
   * when the document is neither (data binding then reports the error).
   */
  public static WindowAverages readWindowAverages(JsonParser p) throws IOException {
    com.fasterxml.jackson.databind.JsonNode tree = Json.mapper().readTree(p);
    if (tree == null || !tree.isObject()) {
      return null;
    }
    if (tree.has("quantity") && !tree.has("quantities")) {
      return WindowAverages.of(List.of(Json.mapper().treeToValue(tree, WindowAverage.class)));
    }
    return Json.mapper().treeToValue(tree, WindowAverages.class);
  }

  /**
   * A {@link Reading} of the usual shape, or null when the document has anything else (the caller
   * then reads it with data binding, which also reports the errors). The parser is at the start.
   */
  public static Reading readReading(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String sensorId = null;
    Instant time = null;
    Instant receivedAt = null;
    String gatewayId = null;
    SourceFormat format = null;
    Map<Quantity, Double> values = null;
    Map<Quantity, Double> channelB = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "sensorId" -> {
          if (v != JsonToken.VALUE_STRING) {
            return null;
          }
          sensorId = p.getText();
        }
        case "time" -> {
          time = instant(p, v);
          if (time == null) {
            return null;
          }
        }
        case "receivedAt" -> {
          if (v == JsonToken.VALUE_NULL) {
            receivedAt = null;
          } else if ((receivedAt = instant(p, v)) == null) {
            return null;
          }
        }
        case "gatewayId" -> {
          if (v == JsonToken.VALUE_NULL) {
            gatewayId = null;
          } else if (v == JsonToken.VALUE_STRING) {
            gatewayId = p.getText();
          } else {
            return null;
          }
        }
        case "format" -> {
          if (v == JsonToken.VALUE_NULL) {
            format = null;
          } else if (v != JsonToken.VALUE_STRING
              || (format = SourceFormat.byId(p.getText()).orElse(null)) == null) {
            return null;
          }
        }
        case "values" -> {
          if (v == JsonToken.VALUE_NULL) {
            values = null;
          } else if ((values = quantities(p, v)) == null) {
            return null;
          }
        }
        case "channelB" -> {
          if (v == JsonToken.VALUE_NULL) {
            channelB = null;
          } else if ((channelB = quantities(p, v)) == null) {
            return null;
          }
        }
        case "flags" -> {
          // the raw readings topic carries no flags; anything else goes to data binding
          if (v == JsonToken.VALUE_NULL) {
            continue;
          }
          if (v != JsonToken.START_ARRAY || p.nextToken() != JsonToken.END_ARRAY) {
            return null;
          }
        }
        default -> p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT || sensorId == null || time == null) {
      return null;
    }
    return new Reading(sensorId, time, receivedAt, gatewayId, format, values, channelB, List.of());
  }

  private static Instant instant(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      return null;
    }
    try {
      return IsoInstants.parse(p.getText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Map<Quantity, Double> quantities(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      return null;
    }
    Map<Quantity, Double> m = new EnumMap<>(Quantity.class);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      Quantity q = Quantity.byId(p.currentName()).orElse(null);
      JsonToken n = p.nextToken();
      if (q == null || (n != JsonToken.VALUE_NUMBER_FLOAT && n != JsonToken.VALUE_NUMBER_INT)) {
        return null;
      }
      m.put(q, p.getDoubleValue());
    }
    return t == JsonToken.END_OBJECT ? m : null;
  }
}
