package io.airq.ingest.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.airq.core.json.Json;
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
 * Reads the usual airq JSON message, one object of {@code sensor}, {@code time}, {@code values} and
 * an optional {@code channelB}, with Jackson's streaming parser instead of building a tree (the
 * tree was 44 % of a bridge worker's samples at 10,000 messages/s).
 *
 * <p>It reads only that shape and only when nothing in it could be refused: any other field, a
 * repeated field, a null, a value of another type, an unknown quantity, a number that is not finite
 * or does not fit a long, a time {@link IsoTimes} cannot read, content after the object, or
 * malformed JSON, and it returns null, so the message goes the usual way ({@link AirqJsonAdapter}),
 * which accepts it or refuses it with its reason. What it returns is the reading that way gives
 * (tested on generated and real payloads in {@code AirqJsonFastPathTest}).
 */
final class AirqJsonFastPath {
  private static final JsonFactory FACTORY = Json.mapper().getFactory();

  private AirqJsonFastPath() {}

  /** The reading of the usual shape, or null for anything else. */
  static Reading read(byte[] body, Origin origin, SourceFormat format) {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String sensor = null;
      Instant time = null;
      Map<Quantity, Double> values = null;
      Map<Quantity, Double> channelB = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "sensor" -> {
            if (sensor != null || v != JsonToken.VALUE_STRING) {
              return null;
            }
            sensor = p.getText();
          }
          case "time" -> {
            if (time != null || v != JsonToken.VALUE_STRING) {
              return null;
            }
            try {
              time = IsoTimes.parse(p.getText());
            } catch (DateTimeParseException e) {
              return null;
            }
          }
          case "values" -> {
            if (values != null || v != JsonToken.START_OBJECT) {
              return null;
            }
            values = quantities(p);
            if (values == null) {
              return null;
            }
          }
          case "channelB" -> {
            if (channelB != null || v != JsonToken.START_OBJECT) {
              return null;
            }
            channelB = quantities(p);
            if (channelB == null) {
              return null;
            }
          }
          default -> {
            return null;
          }
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null || values == null) {
        return null;
      }
      if (sensor == null) {
        if (origin.sensor().isEmpty()) {
          return null;
        }
        sensor = origin.sensor().get();
      }
      return new Reading(
          sensor,
          time != null ? time : origin.receivedAt(),
          origin.receivedAt(),
          origin.gateway(),
          format,
          values,
          channelB != null ? channelB : Map.of(),
          List.of());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The object the parser is at the start of, or null when it holds anything but finite numbers.
   */
  private static Map<Quantity, Double> quantities(JsonParser p) throws IOException {
    Map<Quantity, Double> out = new EnumMap<>(Quantity.class);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      Quantity q = Quantity.byId(p.currentName()).orElse(null);
      JsonToken v = p.nextToken();
      if (q == null || out.containsKey(q)) {
        return null;
      }
      double d;
      if (v == JsonToken.VALUE_NUMBER_FLOAT) {
        d = p.getDoubleValue();
      } else if (v == JsonToken.VALUE_NUMBER_INT
          && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        d = p.getLongValue();
      } else {
        return null;
      }
      if (!Double.isFinite(d)) {
        return null;
      }
      out.put(q, d);
    }
    return t == JsonToken.END_OBJECT ? out : null;
  }
}
