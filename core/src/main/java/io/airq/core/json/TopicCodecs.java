package io.airq.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written JSON writers and a reader for the busiest topic types (the streams job writes a
 * {@link CleanReading} and a {@link WindowAverages} for most {@link Reading}s it reads). They write
 * through Jackson's streaming generator of {@link Json#mapper()}, so numbers and strings are
 * rendered exactly as data binding renders them; field names, order and null handling follow {@link
 * Json}'s mapping of the records (declaration order, nulls left out, enums by their ids, instants
 * in ISO-8601). {@code TopicCodecsTest} compares them with data binding on real and varied values.
 *
 * <p>The {@link Reading} reader handles the shape writers produce (strings, numbers, an empty or
 * absent flags list); anything else (nulls in maps, numbers as strings, numeric instants, flags)
 * makes it return null and the caller falls back to data binding, so it accepts exactly what data
 * binding accepts.
 */
public final class TopicCodecs {
  private TopicCodecs() {}

  private static void instant(JsonGenerator g, String name, Instant t) throws IOException {
    if (t != null) {
      g.writeStringField(name, IsoInstants.format(t));
    }
  }

  private static void string(JsonGenerator g, String name, String s) throws IOException {
    if (s != null) {
      g.writeStringField(name, s);
    }
  }

  private static void id(JsonGenerator g, String name, Object e) throws IOException {
    if (e != null) {
      g.writeStringField(name, e.toString());
    }
  }

  /**
   * What the generator writes for a finite double ({@link Double#toString}, unquoted), or null for
   * NaN and infinities (which it writes quoted).
   */
  private static String text(double d) {
    return Double.isFinite(d) ? Double.toString(d) : null;
  }

  /** {@code text(d)}, reusing {@code otherText} when d has the same bits as {@code other}. */
  private static String same(double d, double other, String otherText) {
    return Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(other) ? otherText : text(d);
  }

  /** A number field: the pre-formatted text of a finite value, else the generator's own. */
  private static void number(JsonGenerator g, String name, double d, String text)
      throws IOException {
    if (text == null) {
      g.writeNumberField(name, d);
    } else {
      g.writeFieldName(name);
      g.writeNumber(text);
    }
  }

  /** A {@link WindowAverages} as data binding writes it. */
  public static void writeWindowAverages(JsonGenerator g, WindowAverages a) throws IOException {
    g.writeStartObject();
    id(g, "scope", a.scope());
    string(g, "key", a.key());
    string(g, "area", a.area());
    string(g, "county", a.county());
    id(g, "window", a.window());
    instant(g, "start", a.start());
    instant(g, "end", a.end());
    g.writeObjectFieldStart("quantities");
    for (Map.Entry<Quantity, WindowAverages.QuantityAverage> e : a.quantities().entrySet()) {
      WindowAverages.QuantityAverage q = e.getValue();
      g.writeObjectFieldStart(e.getKey().toString());
      g.writeNumberField("count", q.count());
      g.writeNumberField("expectedCount", q.expectedCount());
      g.writeNumberField("coverage", q.coverage());
      // a window of one reading has min = max = mean (= rawMean when uncorrected): format it once
      String min = text(q.min());
      number(g, "min", q.min(), min);
      String max = same(q.max(), q.min(), min);
      number(g, "max", q.max(), max);
      String rawMean = same(q.rawMean(), q.max(), max);
      number(g, "rawMean", q.rawMean(), rawMean);
      number(g, "mean", q.mean(), same(q.mean(), q.rawMean(), rawMean));
      string(g, "correction", q.correction());
      if (q.aqi() != null) {
        g.writeNumberField("aqi", q.aqi().intValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

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

  /** A {@link CleanReading} as data binding writes it. */
  public static void writeCleanReading(JsonGenerator g, CleanReading r) throws IOException {
    g.writeStartObject();
    string(g, "sensorId", r.sensorId());
    instant(g, "time", r.time());
    instant(g, "receivedAt", r.receivedAt());
    string(g, "gatewayId", r.gatewayId());
    id(g, "format", r.format());
    SensorPlace p = r.place();
    if (p != null) {
      g.writeObjectFieldStart("place");
      g.writeNumberField("lat", p.lat());
      g.writeNumberField("lon", p.lon());
      string(g, "area", p.area());
      string(g, "street", p.street());
      string(g, "county", p.county());
      g.writeBooleanField("indoor", p.indoor());
      id(g, "hostType", p.hostType());
      g.writeEndObject();
    }
    g.writeObjectFieldStart("values");
    for (Map.Entry<Quantity, CorrectedValue> e : r.values().entrySet()) {
      CorrectedValue v = e.getValue();
      if (v == null) {
        g.writeNullField(e.getKey().toString());
        continue;
      }
      g.writeObjectFieldStart(e.getKey().toString());
      String raw = text(v.raw());
      number(g, "raw", v.raw(), raw);
      number(g, "value", v.value(), same(v.value(), v.raw(), raw));
      string(g, "correction", v.correction());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeArrayFieldStart("flags");
    for (QaFlag f : r.flags()) {
      g.writeStartObject();
      id(g, "rule", f.rule());
      id(g, "quantity", f.quantity());
      string(g, "detail", f.detail());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
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
