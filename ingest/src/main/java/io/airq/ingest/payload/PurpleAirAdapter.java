package io.airq.ingest.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * PurpleAir's local {@code /json} (PA-II firmware 7.x). Channel A becomes the values, channel B
 * ({@code _b} fields) the reading's channelB. PM is taken from the {@code cf_1} fields, because the
 * US EPA PurpleAir correction (Barkjohn et al. 2021) was fitted on cf_1 PM2.5; the {@code atm}
 * fields are ignored. Temperature comes in °F and becomes °C (it is the sensor's internal
 * temperature, a few degrees above ambient). {@code DateTime} looks like {@code
 * 2023/10/26T18:53:40z} (UTC). The sensor id is {@code purpleair-<mac>} from {@code SensorId}.
 */
final class PurpleAirAdapter {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu/MM/dd'T'HH:mm:ss", Locale.ROOT);

  private PurpleAirAdapter() {}

  static List<Reading> read(JsonNode doc, Origin origin, SourceFormat format) throws Refusal {
    if (!doc.isObject()) {
      throw new Refusal(RejectionCode.WRONG_TYPE, "a PurpleAir document is an object");
    }
    String sensor =
        origin.sensor().isPresent()
            ? origin.sensor().get()
            : JsonFields.optionalText(doc, "SensorId")
                .map(PurpleAirAdapter::macId)
                .orElseThrow(
                    () ->
                        new Refusal(
                            RejectionCode.MISSING_SENSOR,
                            "no sensor in the topic and no SensorId in the document"));
    Instant time = dateTime(doc).orElse(origin.receivedAt());
    Map<Quantity, Double> a = channel(doc, "");
    if (doc.hasNonNull("current_temp_f")) {
      double f = JsonFields.number(doc.get("current_temp_f"), "current_temp_f");
      a.put(Quantity.TEMPERATURE, JsonFields.finite((f - 32.0) * 5.0 / 9.0, "current_temp_f"));
    }
    if (doc.hasNonNull("current_humidity")) {
      a.put(Quantity.HUMIDITY, JsonFields.number(doc.get("current_humidity"), "current_humidity"));
    }
    if (doc.hasNonNull("pressure")) {
      a.put(Quantity.PRESSURE, JsonFields.number(doc.get("pressure"), "pressure"));
    }
    Map<Quantity, Double> b = channel(doc, "_b");
    return List.of(
        new Reading(sensor, time, origin.receivedAt(), origin.gateway(), format, a, b, List.of()));
  }

  private static Map<Quantity, Double> channel(JsonNode doc, String suffix) throws Refusal {
    Map<Quantity, Double> out = new EnumMap<>(Quantity.class);
    String[][] fields = {
      {"pm1_0_cf_1", "pm1"}, {"pm2_5_cf_1", "pm25"}, {"pm10_0_cf_1", "pm10"},
    };
    for (String[] f : fields) {
      String name = f[0] + suffix;
      if (doc.hasNonNull(name)) {
        out.put(Quantity.byId(f[1]).orElseThrow(), JsonFields.number(doc.get(name), name));
      }
    }
    return out;
  }

  private static Optional<Instant> dateTime(JsonNode doc) throws Refusal {
    Optional<String> text = JsonFields.optionalText(doc, "DateTime");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String s = text.get();
    if (!s.endsWith("z") && !s.endsWith("Z")) {
      throw new Refusal(RejectionCode.BAD_TIMESTAMP, "DateTime must end in z (UTC): \"" + s + "\"");
    }
    try {
      return Optional.of(
          LocalDateTime.parse(s.substring(0, s.length() - 1), DATE_TIME).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new Refusal(
          RejectionCode.BAD_TIMESTAMP, "DateTime is not yyyy/MM/ddTHH:mm:ssz: \"" + s + "\"");
    }
  }

  /** {@code 44:17:93:1:9d:3} -> {@code purpleair-441793019d03} (octets zero-padded). */
  static String macId(String sensorId) {
    StringBuilder sb = new StringBuilder("purpleair-");
    for (String octet : sensorId.trim().toLowerCase(Locale.ROOT).split(":")) {
      sb.append(octet.length() == 1 ? "0" + octet : octet);
    }
    return sb.toString();
  }
}
