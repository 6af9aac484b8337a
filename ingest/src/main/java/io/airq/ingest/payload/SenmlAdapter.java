package io.airq.ingest.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A SenML pack (RFC 8428, JSON): an array of records with base fields {@code bn}, {@code bt},
 * {@code bu}, {@code bv} that apply to the records after them. The resolved name is {@code bn + n};
 * its part after the last {@code :} or {@code /} names the quantity ({@code pm25}, {@code
 * temperature}, ...), the part before it the sensor (topic sensor when empty). Times are seconds
 * since the epoch; {@code bt + t} below 2^28 is relative to the receive time (RFC 8428 §4.5.3).
 * Records with the same sensor and time form one reading. Units: Cel, K, %RH, Pa, hPa, kPa, ug/m3,
 * mg/m3, ppm, m/s, km/h, kn, deg, rad, mm, m, or none. Weather names: {@code wind_speed}, {@code
 * wind_dir} (or {@code wind_direction}), {@code rain} (or {@code precipitation}, an amount in the
 * interval: a rate in mm/h is refused).
 */
final class SenmlAdapter {
  private static final double RELATIVE_TIME_LIMIT = 268_435_456d;

  /** m/s per knot (1852 m per hour). */
  static final double KNOT = 1852.0 / 3600.0;

  private SenmlAdapter() {}

  static List<Reading> read(JsonNode doc, Origin origin, SourceFormat format) throws Refusal {
    if (!doc.isArray()) {
      throw new Refusal(RejectionCode.WRONG_TYPE, "a SenML pack is an array");
    }
    String bn = "";
    double bt = 0;
    Optional<String> bu = Optional.empty();
    double bv = 0;
    Map<String, Map<Instant, Map<Quantity, Double>>> bySensor = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode rec : doc) {
      String at = "[" + i++ + "].";
      if (!rec.isObject()) {
        throw new Refusal(RejectionCode.WRONG_TYPE, at + "record must be an object");
      }
      bn = JsonFields.optionalText(rec, "bn").orElse(bn);
      if (rec.has("bt")) {
        bt = JsonFields.number(rec.get("bt"), at + "bt");
      }
      if (rec.has("bu")) {
        bu = JsonFields.optionalText(rec, "bu");
      }
      if (rec.has("bv")) {
        bv = JsonFields.number(rec.get("bv"), at + "bv");
      }
      if (!rec.has("v")) {
        continue; // a base-only record, or a string/boolean/data value: no air quantity
      }
      String name = bn + JsonFields.optionalText(rec, "n").orElse("");
      int cut = Math.max(name.lastIndexOf(':'), name.lastIndexOf('/'));
      String quantityName = name.substring(cut + 1);
      String sensorPart = cut < 0 ? "" : name.substring(0, cut);
      Optional<Quantity> q = quantityOf(quantityName);
      if (q.isEmpty()) {
        throw new Refusal(
            RejectionCode.UNKNOWN_QUANTITY, at + "name \"" + name + "\" names no known quantity");
      }
      String sensor =
          !sensorPart.isEmpty()
              ? sensorPart
              : origin
                  .sensor()
                  .orElseThrow(
                      () ->
                          new Refusal(
                              RejectionCode.MISSING_SENSOR,
                              at + "no sensor in the base name and none in the topic"));
      double t = bt + (rec.has("t") ? JsonFields.number(rec.get("t"), at + "t") : 0);
      Instant time =
          t < RELATIVE_TIME_LIMIT
              ? origin.receivedAt().plusNanos(Math.round(t * 1e9))
              : Instant.ofEpochSecond(0, Math.round(t * 1e9));
      Optional<String> unit = rec.has("u") ? JsonFields.optionalText(rec, "u") : bu;
      // bv + v and unit conversions can overflow to infinity
      double v =
          JsonFields.finite(
              convert(q.get(), unit, bv + JsonFields.number(rec.get("v"), at + "v"), at), at + "v");
      bySensor
          .computeIfAbsent(sensor, s -> new LinkedHashMap<>())
          .computeIfAbsent(time, x -> new EnumMap<>(Quantity.class))
          .put(q.get(), v);
    }
    List<Reading> out = new ArrayList<>();
    for (var s : bySensor.entrySet()) {
      for (var t : s.getValue().entrySet()) {
        out.add(
            new Reading(
                s.getKey(),
                t.getKey(),
                origin.receivedAt(),
                origin.gateway(),
                format,
                t.getValue(),
                Map.of(),
                List.of()));
      }
    }
    return out;
  }

  private static Optional<Quantity> quantityOf(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace(".", "").replace("_", "");
    return switch (n) {
      case "temp" -> Optional.of(Quantity.TEMPERATURE);
      case "rh" -> Optional.of(Quantity.HUMIDITY);
      case "pm10" -> Optional.of(Quantity.PM10);
      case "windspeed" -> Optional.of(Quantity.WIND_SPEED);
      case "winddir", "winddirection" -> Optional.of(Quantity.WIND_DIR);
      case "rain", "precipitation" -> Optional.of(Quantity.RAIN);
      default -> Quantity.byId(n);
    };
  }

  private static double convert(Quantity q, Optional<String> unit, double v, String at)
      throws Refusal {
    if (unit.isEmpty()) {
      return v;
    }
    String u = unit.get();
    Optional<Double> out =
        switch (q) {
          case TEMPERATURE ->
              u.equals("Cel")
                  ? Optional.of(v)
                  : u.equals("K") ? Optional.of(v - 273.15) : Optional.empty();
          case HUMIDITY -> u.equals("%RH") || u.equals("%") ? Optional.of(v) : Optional.empty();
          case PRESSURE ->
              switch (u) {
                case "Pa" -> Optional.of(v / 100.0);
                case "hPa" -> Optional.of(v);
                case "kPa" -> Optional.of(v * 10.0);
                default -> Optional.empty();
              };
          case WIND_SPEED ->
              switch (u) {
                case "m/s" -> Optional.of(v);
                case "km/h" -> Optional.of(v / 3.6);
                case "kn" -> Optional.of(v * KNOT);
                default -> Optional.empty();
              };
          case WIND_DIR ->
              switch (u) {
                case "deg", "°" -> Optional.of(v);
                case "rad" -> Optional.of(Math.toDegrees(v));
                default -> Optional.empty();
              };
          case RAIN ->
              switch (u) {
                case "mm" -> Optional.of(v);
                case "m" -> Optional.of(v * 1000.0);
                default -> Optional.empty(); // a rate (mm/h) is not an amount in the interval
              };
          case CO2 -> u.equals("ppm") ? Optional.of(v) : Optional.empty();
          case CO -> u.equals("mg/m3") ? Optional.of(v) : Optional.empty();
          default -> u.equals("ug/m3") ? Optional.of(v) : Optional.empty();
        };
    return out.orElseThrow(
        () ->
            new Refusal(
                RejectionCode.UNSUPPORTED_UNIT, at + "unit " + u + " not supported for " + q));
  }
}
