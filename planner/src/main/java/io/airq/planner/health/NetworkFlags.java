package io.airq.planner.health;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The network's QA flags over a period (the last 24 hours or 7 days), counted on raw readings (a
 * reading is flagged when any of its values carries a flag).
 *
 * @param readings the registered sensors' raw readings in the period
 * @param flagged those with at least one flag
 * @param byRule per QA rule id (any quantity): the readings with a value flagged by it
 * @param perSensor per sensor with readings in the period: its readings and flagged readings
 */
public record NetworkFlags(
    long readings, long flagged, Map<String, Long> byRule, Map<String, Counts> perSensor) {

  /** One sensor's raw readings in the period and how many of them carry a flag. */
  public record Counts(long readings, long flagged) {
    public double share() {
      return readings == 0 ? 0 : Math.min(1.0, (double) flagged / readings);
    }
  }

  /** One sensor among the most flagged. */
  public record Worst(String sensor, double share, long readings, long flagged) {}

  /** The share of all readings that carry a flag (0 without readings). */
  public double share() {
    return readings == 0 ? 0 : Math.min(1.0, (double) flagged / readings);
  }

  /** Per rule id, the share of all readings with a value it flagged (0 without readings). */
  public Map<String, Double> ruleShares() {
    Map<String, Double> out = new TreeMap<>();
    byRule.forEach(
        (rule, n) -> out.put(rule, readings == 0 ? 0 : Math.min(1.0, (double) n / readings)));
    return out;
  }

  /**
   * The {@code limit} sensors with the highest share of flagged readings, those with none left out.
   */
  public List<Worst> worst(int limit) {
    return perSensor.entrySet().stream()
        .filter(e -> e.getValue().flagged() > 0)
        .map(
            e ->
                new Worst(
                    e.getKey(),
                    e.getValue().share(),
                    e.getValue().readings(),
                    e.getValue().flagged()))
        .sorted(Comparator.comparingDouble(Worst::share).reversed().thenComparing(Worst::sensor))
        .limit(limit)
        .toList();
  }
}
