package io.airq.core.json;

import static io.airq.core.json.StrictTokens.byId;
import static io.airq.core.json.StrictTokens.expect;
import static io.airq.core.json.StrictTokens.instant;
import static io.airq.core.json.StrictTokens.number;
import static io.airq.core.json.StrictTokens.once;
import static io.airq.core.json.StrictTokens.string;
import static io.airq.core.json.StrictTokens.unknown;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.airq.core.json.StrictTokens.Unsure;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.HostType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A fast path for decoding clean readings (the reader of the clean-readings topic's serde, which
 * the sink decodes in bulk): a streaming parse of the canonical JSON shape (what {@link Json}
 * writes) straight into a {@link CleanReading}, without Jackson's bean machinery or {@code
 * DateTimeFormatter}. It only decides what it is sure of: anything else (a malformed document, a
 * string where a number is expected, an unknown enum id, a duplicate key, a null primitive, an
 * instant not in plain {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} form) makes it answer {@code null},
 * and the caller decodes the record with {@link Json}'s mapper as before, so the result and the
 * rejection reasons are the same as Jackson's. {@code CleanReadingDecoderTest} checks the two
 * agree.
 */
public final class CleanReadingDecoder {
  private static final Quantity[] QUANTITIES = Quantity.values();
  private static final QaRule[] RULES = QaRule.values();
  private static final SourceFormat[] FORMATS = SourceFormat.values();
  private static final HostType[] HOST_TYPES = HostType.values();

  private CleanReadingDecoder() {}

  /**
   * The reading, or null when the full mapper has to decide (including every error): the {@link
   * JsonSerde.Reader} of the clean-readings topic ({@code Topics.CLEAN_READINGS}).
   */
  public static CleanReading read(JsonParser p) {
    try {
      CleanReading r = reading(p);
      return p.nextToken() == null ? r : null;
    } catch (Unsure | IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@link #read} of a whole document. */
  public static CleanReading decode(byte[] json) {
    try (JsonParser p = JsonSerde.READ_FACTORY.createParser(json)) {
      return read(p);
    } catch (IOException e) {
      return null;
    }
  }

  private static CleanReading reading(JsonParser p) throws IOException, Unsure {
    expect(p.nextToken(), JsonToken.START_OBJECT);
    String sensorId = null;
    Instant time = null;
    Instant receivedAt = null;
    String gatewayId = null;
    SourceFormat format = null;
    SensorPlace place = null;
    Map<Quantity, CorrectedValue> values = null;
    List<QaFlag> flags = null;
    int seen = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "sensorId" -> {
          seen = once(seen, 1);
          sensorId = string(p, v);
        }
        case "time" -> {
          seen = once(seen, 2);
          time = instant(p, v);
        }
        case "receivedAt" -> {
          seen = once(seen, 4);
          receivedAt = instant(p, v);
        }
        case "gatewayId" -> {
          seen = once(seen, 8);
          gatewayId = string(p, v);
        }
        case "format" -> {
          seen = once(seen, 16);
          format = v == JsonToken.VALUE_NULL ? null : byId(FORMATS, string(p, v));
        }
        case "place" -> {
          seen = once(seen, 32);
          place = v == JsonToken.VALUE_NULL ? null : place(p, v);
        }
        case "values" -> {
          seen = once(seen, 64);
          values = v == JsonToken.VALUE_NULL ? null : values(p, v);
        }
        case "flags" -> {
          seen = once(seen, 128);
          flags = v == JsonToken.VALUE_NULL ? null : flags(p, v);
        }
        default -> unknown(p, v);
      }
    }
    expect(t, JsonToken.END_OBJECT);
    if (sensorId == null || time == null) {
      throw Unsure.INSTANCE;
    }
    return new CleanReading(sensorId, time, receivedAt, gatewayId, format, place, values, flags);
  }

  private static SensorPlace place(JsonParser p, JsonToken start) throws IOException, Unsure {
    expect(start, JsonToken.START_OBJECT);
    double lat = 0;
    double lon = 0;
    String area = null;
    String street = null;
    String county = null;
    boolean indoor = false;
    HostType hostType = null;
    int seen = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "lat" -> {
          seen = once(seen, 1);
          lat = number(p, v);
        }
        case "lon" -> {
          seen = once(seen, 2);
          lon = number(p, v);
        }
        case "area" -> {
          seen = once(seen, 4);
          area = string(p, v);
        }
        case "street" -> {
          seen = once(seen, 8);
          street = string(p, v);
        }
        case "county" -> {
          seen = once(seen, 16);
          county = string(p, v);
        }
        case "indoor" -> {
          seen = once(seen, 32);
          if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
            throw Unsure.INSTANCE;
          }
          indoor = v == JsonToken.VALUE_TRUE;
        }
        case "hostType" -> {
          seen = once(seen, 64);
          hostType = v == JsonToken.VALUE_NULL ? null : byId(HOST_TYPES, string(p, v));
        }
        default -> unknown(p, v);
      }
    }
    expect(t, JsonToken.END_OBJECT);
    // a missing primitive is left to the mapper's rules
    if ((seen & (1 | 2 | 32)) != (1 | 2 | 32)) {
      throw Unsure.INSTANCE;
    }
    return new SensorPlace(lat, lon, area, street, county, indoor, hostType);
  }

  private static Map<Quantity, CorrectedValue> values(JsonParser p, JsonToken start)
      throws IOException, Unsure {
    expect(start, JsonToken.START_OBJECT);
    Map<Quantity, CorrectedValue> out = new EnumMap<>(Quantity.class);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      Quantity q = byId(QUANTITIES, p.currentName());
      CorrectedValue cv = correctedValue(p, p.nextToken());
      if (out.put(q, cv) != null) {
        throw Unsure.INSTANCE;
      }
    }
    expect(t, JsonToken.END_OBJECT);
    return out;
  }

  private static CorrectedValue correctedValue(JsonParser p, JsonToken start)
      throws IOException, Unsure {
    expect(start, JsonToken.START_OBJECT);
    double raw = 0;
    double value = 0;
    String correction = null;
    int seen = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "raw" -> {
          seen = once(seen, 1);
          raw = number(p, v);
        }
        case "value" -> {
          seen = once(seen, 2);
          value = number(p, v);
        }
        case "correction" -> {
          seen = once(seen, 4);
          correction = string(p, v);
        }
        default -> unknown(p, v);
      }
    }
    expect(t, JsonToken.END_OBJECT);
    if ((seen & 3) != 3) {
      throw Unsure.INSTANCE;
    }
    return new CorrectedValue(raw, value, correction);
  }

  private static List<QaFlag> flags(JsonParser p, JsonToken start) throws IOException, Unsure {
    expect(start, JsonToken.START_ARRAY);
    List<QaFlag> out = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      QaRule rule = null;
      Quantity quantity = null;
      String detail = null;
      int seen = 0;
      JsonToken f;
      while ((f = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "rule" -> {
            seen = once(seen, 1);
            rule = byId(RULES, string(p, v));
          }
          case "quantity" -> {
            seen = once(seen, 2);
            quantity = byId(QUANTITIES, string(p, v));
          }
          case "detail" -> {
            seen = once(seen, 4);
            detail = string(p, v);
          }
          default -> unknown(p, v);
        }
      }
      expect(f, JsonToken.END_OBJECT);
      if (rule == null || quantity == null) {
        throw Unsure.INSTANCE;
      }
      out.add(new QaFlag(rule, quantity, detail));
    }
    expect(t, JsonToken.END_ARRAY);
    return out;
  }
}
