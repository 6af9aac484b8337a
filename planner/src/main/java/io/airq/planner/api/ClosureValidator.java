package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.closure.Closure;
import io.airq.core.json.Json;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a closure posted to the API: a closure, or the list of what is wrong with it. */
public final class ClosureValidator {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Duration MAX = Duration.ofDays(366);

  private ClosureValidator() {}

  /**
   * The result: a closure when {@code errors} is empty; {@code problems} are the same problems as
   * codes with parameters, one for each error, in the same order.
   */
  public record Result(Closure closure, List<String> errors, List<ApiProblem> problems) {
    static Result refused(ApiProblem.Builder b) {
      return new Result(null, b.errors(), b.problems());
    }

    public boolean valid() {
      return errors.isEmpty();
    }
  }

  public static Result validate(JsonNode body, String pathId, Collection<Sensor> sensors) {
    ApiProblem.Builder errors = new ApiProblem.Builder();
    if (body == null || !body.isObject()) {
      return Result.refused(errors.add(ClosureProblem.BODY_NOT_OBJECT));
    }
    String id = pathId != null ? pathId : body.path("id").asText("");
    if (pathId != null && body.hasNonNull("id") && !body.get("id").asText().equals(pathId)) {
      errors.add(ClosureProblem.ID_MISMATCH);
    }
    if (!ID.matcher(id).matches()) {
      errors.add(ClosureProblem.BAD_ID);
    }
    String zone = body.path("zone").asText("UTC");
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      errors.add(ClosureProblem.BAD_ZONE, "zone", zone);
    }
    JsonNode weather = body.path("weather");
    if (!weather.isMissingNode()
        && !weather.isNull()
        && !(weather.isObject() && weather.path("station").isTextual())) {
      errors.add(ClosureProblem.BAD_WEATHER);
    }
    JsonNode street = body.path("street");
    if (!street.isMissingNode() && !street.isNull() && !isLineString(street)) {
      errors.add(ClosureProblem.BAD_STREET);
    }
    if (!errors.isEmpty()) {
      return Result.refused(errors);
    }
    Closure c;
    try {
      com.fasterxml.jackson.databind.node.ObjectNode copy =
          ((com.fasterxml.jackson.databind.node.ObjectNode) body).deepCopy();
      copy.put("id", id);
      c = Json.mapper().treeToValue(copy, Closure.class);
    } catch (Exception e) {
      return Result.refused(errors.add(ClosureProblem.NOT_A_CLOSURE, "detail", rootMessage(e)));
    }
    if (!c.end().isAfter(c.start())) {
      errors.add(ClosureProblem.END_BEFORE_START);
    } else if (Duration.between(c.startInstant(), c.endInstant()).compareTo(MAX) > 0) {
      errors.add(ClosureProblem.TOO_LONG);
    }
    if (c.baseline().isNegative() || c.baseline().isZero() || c.baseline().compareTo(MAX) > 0) {
      errors.add(ClosureProblem.BAD_BASELINE);
    }
    if (c.after().isNegative() || c.after().compareTo(MAX) > 0) {
      errors.add(ClosureProblem.BAD_AFTER);
    }
    for (var p : c.comparisonPeriods()) {
      if (p.start().isBefore(c.end()) && c.start().isBefore(p.end())) {
        errors.add(ClosureProblem.COMPARISON_OVERLAPS, "start", p.start().toString());
      }
    }
    if (c.treated().isEmpty()) {
      errors.add(ClosureProblem.NO_TREATED);
    }
    checkSelection("treated", c.treated(), sensors, errors);
    checkSelection("control", c.control(), sensors, errors);
    checkWeather(c, sensors, errors);
    return errors.isEmpty() ? new Result(c, List.of(), List.of()) : Result.refused(errors);
  }

  private static void checkSelection(
      String name,
      io.airq.core.closure.SensorSelection s,
      Collection<Sensor> sensors,
      ApiProblem.Builder errors) {
    for (String id : s.sensors()) {
      if (sensors.stream().noneMatch(x -> x.id().equals(id))) {
        errors.add(ClosureProblem.UNKNOWN_SENSOR, "role", name, "id", id);
      }
    }
    for (String area : s.areas()) {
      if (sensors.stream().noneMatch(x -> x.area().equals(area))) {
        errors.add(ClosureProblem.UNKNOWN_AREA, "role", name, "area", area);
      }
    }
  }

  private static void checkWeather(
      Closure c, Collection<Sensor> sensors, ApiProblem.Builder errors) {
    if (c.weather() == null) {
      return;
    }
    String station = c.weather().station();
    Sensor s = sensors.stream().filter(x -> x.id().equals(station)).findFirst().orElse(null);
    if (s == null) {
      errors.add(ClosureProblem.UNKNOWN_SENSOR, "role", "weather", "id", station);
    } else if (s.kind() != SensorKind.WEATHER) {
      errors.add(ClosureProblem.NOT_WEATHER, "id", station, "kind", s.kind().toString());
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
