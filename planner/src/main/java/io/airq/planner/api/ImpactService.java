package io.airq.planner.api;

import io.airq.core.closure.Closure;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.impact.HourlyMean;
import io.airq.planner.impact.ImpactAnalysis;
import io.airq.planner.impact.ImpactReport;
import io.airq.planner.influx.AverageReader;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The retroactive path: hourly sensor means from InfluxDB through the impact maths. */
public final class ImpactService {
  private final AverageReader reader;

  public ImpactService(AverageReader reader) {
    this.reader = reader;
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
    List<HourlyMean> hours = reader.hourlySensorMeans(ids, quantity, from, to);
    return ImpactAnalysis.fromHourlyMeans(closure, quantity, registry, hours, o);
  }
}
