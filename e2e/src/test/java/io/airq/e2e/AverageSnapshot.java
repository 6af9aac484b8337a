package io.airq.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Every stored {@code average} point of some sensors and areas, whatever its scope, window and
 * fields: "tag=value,...@epoch ms" (tags sorted) -> field -> value (null fields left out), and
 * their differences within 1e-9 relative.
 */
final class AverageSnapshot {
  private AverageSnapshot() {}

  /** The points whose {@code key} is one of {@code sensors} or {@code area}, or in {@code area}. */
  static Map<String, Map<String, Object>> read(
      PipelineHarness h, Set<String> sensors, String area) {
    String q = "SELECT * FROM average GROUP BY *";
    QueryResult r = h.influx.query(new Query(q, h.database), TimeUnit.MILLISECONDS);
    QueryResult.Result first = r.getResults().get(0);
    if (first.getError() != null) {
      throw new IllegalStateException(first.getError() + " in " + q);
    }
    Map<String, Map<String, Object>> out = new TreeMap<>();
    if (first.getSeries() == null) {
      return out;
    }
    for (QueryResult.Series s : first.getSeries()) {
      Map<String, String> tags = new TreeMap<>(s.getTags());
      String key = tags.getOrDefault("key", "");
      if (!sensors.contains(key) && !key.equals(area) && !area.equals(tags.get("area"))) {
        continue;
      }
      String series =
          tags.entrySet().stream()
              .filter(e -> !e.getValue().isEmpty())
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(","));
      List<String> cols = s.getColumns();
      for (List<Object> row : s.getValues()) {
        Map<String, Object> fields = new TreeMap<>();
        for (int i = 1; i < cols.size(); i++) {
          if (row.get(i) != null) {
            fields.put(cols.get(i), row.get(i));
          }
        }
        out.put(series + "@" + ((Number) row.get(0)).longValue(), fields);
      }
    }
    return out;
  }

  /**
   * One line per point that differs, with its fields that differ (numbers within 1e-9 relative).
   */
  static List<String> differences(
      Map<String, Map<String, Object>> want, Map<String, Map<String, Object>> got) {
    List<String> out = new ArrayList<>();
    Set<String> ids = new TreeSet<>(want.keySet());
    ids.addAll(got.keySet());
    for (String id : ids) {
      Map<String, Object> w = want.get(id);
      Map<String, Object> g = got.get(id);
      if (w == null || g == null) {
        out.add(id + (w == null ? ": not expected, found " + g : ": missing, expected " + w));
        continue;
      }
      Set<String> fields = new TreeSet<>(w.keySet());
      fields.addAll(g.keySet());
      Map<String, String> bad = new LinkedHashMap<>();
      for (String f : fields) {
        if (!same(w.get(f), g.get(f))) {
          bad.put(f, w.get(f) + " -> " + g.get(f));
        }
      }
      if (!bad.isEmpty()) {
        out.add(id + ": " + bad);
      }
    }
    if (out.size() > 20) {
      int more = out.size() - 20;
      out = new ArrayList<>(out.subList(0, 20));
      out.add("... and " + more + " more");
    }
    return out;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      double u = x.doubleValue();
      double v = y.doubleValue();
      return Math.abs(u - v) <= 1e-9 * Math.max(Math.abs(u), Math.abs(v));
    }
    return Objects.equals(a, b);
  }

  /** The value of {@code tag} in a point id of {@link #read}. */
  static String tag(String id, String tag) {
    for (String t : id.substring(0, id.lastIndexOf('@')).split(",")) {
      if (t.startsWith(tag + "=")) {
        return t.substring(tag.length() + 1);
      }
    }
    return "";
  }

  /** The time of a point id of {@link #read}, as an ISO instant. */
  static String time(String id) {
    return java.time.Instant.ofEpochMilli(Long.parseLong(id.substring(id.lastIndexOf('@') + 1)))
        .toString();
  }
}
