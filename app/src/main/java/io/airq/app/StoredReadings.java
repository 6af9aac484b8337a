package io.airq.app;

import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.streams.average.HourRecompute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code SELECT * FROM reading} as {@code airq recompute} reads them ({@link
 * RecomputeStore#readings}): per quantity the raw value ({@code pm25_raw}) and the corrected value
 * stored with it ({@code pm25}), and the QA flags. Pure.
 */
final class StoredReadings {
  private StoredReadings() {}

  /** The readings of one series' rows; a row without raw values is skipped. */
  static List<HourRecompute.Stored> of(List<String> cols, List<List<Object>> rows) {
    List<HourRecompute.Stored> out = new ArrayList<>();
    for (List<Object> row : rows) {
      Map<Quantity, Double> raw = new EnumMap<>(Quantity.class);
      Map<Quantity, Double> value = new EnumMap<>(Quantity.class);
      List<QaFlag> flags = new ArrayList<>();
      for (int i = 0; i < cols.size(); i++) {
        String c = cols.get(i);
        Object v = row.get(i);
        if (c.equals("flags") && v != null) {
          flags.addAll(flags(String.valueOf(v)));
        } else if (v instanceof Number n && c.endsWith("_raw")) {
          Quantity.byId(c.substring(0, c.length() - 4)).ifPresent(q -> raw.put(q, n.doubleValue()));
        } else if (v instanceof Number n) {
          Quantity.byId(c).ifPresent(q -> value.put(q, n.doubleValue()));
        }
      }
      if (!raw.isEmpty()) {
        out.add(
            new HourRecompute.Stored(
                Instant.parse(String.valueOf(row.get(cols.indexOf("time")))), raw, value, flags));
      }
    }
    return out;
  }

  /**
   * "pm25:stuck,no2:negative" as flags (a rule or quantity this build does not know is skipped).
   */
  static List<QaFlag> flags(String field) {
    List<QaFlag> out = new ArrayList<>();
    for (String f : field.split(",")) {
      int colon = f.indexOf(':');
      if (colon < 1) {
        continue;
      }
      String rule = f.substring(colon + 1).strip();
      var q = Quantity.byId(f.substring(0, colon).strip());
      for (QaRule r : QaRule.values()) {
        if (r.id().equals(rule) && q.isPresent()) {
          out.add(new QaFlag(r, q.get(), "stored"));
        }
      }
    }
    return out;
  }
}
