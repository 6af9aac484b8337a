package io.airq.planner.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.impact.HourlyMean;
import io.airq.planner.impact.weather.BauSettings;
import io.airq.planner.impact.weather.StudyPlan;
import io.airq.planner.impact.weather.WeatherHour;
import io.airq.planner.registry.Registry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/impact-plan}: before a closure, the smallest change it could show, from the
 * history of its sensors (docs/method.md, "Planning a study").
 */
final class PlanRoutes {
  private final Registry registry;
  private final WeatherImpact weather;
  private final double hourGate;

  PlanRoutes(Registry registry, WeatherImpact weather, double hourGate) {
    this.registry = registry;
    this.weather = weather;
    this.hourGate = hourGate;
  }

  void plan(HttpExchange ex, Map<String, String> q) throws IOException {
    List<String> errors = new ArrayList<>();
    List<Sensor> treated = sensors(q.get("treated"), "treated", errors);
    List<Sensor> control = sensors(q.get("control"), "control", errors);
    if (treated.isEmpty() && !q.containsKey("treated")) {
      errors.add("treated is required: sensor ids separated by commas");
    }
    LocalDateTime start = time(q.get("start"), "start", errors);
    LocalDateTime end = time(q.get("end"), "end", errors);
    ZoneId zone = ZoneId.of("UTC");
    try {
      zone = ZoneId.of(q.getOrDefault("zone", "UTC"));
    } catch (RuntimeException e) {
      errors.add("zone is not a time zone: " + q.get("zone"));
    }
    Quantity quantity = Quantity.byId(q.getOrDefault("quantity", "pm25")).orElse(null);
    if (quantity == null) {
      errors.add("unknown quantity: " + q.get("quantity"));
    }
    List<Integer> weeks = weeks(q.getOrDefault("weeks", "3,6,12"), errors);
    String station = q.get("station");
    if (station != null && registry.sensor(station).isEmpty()) {
      errors.add("station is not a registered sensor: " + station);
    }
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add("end must be after start");
    }
    if (!errors.isEmpty()) {
      throw new Http.ClientError(400, errors);
    }
    int longest = weeks.stream().mapToInt(Integer::intValue).max().orElseThrow();
    Instant from = start.atZone(zone).minus(Duration.ofDays(7L * longest)).toInstant();
    Instant to = start.atZone(zone).toInstant();
    Map<String, Sensor> byId = new HashMap<>();
    registry.sensors().forEach(s -> byId.put(s.id(), s));
    List<String> ids = new ArrayList<>();
    treated.forEach(s -> ids.add(s.id()));
    control.forEach(s -> ids.add(s.id()));
    List<HourlyMean> hours = weather.means(ids, quantity, from, to, byId);
    Map<Instant, WeatherHour> w =
        weather.weather(station, treated.stream().map(Sensor::id).toList(), from, to, byId);
    List<StudyPlan.Estimate> estimates =
        StudyPlan.estimates(
            start, end, zone, treated, control, hours, hourGate, w, weeks, BauSettings.DEFAULT);
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("methodVersion", io.airq.planner.impact.weather.WeatherAdjustment.METHOD_VERSION);
    o.put("quantity", quantity.id());
    o.put("weatherSource", station == null ? "treated-sensors" : "station:" + station);
    o.set("estimates", JsonOut.tree(estimates));
    o.put("summaryEn", summary(estimates));
    Http.json(ex, 200, o);
  }

  /** One sentence per estimate: "With 6 weeks of history and 2 control sites: about 18%." */
  static String summary(List<StudyPlan.Estimate> estimates) {
    StringBuilder s = new StringBuilder("The smallest change this closure could show");
    for (StudyPlan.Estimate e : estimates) {
      s.append(
          String.format(
              Locale.ROOT,
              "; with %d weeks of history and %s: %s",
              e.trainingWeeks(),
              e.controlSites() == 0
                  ? "no control sites"
                  : e.controlSites() + " control site" + (e.controlSites() == 1 ? "" : "s"),
              Double.isFinite(e.minimumDetectablePercent())
                  ? String.format(Locale.ROOT, "about %.0f%%", e.minimumDetectablePercent())
                  : "not enough history (" + e.trainingDays() + " valid days)"));
    }
    return s.append('.').toString();
  }

  private List<Sensor> sensors(String list, String name, List<String> errors) {
    List<Sensor> out = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return out;
    }
    for (String id : list.split(",")) {
      registry
          .sensor(id.strip())
          .ifPresentOrElse(out::add, () -> errors.add(name + ": no such sensor: " + id.strip()));
    }
    return out;
  }

  private static LocalDateTime time(String v, String name, List<String> errors) {
    if (v == null) {
      errors.add(name + " is required: a local time such as 2024-09-20T07:00");
      return null;
    }
    try {
      return LocalDateTime.parse(v);
    } catch (DateTimeParseException e) {
      errors.add(name + " is not a local time such as 2024-09-20T07:00: " + v);
      return null;
    }
  }

  private static List<Integer> weeks(String v, List<String> errors) {
    try {
      List<Integer> w =
          Arrays.stream(v.split(",")).map(String::strip).map(Integer::parseInt).toList();
      if (w.isEmpty() || w.size() > 4 || w.stream().anyMatch(n -> n < 2 || n > 104)) {
        throw new NumberFormatException();
      }
      return w;
    } catch (NumberFormatException e) {
      errors.add("weeks must be one to four whole numbers from 2 to 104, separated by commas");
      return List.of(6);
    }
  }
}
