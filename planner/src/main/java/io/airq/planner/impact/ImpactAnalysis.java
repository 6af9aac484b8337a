package io.airq.planner.impact;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The closure-impact calculation, shared by the live path (phase aggregates from the streams job)
 * and the retroactive path (hourly means from InfluxDB). docs/method.md describes it.
 */
public final class ImpactAnalysis {
  /** Changes whenever a number in a report would change for the same data. */
  public static final String METHOD_VERSION = "airq-impact-1.1";

  public static final double DEFAULT_COVERAGE_GATE = 0.75;

  private ImpactAnalysis() {}

  /** Options of one report. */
  public record Options(boolean matchedHours, double hourGate, double coverageGate) {
    public static final Options DEFAULT =
        new Options(false, DEFAULT_COVERAGE_GATE, DEFAULT_COVERAGE_GATE);

    public Options withMatchedHours(boolean matched) {
      return new Options(matched, hourGate, coverageGate);
    }
  }

  /** The live path: phase aggregates per group, with the expected sensor-hours of each phase. */
  public static ImpactReport fromAggregates(
      Closure closure,
      Quantity quantity,
      Map<Phase, PhaseInput> treated,
      int treatedSensors,
      Map<Phase, PhaseInput> control,
      int controlSensors,
      Options options) {
    GroupImpact t =
        GroupImpact.of(Group.TREATED.id(), treatedSensors, treated, options.coverageGate());
    GroupImpact c =
        control == null
            ? null
            : GroupImpact.of(Group.CONTROL.id(), controlSensors, control, options.coverageGate());
    return report(closure, quantity, options, t, c, List.of());
  }

  /** The retroactive path: hourly sensor means, with a breakdown per area and county. */
  public static ImpactReport fromHourlyMeans(
      Closure closure,
      Quantity quantity,
      Collection<Sensor> registry,
      Collection<HourlyMean> hours,
      Options options) {
    List<Sensor> inService = PhaseAggregator.inService(closure, registry);
    List<Sensor> treatedSensors =
        inService.stream().filter(s -> closure.treated().selects(s)).toList();
    List<Sensor> controlSensors =
        inService.stream()
            .filter(s -> closure.control().selects(s) && !closure.treated().selects(s))
            .toList();
    GroupImpact t =
        group(Group.TREATED.id(), closure, Group.TREATED, quantity, treatedSensors, hours, options);
    GroupImpact c =
        closure.control().isEmpty()
            ? null
            : group(
                Group.CONTROL.id(),
                closure,
                Group.CONTROL,
                quantity,
                controlSensors,
                hours,
                options);
    List<GroupImpact> breakdown = new ArrayList<>();
    breakdown.addAll(
        split("area:", Sensor::area, closure, quantity, treatedSensors, hours, options));
    breakdown.addAll(
        split("county:", Sensor::county, closure, quantity, treatedSensors, hours, options));
    return report(closure, quantity, options, t, c, breakdown);
  }

  private static List<GroupImpact> split(
      String prefix,
      Function<Sensor, String> key,
      Closure closure,
      Quantity quantity,
      List<Sensor> sensors,
      Collection<HourlyMean> hours,
      Options options) {
    Map<String, List<Sensor>> byKey = new TreeMap<>();
    for (Sensor s : sensors) {
      String k = key.apply(s);
      if (!k.isEmpty()) {
        byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
      }
    }
    List<GroupImpact> out = new ArrayList<>();
    byKey.forEach(
        (k, list) ->
            out.add(group(prefix + k, closure, Group.TREATED, quantity, list, hours, options)));
    return out;
  }

  private static GroupImpact group(
      String label,
      Closure closure,
      Group group,
      Quantity quantity,
      List<Sensor> sensors,
      Collection<HourlyMean> hours,
      Options options) {
    List<String> ids = sensors.stream().map(Sensor::id).toList();
    Map<Phase, PhaseInput> inputs =
        PhaseAggregator.aggregate(
            closure,
            group,
            quantity,
            ids,
            PhaseAggregator.expectedHours(closure, sensors, options.matchedHours()),
            hours,
            options.matchedHours(),
            options.hourGate());
    return GroupImpact.of(label, ids.size(), inputs, options.coverageGate());
  }

  private static ImpactReport report(
      Closure closure,
      Quantity quantity,
      Options options,
      GroupImpact treated,
      GroupImpact control,
      List<GroupImpact> breakdown) {
    Change did = ImpactReport.did(treated, control);
    Outcome didOutcome =
        control == null
                || treated.outcome() == Outcome.INSUFFICIENT_DATA
                || !GroupImpact.insufficiency(
                        control.phases().get(Phase.BEFORE),
                        control.phases().get(Phase.DURING),
                        options.coverageGate())
                    .isEmpty()
            ? Outcome.INSUFFICIENT_DATA
            : did.outcome();
    String en = Summary.english(quantity, treated, control, did, didOutcome);
    String sw = Summary.swahili(quantity, treated, control, did, didOutcome);
    return new ImpactReport(
        METHOD_VERSION,
        closure.id(),
        quantity,
        options.matchedHours(),
        options.coverageGate(),
        treated,
        control,
        did,
        didOutcome,
        breakdown,
        en,
        sw,
        WeatherSummary.headlineEnglish(quantity, treated, null, en),
        WeatherSummary.headlineSwahili(quantity, treated, null, sw));
  }
}
