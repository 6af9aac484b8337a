package io.airq.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.airq.core.average.WindowAverages;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Hand-written JSON writers for the busiest topic types (the streams job writes a {@link
 * CleanReading} and a {@link WindowAverages} for most {@link Reading}s it reads). They write
 * through Jackson's streaming generator of {@link Json#mapper()}, so numbers and strings are
 * rendered exactly as data binding renders them; field names, order and null handling follow {@link
 * Json}'s mapping of the records (declaration order, nulls left out, enums by their ids, instants
 * in ISO-8601). {@code TopicCodecsTest} compares them with data binding on real and varied values.
 * Their readers are {@link TopicReaders}.
 */
public final class TopicCodecs {
  private TopicCodecs() {}

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

  // Field names pre-encoded once: the generator copies their quoted bytes instead of checking every
  // character of "raw", "value", "correction" and the quantity ids again for each value written.
  private static final SerializedString N_AREA = new SerializedString("area");
  private static final SerializedString N_AVERAGING = new SerializedString("averaging");
  private static final SerializedString N_CATEGORY = new SerializedString("category");
  private static final SerializedString N_CORRECTION = new SerializedString("correction");
  private static final SerializedString N_CHANNEL_B = new SerializedString("channelB");
  private static final SerializedString N_COUNT = new SerializedString("count");
  private static final SerializedString N_COUNTY = new SerializedString("county");
  private static final SerializedString N_COVERAGE = new SerializedString("coverage");
  private static final SerializedString N_DETAIL = new SerializedString("detail");
  private static final SerializedString N_END = new SerializedString("end");
  private static final SerializedString N_EXPECTED_COUNT = new SerializedString("expectedCount");
  private static final SerializedString N_FIELD = new SerializedString("field");
  private static final SerializedString N_FLAGS = new SerializedString("flags");
  private static final SerializedString N_FORMAT = new SerializedString("format");
  private static final SerializedString N_GATEWAY_ID = new SerializedString("gatewayId");
  private static final SerializedString N_HOST_TYPE = new SerializedString("hostType");
  private static final SerializedString N_ID = new SerializedString("id");
  private static final SerializedString N_INDICES = new SerializedString("indices");
  private static final SerializedString N_INDOOR = new SerializedString("indoor");
  private static final SerializedString N_KEY = new SerializedString("key");
  private static final SerializedString N_LAT = new SerializedString("lat");
  private static final SerializedString N_LON = new SerializedString("lon");
  private static final SerializedString N_MAX = new SerializedString("max");
  private static final SerializedString N_MEAN = new SerializedString("mean");
  private static final SerializedString N_MIN = new SerializedString("min");
  private static final SerializedString N_PLACE = new SerializedString("place");
  private static final SerializedString N_POLLUTANT = new SerializedString("pollutant");
  private static final SerializedString N_QUANTITIES = new SerializedString("quantities");
  private static final SerializedString N_QUANTITY = new SerializedString("quantity");
  private static final SerializedString N_RAW = new SerializedString("raw");
  private static final SerializedString N_RAW_MEAN = new SerializedString("rawMean");
  private static final SerializedString N_RECEIVED_AT = new SerializedString("receivedAt");
  private static final SerializedString N_RULE = new SerializedString("rule");
  private static final SerializedString N_SCOPE = new SerializedString("scope");
  private static final SerializedString N_SENSOR_ID = new SerializedString("sensorId");
  private static final SerializedString N_START = new SerializedString("start");
  private static final SerializedString N_STREET = new SerializedString("street");
  private static final SerializedString N_TIME = new SerializedString("time");
  private static final SerializedString N_VALUE = new SerializedString("value");
  private static final SerializedString N_VALUES = new SerializedString("values");
  private static final SerializedString N_WINDOW = new SerializedString("window");
  private static final SerializedString[] QUANTITY_NAMES =
      java.util.Arrays.stream(Quantity.values())
          .map(q -> new SerializedString(q.toString()))
          .toArray(SerializedString[]::new);

  private static void instant(JsonGenerator g, SerializableString name, Instant t)
      throws IOException {
    if (t != null) {
      g.writeFieldName(name);
      g.writeString(IsoInstants.format(t));
    }
  }

  private static void string(JsonGenerator g, SerializableString name, String s)
      throws IOException {
    if (s != null) {
      g.writeFieldName(name);
      g.writeString(s);
    }
  }

  private static void id(JsonGenerator g, SerializableString name, Object e) throws IOException {
    if (e != null) {
      g.writeFieldName(name);
      g.writeString(e.toString());
    }
  }

  /** A number field: the pre-formatted text of a finite value, else the generator's own. */
  private static void number(JsonGenerator g, SerializableString name, double d, String text)
      throws IOException {
    g.writeFieldName(name);
    if (text == null) {
      g.writeNumber(d);
    } else {
      g.writeNumber(text);
    }
  }

  /** A {@link WindowAverages} as data binding writes it. */
  public static void writeWindowAverages(JsonGenerator g, WindowAverages a) throws IOException {
    g.writeStartObject();
    id(g, N_SCOPE, a.scope());
    string(g, N_KEY, a.key());
    string(g, N_AREA, a.area());
    string(g, N_COUNTY, a.county());
    id(g, N_WINDOW, a.window());
    instant(g, N_START, a.start());
    instant(g, N_END, a.end());
    g.writeFieldName(N_QUANTITIES);
    g.writeStartObject();
    for (Map.Entry<Quantity, WindowAverages.QuantityAverage> e : a.quantities().entrySet()) {
      WindowAverages.QuantityAverage q = e.getValue();
      g.writeFieldName(QUANTITY_NAMES[e.getKey().ordinal()]);
      g.writeStartObject();
      g.writeFieldName(N_COUNT);
      g.writeNumber(q.count());
      g.writeFieldName(N_EXPECTED_COUNT);
      g.writeNumber(q.expectedCount());
      g.writeFieldName(N_COVERAGE);
      g.writeNumber(q.coverage());
      // a window of one reading has min = max = mean (= rawMean when uncorrected): format it once
      String min = text(q.min());
      number(g, N_MIN, q.min(), min);
      String max = same(q.max(), q.min(), min);
      number(g, N_MAX, q.max(), max);
      String rawMean = same(q.rawMean(), q.max(), max);
      number(g, N_RAW_MEAN, q.rawMean(), rawMean);
      number(g, N_MEAN, q.mean(), same(q.mean(), q.rawMean(), rawMean));
      string(g, N_CORRECTION, q.correction());
      if (!q.indices().isEmpty()) {
        g.writeFieldName(N_INDICES);
        g.writeStartArray();
        for (IndexValue v : q.indices()) {
          g.writeStartObject();
          string(g, N_FIELD, v.field());
          string(g, N_ID, v.id());
          g.writeFieldName(N_VALUE);
          g.writeNumber(v.value());
          string(g, N_CATEGORY, v.category());
          id(g, N_POLLUTANT, v.pollutant());
          string(g, N_AVERAGING, v.averaging());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** A {@link CleanReading} as data binding writes it. */
  public static void writeCleanReading(JsonGenerator g, CleanReading r) throws IOException {
    g.writeStartObject();
    origin(g, r.sensorId(), r.time(), r.receivedAt(), r.gatewayId(), r.format());
    SensorPlace p = r.place();
    if (p != null) {
      g.writeFieldName(N_PLACE);
      g.writeStartObject();
      g.writeFieldName(N_LAT);
      g.writeNumber(p.lat());
      g.writeFieldName(N_LON);
      g.writeNumber(p.lon());
      string(g, N_AREA, p.area());
      string(g, N_STREET, p.street());
      string(g, N_COUNTY, p.county());
      g.writeFieldName(N_INDOOR);
      g.writeBoolean(p.indoor());
      id(g, N_HOST_TYPE, p.hostType());
      g.writeEndObject();
    }
    g.writeFieldName(N_VALUES);
    g.writeStartObject();
    for (Map.Entry<Quantity, CorrectedValue> e : r.values().entrySet()) {
      CorrectedValue v = e.getValue();
      if (v == null) {
        continue; // the shared mapper leaves null map values out (NON_NULL content inclusion)
      }
      g.writeFieldName(QUANTITY_NAMES[e.getKey().ordinal()]);
      g.writeStartObject();
      String raw = text(v.raw());
      number(g, N_RAW, v.raw(), raw);
      number(g, N_VALUE, v.value(), same(v.value(), v.raw(), raw));
      string(g, N_CORRECTION, v.correction());
      g.writeEndObject();
    }
    g.writeEndObject();
    flags(g, r.flags());
    g.writeEndObject();
  }

  /** The first five fields of a reading and of a clean reading. */
  private static void origin(
      JsonGenerator g,
      String sensorId,
      Instant time,
      Instant receivedAt,
      String gatewayId,
      SourceFormat format)
      throws IOException {
    string(g, N_SENSOR_ID, sensorId);
    instant(g, N_TIME, time);
    instant(g, N_RECEIVED_AT, receivedAt);
    string(g, N_GATEWAY_ID, gatewayId);
    id(g, N_FORMAT, format);
  }

  /** A {@link Reading} as data binding writes it. */
  public static void writeReading(JsonGenerator g, Reading r) throws IOException {
    g.writeStartObject();
    origin(g, r.sensorId(), r.time(), r.receivedAt(), r.gatewayId(), r.format());
    quantityMap(g, N_VALUES, r.values());
    quantityMap(g, N_CHANNEL_B, r.channelB());
    flags(g, r.flags());
    g.writeEndObject();
  }

  private static void quantityMap(JsonGenerator g, SerializableString name, Map<Quantity, Double> m)
      throws IOException {
    g.writeFieldName(name);
    g.writeStartObject();
    for (Map.Entry<Quantity, Double> e : m.entrySet()) {
      Double d = e.getValue();
      if (d == null) {
        continue; // the shared mapper leaves null map values out (NON_NULL content inclusion)
      }
      g.writeFieldName(QUANTITY_NAMES[e.getKey().ordinal()]);
      String text = text(d);
      if (text == null) {
        g.writeNumber(d);
      } else {
        g.writeNumber(text);
      }
    }
    g.writeEndObject();
  }

  private static void flags(JsonGenerator g, List<QaFlag> flags) throws IOException {
    g.writeFieldName(N_FLAGS);
    g.writeStartArray();
    for (QaFlag f : flags) {
      g.writeStartObject();
      id(g, N_RULE, f.rule());
      id(g, N_QUANTITY, f.quantity());
      string(g, N_DETAIL, f.detail());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
