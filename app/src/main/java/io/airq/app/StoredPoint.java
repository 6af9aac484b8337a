package io.airq.app;

import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.sink.line.PointMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stored {@code average} point of one window and quantity, as {@code airq recompute} compares it
 * with its recomputed window ({@link RecomputeStore}): its mean and correction, its tags {@code
 * area} and {@code county}, and the names of its fields that hold a value.
 */
record StoredPoint(Object mean, Object correction, String area, String county, Set<String> fields) {
  /** The fields {@link PointMapper#average} writes on every point, and with each index value. */
  private static final Set<String> BASE_FIELDS =
      Set.of("mean", "raw_mean", "min", "max", "count", "expected", "coverage", "correction");

  private static final List<String> INDEX_SUFFIXES =
      List.of("", "_category", "_pollutant", "_averaging", "_id");

  private static final Set<String> TAGS =
      Set.of("time", "scope", "key", "area", "county", "window", "quantity");

  /** The point of a row of {@code SELECT * FROM average … GROUP BY "quantity"}. */
  static StoredPoint of(List<String> cols, List<Object> row) {
    Set<String> fields = new HashSet<>();
    for (int i = 0; i < cols.size(); i++) {
      if (row.get(i) != null && !TAGS.contains(cols.get(i))) {
        fields.add(cols.get(i));
      }
    }
    return new StoredPoint(
        column(cols, row, "mean"),
        column(cols, row, "correction"),
        tag(cols, row, "area"),
        tag(cols, row, "county"),
        fields);
  }

  /**
   * Whether writing {@code a} over it leaves nothing of it behind: the same series (tags), and no
   * field that {@code a} does not write (an index it no longer has, a retired field).
   */
  boolean overwrittenBy(WindowAverage a) {
    if (!area.equals(a.area()) || !county.equals(a.county())) {
      return false;
    }
    Set<String> written = new HashSet<>(BASE_FIELDS);
    for (IndexValue v : a.indices()) {
      for (String suffix : INDEX_SUFFIXES) {
        written.add(v.field() + suffix);
      }
    }
    return written.containsAll(fields);
  }

  private static String tag(List<String> cols, List<Object> row, String tag) {
    Object v = column(cols, row, tag);
    return v == null ? "" : String.valueOf(v);
  }

  private static Object column(List<String> cols, List<Object> row, String name) {
    int i = cols.indexOf(name);
    return i < 0 ? null : row.get(i);
  }
}
