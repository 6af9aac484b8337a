package io.airq.ingest.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.airq.core.json.Json;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one message's bytes into canonical readings or a rejection. Pure: no I/O, no clock (the
 * receive time comes with the {@link Origin}). A message whose form is wrong is rejected as a
 * whole; values are judged downstream, and a batch's readings with an impossible time one by one.
 */
public final class PayloadParser {

  /**
   * Reads NaN and Infinity tokens so they can be rejected as non-finite, not as malformed. Content
   * after the document (a second, concatenated document) makes the message malformed: reading only
   * the first one would drop the rest silently.
   */
  private static final ObjectReader READER =
      Json.mapper()
          .reader()
          .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ParseLimits limits;
  private final boolean fastPath;

  public PayloadParser(ParseLimits limits) {
    this(limits, true);
  }

  /** With {@code fastPath} false every message is read as a tree (tests compare the two). */
  PayloadParser(ParseLimits limits, boolean fastPath) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.fastPath = fastPath;
  }

  public ParseLimits limits() {
    return limits;
  }

  /**
   * Parses one message. Never throws: an unexpected failure of an adapter becomes a {@code
   * parser-error} rejection, so the message is dead-lettered rather than left unacknowledged.
   */
  public ParseResult parse(byte[] body, Origin origin) {
    try {
      return parseChecked(body, origin);
    } catch (RuntimeException e) {
      return ParseResult.rejected(
          RejectionCode.PARSER_ERROR, "the parser failed on this message: " + e);
    }
  }

  private ParseResult parseChecked(byte[] body, Origin origin) {
    if (body.length > limits.maxBytes()) {
      return ParseResult.rejected(
          RejectionCode.PAYLOAD_TOO_LARGE,
          "payload of " + body.length + " bytes exceeds the limit of " + limits.maxBytes());
    }
    if (fastPath
        && origin.format().filter(PayloadParser::hasOwnShape).orElse(SourceFormat.AIRQ_JSON)
            == SourceFormat.AIRQ_JSON) {
      Reading usual =
          AirqJsonFastPath.read(body, origin, origin.format().orElse(SourceFormat.AIRQ_JSON));
      if (usual != null) {
        return validate(List.of(usual), origin.receivedAt());
      }
    }
    JsonNode doc;
    try {
      doc = READER.readTree(body);
    } catch (JsonProcessingException e) {
      return ParseResult.rejected(
          RejectionCode.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return ParseResult.rejected(RejectionCode.MALFORMED_JSON, "unreadable: " + e.getMessage());
    }
    if (doc == null || doc.isMissingNode()) {
      return ParseResult.rejected(RejectionCode.MALFORMED_JSON, "empty payload");
    }
    if (doc.isArray() && doc.size() > limits.maxReadings()) {
      return ParseResult.rejected(
          RejectionCode.BATCH_TOO_LARGE,
          "batch of " + doc.size() + " entries exceeds the limit of " + limits.maxReadings());
    }
    Optional<SourceFormat> shape = detect(doc);
    SourceFormat adapter =
        origin.format().filter(PayloadParser::hasOwnShape).or(() -> shape).orElse(null);
    if (adapter == null) {
      return ParseResult.rejected(
          RejectionCode.UNKNOWN_SHAPE,
          "the payload matches no known format (airq, sensor-community, airgradient, purpleair,"
              + " senml)");
    }
    SourceFormat recorded = origin.format().orElse(adapter);
    try {
      List<Reading> readings = adapt(adapter, doc, origin, recorded);
      return validate(readings, origin.receivedAt());
    } catch (Refusal r) {
      return ParseResult.rejected(r.code(), r.getMessage());
    }
  }

  /** The format a document's shape says it is, if any. */
  public static Optional<SourceFormat> detect(JsonNode doc) {
    if (doc.isArray()) {
      JsonNode first = doc.get(0);
      if (first == null || !first.isObject()) {
        return Optional.empty();
      }
      if (first.has("values")) {
        return Optional.of(SourceFormat.AIRQ_JSON);
      }
      for (String f : List.of("bn", "bt", "n", "v", "bv", "bu", "u", "t")) {
        if (first.has(f)) {
          return Optional.of(SourceFormat.SENML);
        }
      }
      return Optional.empty();
    }
    if (!doc.isObject()) {
      return Optional.empty();
    }
    if (doc.has("sensordatavalues")) {
      return Optional.of(SourceFormat.SENSOR_COMMUNITY);
    }
    if (doc.has("values")) {
      return Optional.of(SourceFormat.AIRQ_JSON);
    }
    if (doc.has("SensorId") || doc.has("pm2_5_cf_1")) {
      return Optional.of(SourceFormat.PURPLEAIR);
    }
    if (doc.has("serialno") || doc.has("pm02") || doc.has("rco2")) {
      return Optional.of(SourceFormat.AIRGRADIENT);
    }
    return Optional.empty();
  }

  /** simulator and replay carry one of the other shapes, so they are detected, not forced. */
  private static boolean hasOwnShape(SourceFormat f) {
    return f != SourceFormat.SIMULATOR && f != SourceFormat.REPLAY;
  }

  private static List<Reading> adapt(
      SourceFormat adapter, JsonNode doc, Origin origin, SourceFormat recorded) throws Refusal {
    return switch (adapter) {
      case AIRQ_JSON -> AirqJsonAdapter.read(doc, origin, recorded);
      case SENSOR_COMMUNITY -> SensorCommunityAdapter.read(doc, origin, recorded);
      case AIRGRADIENT -> AirGradientAdapter.read(doc, origin, recorded);
      case PURPLEAIR -> PurpleAirAdapter.read(doc, origin, recorded);
      case SENML -> SenmlAdapter.read(doc, origin, recorded);
      case SIMULATOR, REPLAY -> throw new IllegalStateException("not an adapter: " + adapter);
    };
  }

  /**
   * Checks what cannot be judged value by value: a sensor id, a known quantity, a plausible time.
   * Values themselves are not judged here: a negative or out-of-range value goes on and is flagged
   * by the streams job's QA rules ({@code negative}, {@code out-of-range}), so one bad value costs
   * that value only. In a batch, a reading whose time is impossible is excluded alone, with its
   * index; the others go on. A single reading with such a time, or a batch of nothing else, is
   * refused whole.
   */
  private ParseResult validate(List<Reading> readings, Instant receivedAt) {
    if (readings.isEmpty()) {
      return ParseResult.rejected(RejectionCode.NO_VALUES, "the message holds no reading");
    }
    if (readings.size() > limits.maxReadings()) {
      return ParseResult.rejected(
          RejectionCode.BATCH_TOO_LARGE,
          readings.size() + " readings exceed the limit of " + limits.maxReadings());
    }
    Instant latest = receivedAt.plus(limits.futureSkew());
    Instant earliest = receivedAt.minus(limits.maxAge());
    List<ParseResult.Excluded> excluded = null;
    for (int i = 0; i < readings.size(); i++) {
      Reading r = readings.get(i);
      if (!isValidSensorId(r.sensorId())) {
        return ParseResult.rejected(
            RejectionCode.INVALID_SENSOR,
            "sensor id \"" + r.sensorId() + "\" is not 1-128 of [A-Za-z0-9._:@-]");
      }
      if (r.values().isEmpty()) {
        return ParseResult.rejected(
            RejectionCode.NO_VALUES, r.sensorId() + " at " + r.time() + " has no known quantity");
      }
      ParseResult.Rejected badTime = null;
      if (r.time().isAfter(latest)) {
        badTime =
            new ParseResult.Rejected(
                RejectionCode.FUTURE_TIMESTAMP,
                r.time()
                    + " is more than "
                    + limits.futureSkew()
                    + " after receipt at "
                    + receivedAt);
      } else if (r.time().isBefore(earliest)) {
        badTime =
            new ParseResult.Rejected(
                RejectionCode.TOO_OLD,
                r.time() + " is more than " + limits.maxAge() + " before receipt at " + receivedAt);
      }
      if (badTime != null) {
        if (readings.size() == 1) {
          return badTime;
        }
        if (excluded == null) {
          excluded = new ArrayList<>();
        }
        excluded.add(new ParseResult.Excluded(i, r, badTime.code(), badTime.reason()));
      }
    }
    if (excluded == null) {
      return new ParseResult.Accepted(readings);
    }
    if (excluded.size() == readings.size()) {
      ParseResult.Excluded first = excluded.get(0);
      return ParseResult.rejected(
          first.code(),
          "every reading of the batch has an impossible time; the first: " + first.reason());
    }
    List<Reading> kept = new ArrayList<>(readings.size() - excluded.size());
    int next = 0;
    for (int i = 0; i < readings.size(); i++) {
      if (next < excluded.size() && excluded.get(next).index() == i) {
        next++;
      } else {
        kept.add(readings.get(i));
      }
    }
    return new ParseResult.Accepted(kept, excluded);
  }

  /** {@code [A-Za-z0-9][A-Za-z0-9._:@-]{0,127}}, checked without a regex (it is per reading). */
  static boolean isValidSensorId(String id) {
    int n = id.length();
    if (n < 1 || n > 128) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != ':' && c != '@' && c != '-'))) {
        return false;
      }
    }
    return true;
  }
}
