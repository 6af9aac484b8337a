package io.airq.planner.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The share of a sensor's values flagged per QA rule, over the last 24 hours and the last 7 days:
 * for each {@code quantity:rule} (as the raw readings' {@code flags} field lists them), the flagged
 * values of that quantity / all its values in the period, 0..1.
 *
 * @param last24h by {@code quantity:rule}, only those that flagged a value in the period
 * @param last7d the same over 7 days
 */
public record QaFlagShares(Map<String, Double> last24h, Map<String, Double> last7d) {

  /** One raw reading that carries flags: its time and its {@code flags} field. */
  public record Flagged(Instant time, String flags) {}

  /**
   * @param values24h values per quantity id in the last 24 hours
   * @param values7d values per quantity id in the last 7 days
   * @param flagged the flagged readings of the last 7 days
   * @param since24h the start of the last 24 hours
   */
  public static QaFlagShares of(
      Map<String, Long> values24h,
      Map<String, Long> values7d,
      List<Flagged> flagged,
      Instant since24h) {
    Map<String, Long> n24 = new TreeMap<>();
    Map<String, Long> n7 = new TreeMap<>();
    for (Flagged f : flagged) {
      for (String qr : f.flags().split(",")) {
        String key = qr.strip();
        if (key.indexOf(':') < 1) {
          continue;
        }
        n7.merge(key, 1L, Long::sum);
        if (!f.time().isBefore(since24h)) {
          n24.merge(key, 1L, Long::sum);
        }
      }
    }
    return new QaFlagShares(shares(n24, values24h), shares(n7, values7d));
  }

  private static Map<String, Double> shares(Map<String, Long> flagged, Map<String, Long> values) {
    Map<String, Double> out = new TreeMap<>();
    flagged.forEach(
        (key, n) -> {
          long all = values.getOrDefault(key.substring(0, key.indexOf(':')), 0L);
          out.put(key, all == 0 ? 1.0 : Math.min(1.0, (double) n / all));
        });
    return out;
  }
}
