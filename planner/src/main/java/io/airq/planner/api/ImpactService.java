package io.airq.planner.api;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.impact.HourlyMean;
import io.airq.planner.impact.ImpactAnalysis;
import io.airq.planner.impact.ImpactReport;
import io.airq.planner.impact.PhaseAggregator;
import io.airq.planner.impact.PhaseInput;
import io.airq.planner.influx.AverageReader;
import io.airq.planner.registry.Registry;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Impact reports by the retroactive path (hourly sensor means from InfluxDB) or the live path (the
 * streams job's phase aggregates), both through the same maths.
 */
public final class ImpactService {
  private final AverageReader reader;
  private final Registry registry;
  private final WeatherImpact weather;
  private final PlanRoutes plan;

  /**
   * @param weatherSource where a closure's weather comes from (docs/weather.md)
   * @param hourGate {@code impact.hour.gate}
   */
  public ImpactService(
      AverageReader reader,
      Registry registry,
      io.airq.planner.weather.WeatherSource weatherSource,
      double hourGate) {
    this.reader = reader;
    this.registry = registry;
    this.weather = new WeatherImpact(reader, weatherSource);
    this.plan = new PlanRoutes(registry, new WeatherImpact(reader, null), hourGate);
  }

  /** Serves {@code GET /api/impact-plan}; false for any other request. */
  boolean plan(
      com.sun.net.httpserver.HttpExchange ex, String method, String path, Map<String, String> q)
      throws java.io.IOException {
    if (!path.equals("/api/impact-plan") || !method.equals("GET")) {
      return false;
    }
    plan.plan(ex, q);
    return true;
  }

  /** A direction has no meaningful change in percent (and its hourly means are vector means). */
  private static void refuseDirections(Quantity quantity) {
    if (quantity.circular()) {
      throw new Http.ClientError(
          400, List.of(quantity.id() + " is a direction: an impact in percent has no meaning"));
    }
  }

  /** The stored-path report, with airq-impact-2 when the query asks for it (docs/api.md). */
  ImpactReport stored(
      Closure c,
      Quantity quantity,
      Collection<Sensor> sensors,
      ImpactAnalysis.Options o,
      Map<String, String> q) {
    refuseDirections(quantity);
    return weatherWanted(c, q)
        ? reportWithWeather(c, quantity, sensors, o, training(q))
        : report(c, quantity, sensors, o);
  }

  /**
   * airq-impact-2 is computed when asked ({@code weather=true}) or, unless refused ({@code
   * weather=false}), when the closure names its weather station.
   */
  private static boolean weatherWanted(Closure c, Map<String, String> q) {
    String w = q.getOrDefault("weather", "auto");
    return switch (w) {
      case "true" -> true;
      case "false" -> false;
      case "auto" -> c.weather() != null;
      default -> throw new Http.ClientError(400, List.of("weather must be true, false or auto"));
    };
  }

  private static java.time.Duration training(Map<String, String> q) {
    String w = q.get("trainingWeeks");
    if (w == null) {
      return io.airq.planner.impact.weather.ClosureAdjustment.DEFAULT_TRAINING;
    }
    try {
      int n = Integer.parseInt(w);
      if (n < 2 || n > 104) {
        throw new NumberFormatException();
      }
      return java.time.Duration.ofDays(7L * n);
    } catch (NumberFormatException e) {
      throw new Http.ClientError(
          400, List.of("trainingWeeks must be a whole number of weeks from 2 to 104"));
    }
  }

  /**
   * The stored-path report with the weather-adjusted result (airq-impact-2) of its treated and
   * control groups, the model trained on {@code training} before the closure (docs/method.md).
   */
  public ImpactReport reportWithWeather(
      Closure closure,
      Quantity quantity,
      Collection<Sensor> sensors,
      ImpactAnalysis.Options o,
      java.time.Duration training) {
    ImpactReport r = report(closure, quantity, sensors, o);
    return weather.add(r, closure, quantity, sensors, registry.closures(), o, training);
  }

  /**
   * The live path: the latest phase aggregates the streams job emitted (the streams job decides
   * hourly validity; matched hours are not available here). A missing aggregate is an empty phase.
   */
  public ImpactReport live(Closure closure, Quantity quantity, ImpactAnalysis.Options o) {
    refuseDirections(quantity);
    Collection<Sensor> sensors = PhaseAggregator.inService(closure, registry.sensors());
    List<Sensor> treated = sensors.stream().filter(s -> closure.treated().selects(s)).toList();
    List<Sensor> control =
        sensors.stream()
            .filter(s -> closure.control().selects(s) && !closure.treated().selects(s))
            .toList();
    return ImpactAnalysis.fromAggregates(
        closure,
        quantity,
        inputs(closure, Group.TREATED, quantity, treated),
        treated.size(),
        closure.control().isEmpty() ? null : inputs(closure, Group.CONTROL, quantity, control),
        control.size(),
        o);
  }

  private Map<Phase, PhaseInput> inputs(Closure c, Group g, Quantity q, List<Sensor> sensors) {
    Map<Phase, Long> expected = PhaseAggregator.expectedHours(c, sensors, false);
    Map<Phase, PhaseInput> out = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      PhaseAggregate a =
          registry
              .aggregate(c.id(), g, p, q)
              .orElse(new PhaseAggregate(c.id(), g, p, q, Map.of(), 0, null));
      out.put(p, new PhaseInput(a, expected.getOrDefault(p, 0L)));
    }
    return out;
  }

  public ImpactReport report(
      Closure closure, Quantity quantity, Collection<Sensor> registry, ImpactAnalysis.Options o) {
    List<String> ids =
        registry.stream()
            .filter(s -> closure.treated().selects(s) || closure.control().selects(s))
            .map(Sensor::id)
            .toList();
    Instant from = closure.beforeStart();
    Instant to = closure.afterEnd();
    for (var p : closure.comparisonPeriods()) {
      Instant e = p.end().atZone(closure.zone()).toInstant();
      to = e.isAfter(to) ? e : to;
    }
    Map<String, Sensor> byId = new java.util.HashMap<>();
    registry.forEach(s -> byId.put(s.id(), s));
    List<HourlyMean> hours =
        reader.hourlySensorMeans(
            ids,
            quantity,
            from,
            to,
            id ->
                byId.containsKey(id)
                    ? byId.get(id).expectedCount(java.time.Duration.ofHours(1))
                    : 0);
    return ImpactAnalysis.fromHourlyMeans(closure, quantity, registry, hours, o);
  }
}
