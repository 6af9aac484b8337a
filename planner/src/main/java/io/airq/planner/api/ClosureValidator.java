package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.closure.Closure;
import io.airq.core.json.Json;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a closure posted to the API: a closure, or the list of what is wrong with it. */
public final class ClosureValidator {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Duration MAX = Duration.ofDays(366);

  private ClosureValidator() {}

  /** The result: a closure when {@code errors} is empty. */
  public record Result(Closure closure, List<String> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  public static Result validate(JsonNode body, String pathId, Collection<Sensor> sensors) {
    List<String> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      return new Result(null, List.of("the body must be a JSON object"));
    }
    String id = pathId != null ? pathId : body.path("id").asText("");
    if (pathId != null && body.hasNonNull("id") && !body.get("id").asText().equals(pathId)) {
      errors.add("id in the body differs from the id in the path");
    }
    if (!ID.matcher(id).matches()) {
      errors.add("id must be 1–100 letters, digits, '.', '_' or '-'");
    }
    String zone = body.path("zone").asText("UTC");
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      errors.add("zone is not a valid time zone: " + zone);
    }
    JsonNode weather = body.path("weather");
    if (!weather.isMissingNode()
        && !weather.isNull()
        && !(weather.isObject() && weather.path("station").isTextual())) {
      errors.add("weather must be an object {\"station\": \"<weather sensor id>\"}");
    }
    JsonNode street = body.path("street");
    if (!street.isMissingNode() && !street.isNull() && !isLineString(street)) {
      errors.add(
          "street must be a GeoJSON LineString"
              + " {\"type\": \"LineString\", \"coordinates\": [[lon, lat], ...]}");
    }
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    Closure c;
    try {
      com.fasterxml.jackson.databind.node.ObjectNode copy =
          ((com.fasterxml.jackson.databind.node.ObjectNode) body).deepCopy();
      copy.put("id", id);
      c = Json.mapper().treeToValue(copy, Closure.class);
    } catch (Exception e) {
      return new Result(null, List.of("not a valid closure: " + rootMessage(e)));
    }
    if (!c.end().isAfter(c.start())) {
      errors.add("end must be after start");
    } else if (Duration.between(c.startInstant(), c.endInstant()).compareTo(MAX) > 0) {
      errors.add("a closure may last at most 366 days");
    }
    if (c.baseline().isNegative() || c.baseline().isZero() || c.baseline().compareTo(MAX) > 0) {
      errors.add("baseline must be positive and at most 366 days");
    }
    if (c.after().isNegative() || c.after().compareTo(MAX) > 0) {
      errors.add("after must not be negative and at most 366 days");
    }
    for (var p : c.comparisonPeriods()) {
      if (p.start().isBefore(c.end()) && c.start().isBefore(p.end())) {
        errors.add("comparison period " + p.start() + " overlaps the closure");
      }
    }
    if (c.treated().isEmpty()) {
      errors.add("treated must name at least one sensor or area");
    }
    checkSelection("treated", c.treated(), sensors, errors);
    checkSelection("control", c.control(), sensors, errors);
    checkWeather(c, sensors, errors);
    return errors.isEmpty() ? new Result(c, List.of()) : new Result(null, errors);
  }

  private static void checkSelection(
      String name,
      io.airq.core.closure.SensorSelection s,
      Collection<Sensor> sensors,
      List<String> errors) {
    for (String id : s.sensors()) {
      if (sensors.stream().noneMatch(x -> x.id().equals(id))) {
        errors.add(name + ": unknown sensor " + id);
      }
    }
    for (String area : s.areas()) {
      if (sensors.stream().noneMatch(x -> x.area().equals(area))) {
        errors.add(name + ": no sensor in area " + area);
      }
    }
  }

  private static void checkWeather(Closure c, Collection<Sensor> sensors, List<String> errors) {
    if (c.weather() == null) {
      return;
    }
    String station = c.weather().station();
    Sensor s = sensors.stream().filter(x -> x.id().equals(station)).findFirst().orElse(null);
    if (s == null) {
      errors.add("weather: unknown sensor " + station);
    } else if (s.kind() != SensorKind.WEATHER) {
      errors.add("weather: sensor " + station + " is of kind " + s.kind() + ", not weather");
    }
  }

  /** The shape of a GeoJSON LineString; its positions' ranges are checked by StreetLine. */
  private static boolean isLineString(JsonNode n) {
    if (!n.isObject() || !"LineString".equals(n.path("type").asText())) {
      return false;
    }
    JsonNode c = n.path("coordinates");
    if (!c.isArray()) {
      return false;
    }
    for (JsonNode p : c) {
      if (!p.isArray()) {
        return false;
      }
      for (JsonNode v : p) {
        if (!v.isNumber()) {
          return false;
        }
      }
    }
    return true;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
