package io.airq.app;

import io.airq.core.average.WindowAverage;
import io.airq.sink.line.LineResult;
import io.airq.sink.line.PointMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stored {@code average} point of one window and quantity, as {@code airq recompute} compares it
 * with its recomputed window ({@link RecomputeStore}): its fields that hold a value, its tags
 * {@code area} and {@code county}, and whether the same window and quantity was found in two series
 * (two {@code area} or {@code county} tags). The recomputed side is the point {@link
 * PointMapper#average} generates, read back from its line ({@link #written}), so the fields it
 * leaves out (NaN or infinite numbers, null strings) are not written and a stored value of one of
 * them would survive the write.
 */
record StoredPoint(Map<String, Object> fields, String area, String county, boolean duplicated) {
  private static final Set<String> TAGS =
      Set.of("time", "scope", "key", "area", "county", "window", "quantity");

  /** The point of a row of {@code SELECT * FROM average … GROUP BY "quantity"}. */
  static StoredPoint of(List<String> cols, List<Object> row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < cols.size(); i++) {
      if (row.get(i) != null && !TAGS.contains(cols.get(i))) {
        fields.put(cols.get(i), row.get(i));
      }
    }
    return new StoredPoint(fields, tag(cols, row, "area"), tag(cols, row, "county"), false);
  }

  /** The same point, found in a second series too: a write cannot overwrite both. */
  StoredPoint asDuplicated() {
    return new StoredPoint(fields, area, county, true);
  }

  Object mean() {
    return fields.get("mean");
  }

  Object correction() {
    return fields.get("correction");
  }

  /** The fields the sink writes for {@code a} (numbers as Double or Long, strings), by name. */
  static Map<String, Object> written(WindowAverage a) {
    return PointMapper.average(a) instanceof LineResult.Lines l
        ? fieldsOf(l.lines().get(0))
        : Map.of();
  }

  /**
   * Whether writing {@code a} (whose written fields are {@code written}) over it leaves nothing of
   * it behind: one series only, the same tags, and no field that is not written (an index it no
   * longer has, a retired field, a value that is now NaN).
   */
  boolean overwrittenBy(WindowAverage a, Map<String, Object> written) {
    return !duplicated
        && area.equals(a.area())
        && county.equals(a.county())
        && written.keySet().containsAll(fields.keySet());
  }

  /** Whether its fields are those written, with the same values (numbers within 1e-9). */
  boolean sameAs(Map<String, Object> written) {
    if (!fields.keySet().equals(written.keySet())) {
      return false;
    }
    for (Map.Entry<String, Object> e : written.entrySet()) {
      if (!same(fields.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Whether its mean and correction are those written. */
  boolean sameMean(Map<String, Object> written) {
    return same(mean(), written.get("mean")) && same(correction(), written.get("correction"));
  }

  private static boolean same(Object stored, Object written) {
    if (stored instanceof Number x && written instanceof Number y) {
      double a = x.doubleValue();
      double b = y.doubleValue();
      return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
    return Objects.equals(stored, written);
  }

  /**
   * The fields of a line-protocol line as {@link io.airq.sink.line.LineBuilder} writes them: a
   * float as Double, an integer ({@code 3i}) as Long, a string unescaped.
   */
  static Map<String, Object> fieldsOf(String line) {
    int i = 0;
    while (line.charAt(i) != ' ') { // the measurement and tags: an escaped space is skipped
      i += line.charAt(i) == '\\' ? 2 : 1;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    StringBuilder key = new StringBuilder();
    i++;
    while (true) {
      char c = line.charAt(i);
      if (c == '\\') {
        key.append(line.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c != '=') {
        key.append(c);
        i++;
        continue;
      }
      i++;
      Object value;
      if (line.charAt(i) == '"') {
        StringBuilder s = new StringBuilder();
        i++;
        while (line.charAt(i) != '"') {
          if (line.charAt(i) == '\\') {
            i++;
          }
          s.append(line.charAt(i++));
        }
        i++;
        value = s.toString();
      } else {
        int end = i;
        while (line.charAt(end) != ',' && line.charAt(end) != ' ') {
          end++;
        }
        String v = line.substring(i, end);
        value =
            v.endsWith("i")
                ? (Object) Long.parseLong(v.substring(0, v.length() - 1))
                : (Object) Double.parseDouble(v);
        i = end;
      }
      out.put(key.toString(), value);
      key.setLength(0);
      if (line.charAt(i) == ' ') {
        return out;
      }
      i++; // the comma before the next field
    }
  }

  private static String tag(List<String> cols, List<Object> row, String tag) {
    int i = cols.indexOf(tag);
    return i < 0 || row.get(i) == null ? "" : String.valueOf(row.get(i));
  }
}
