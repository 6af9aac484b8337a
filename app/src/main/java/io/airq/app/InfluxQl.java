package io.airq.app;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import java.time.Instant;

/** The InfluxQL statements of {@code airq recompute} that need quoting ({@link RecomputeStore}). */
final class InfluxQl {
  private InfluxQl() {}

  /**
   * The single-window DELETE (InfluxQL's DELETE names no retention policy: it removes the window's
   * points in every policy of the database).
   */
  static String delete(Scope scope, String key, AverageWindow w, Instant start) {
    return "DELETE FROM \"average\" WHERE \"scope\" = '"
        + scope.id()
        + "' AND \"key\" = "
        + literal(key)
        + " AND \"window\" = '"
        + w.id()
        + "' AND time = '"
        + start
        + "'";
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
