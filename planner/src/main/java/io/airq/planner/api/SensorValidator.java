package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.CalibrationHistory;
import io.airq.core.registry.HostType;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a sensor posted to the API: a sensor, or every problem with it. Dates may be ISO instants
 * or dates (midnight UTC). Without {@code installed} the sensor keeps the installation of the entry
 * it replaces, else it is installed {@code now}: a new sensor never counts for the past.
 */
public final class SensorValidator {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  private SensorValidator() {}

  /** The result: a sensor when {@code errors} is empty. */
  public record Result(Sensor sensor, List<String> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  public static Result validate(
      JsonNode body, String pathId, Optional<Sensor> existing, Instant now) {
    if (body == null || !body.isObject()) {
      return new Result(null, List.of("the body must be a JSON object"));
    }
    List<String> errors = new ArrayList<>();
    String id = pathId != null ? pathId : body.path("id").asText("");
    if (pathId != null && body.hasNonNull("id") && !body.get("id").asText().equals(pathId)) {
      errors.add("id in the body differs from the id in the path");
    }
    if (!ID.matcher(id).matches()) {
      errors.add(
          "id must be 1–100 letters, digits, '.', '_', ':' or '-', starting with one of the first two");
    }
    double lat = number(body, "lat", -90, 90, errors);
    double lon = number(body, "lon", -180, 180, errors);
    if (body.has("indoor") && !body.get("indoor").isBoolean()) {
      errors.add("indoor must be true or false");
    }
    HostType host = null;
    String hostId = text(body, "hostType");
    if (hostId != null) {
      host =
          hostId.equals("public")
              ? HostType.PUBLIC
              : hostId.equals("resident") ? HostType.RESIDENT : null;
      if (host == null) {
        errors.add("hostType must be public or resident: " + hostId);
      }
    }
    SensorKind kind = null;
    String kindId = text(body, "kind");
    if (kindId != null) {
      kind = SensorKind.byId(kindId).orElse(null);
      if (kind == null) {
        errors.add("kind must be air or weather: " + kindId);
      }
    }
    Duration interval = null;
    String iv = text(body, "reportingInterval");
    if (iv != null) {
      try {
        interval = Duration.parse(iv);
        if (interval.isZero() || interval.isNegative()) {
          errors.add("reportingInterval must be positive: " + iv);
        }
      } catch (DateTimeParseException e) {
        errors.add("reportingInterval is not an ISO-8601 duration (e.g. PT2M): " + iv);
      }
    }
    Instant installed = instant(body, "installed", errors);
    Instant retired = instant(body, "retired", errors);
    if (installed == null && !body.hasNonNull("installed")) {
      installed = existing.map(Sensor::installed).orElse(now);
    }
    if (installed != null && retired != null && !retired.isAfter(installed)) {
      errors.add("retired must be after installed");
    }
    String zone = text(body, "zone");
    if (zone != null) {
      try {
        Sensor.validZone(zone);
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    Map<Quantity, CalibrationHistory> calibration = calibration(body.get("calibration"), errors);
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    Sensor s =
        Sensor.builder(id)
            .position(lat, lon)
            .gatewayId(text(body, "gatewayId"))
            .area(text(body, "area"))
            .street(text(body, "street"))
            .county(text(body, "county"))
            .indoor(body.path("indoor").asBoolean(false))
            .hostType(host)
            .reportingInterval(interval)
            .model(text(body, "model"))
            .calibration(calibration)
            .kind(kind)
            .installed(installed)
            .retired(retired)
            .licence(text(body, "licence"))
            .attribution(text(body, "attribution"))
            .zone(zone)
            .build();
    return new Result(s, List.of());
  }

  private static Map<Quantity, CalibrationHistory> calibration(JsonNode c, List<String> errors) {
    Map<Quantity, CalibrationHistory> out = new EnumMap<>(Quantity.class);
    if (c == null || c.isNull()) {
      return out;
    }
    if (!c.isObject()) {
      errors.add("calibration must be an object keyed by quantity (e.g. pm25)");
      return out;
    }
    c.fields()
        .forEachRemaining(
            e -> {
              String where = "calibration." + e.getKey();
              Optional<Quantity> q = Quantity.byId(e.getKey());
              if (q.isEmpty()) {
                errors.add(where + ": unknown quantity");
                return;
              }
              JsonNode v = e.getValue();
              List<JsonNode> entries = new ArrayList<>();
              if (v.isArray()) {
                v.forEach(entries::add);
              } else {
                entries.add(v);
              }
              int before = errors.size();
              List<LinearCalibration> versions = new ArrayList<>();
              for (int i = 0; i < entries.size(); i++) {
                String at = v.isArray() ? where + "[" + i + "]." : where + ".";
                LinearCalibration one = version(entries.get(i), at, errors);
                if (one != null) {
                  versions.add(one);
                }
              }
              if (versions.isEmpty() && errors.size() == before) {
                errors.add(where + ": no calibration version");
              }
              if (errors.size() == before) {
                try {
                  out.put(q.get(), new CalibrationHistory(versions));
                } catch (IllegalArgumentException ex) {
                  errors.add(where + ": " + ex.getMessage());
                }
              }
            });
    return out;
  }

  /** One calibration version: slope, intercept, id, from; null (and errors) when invalid. */
  static LinearCalibration version(JsonNode v, String where, List<String> errors) {
    if (!v.isObject()) {
      errors.add(where.substring(0, where.length() - 1) + " must be an object");
      return null;
    }
    int before = errors.size();
    double slope = number(v, "slope", -1e6, 1e6, errors, where);
    double intercept = number(v, "intercept", -1e6, 1e6, errors, where);
    Instant from = instant(v, "from", errors, where);
    return errors.size() == before
        ? new LinearCalibration(slope, intercept, text(v, "id"), from)
        : null;
  }

  private static double number(
      JsonNode o, String name, double min, double max, List<String> errors) {
    return number(o, name, min, max, errors, "");
  }

  private static double number(
      JsonNode o, String name, double min, double max, List<String> errors, String where) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      errors.add(where + name + " is required");
      return 0;
    }
    if (!n.isNumber() || !(n.asDouble() >= min && n.asDouble() <= max)) {
      errors.add(
          where + name + " must be a number from " + fmt(min) + " to " + fmt(max) + ": " + n);
      return 0;
    }
    return n.asDouble();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static Instant instant(JsonNode o, String name, List<String> errors) {
    return instant(o, name, errors, "");
  }

  private static Instant instant(JsonNode o, String name, List<String> errors, String where) {
    String v = text(o, name);
    if (v == null) {
      return null;
    }
    Optional<Instant> t = instant(v);
    if (t.isEmpty()) {
      errors.add(where + name + " is not an ISO-8601 instant or date: " + v);
    }
    return t.orElse(null);
  }

  /** An ISO-8601 instant, or a date meaning its midnight UTC; empty when it is neither. */
  static Optional<Instant> instant(String v) {
    try {
      return Optional.of(
          v.length() == 10
              ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
              : Instant.parse(v));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n == null || n.isNull() ? null : n.asText();
  }
}
