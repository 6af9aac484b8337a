package io.airq.planner.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.average.AverageWindow;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.planner.influx.IndexPoint;
import io.airq.planner.influx.SeriesIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/series?…&index=…}: which index and window a request asks for, and the answer, JSON or
 * CSV, each point with the index's value, category, dominant pollutant, averaging and id
 * (docs/api.md).
 */
final class IndexSeriesAnswer {
  private IndexSeriesAnswer() {}

  /** The index asked for; a 400 naming the known ones when unknown. */
  static SeriesIndex index(String id) {
    return SeriesIndex.byId(id)
        .orElseThrow(
            () ->
                new Http.ClientError(
                    400, List.of("unknown index: " + id + " (one of " + SeriesIndex.ids() + ")")));
  }

  /** The window: the request's if the index is written on it, else its default; 400 otherwise. */
  static AverageWindow window(SeriesIndex index, Map<String, String> q) {
    String w = q.get("window");
    if (w == null) {
      return index.windows().get(0);
    }
    return index.windows().stream()
        .filter(x -> x.id().equals(w))
        .findFirst()
        .orElseThrow(
            () ->
                new Http.ClientError(
                    400,
                    List.of(
                        "index "
                            + index.id()
                            + " is on window "
                            + String.join(
                                " or ", index.windows().stream().map(AverageWindow::id).toList())
                            + ", not "
                            + w)));
  }

  /** Answers the index's values as CSV or JSON, with their provenance. */
  static void send(
      HttpExchange ex,
      boolean csv,
      String database,
      SeriesIndex index,
      String scope,
      String key,
      AverageWindow window,
      Quantity quantity,
      List<IndexPoint> values)
      throws IOException {
    Provenance p =
        Provenance.of(
            database, "scope=" + scope + ", window=" + window.id() + ", field=" + index.field());
    if (csv) {
      Http.send(
          ex,
          200,
          "text/csv; charset=utf-8",
          csv(values, Csv.provenance(p)).getBytes(StandardCharsets.UTF_8));
    } else {
      ObjectNode o = json(index, window, quantity, values);
      o.set("provenance", JsonOut.tree(p));
      o.put("scope", scope);
      o.put("key", key);
      Http.json(ex, 200, o);
    }
  }

  static ObjectNode json(
      SeriesIndex index, AverageWindow w, Quantity quantity, List<IndexPoint> points) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("index", index.id());
    o.put("field", index.field());
    o.put("window", w.id());
    if (index.perQuantity()) {
      o.put("quantity", quantity.id());
    }
    var arr = o.putArray("points");
    for (IndexPoint p : points) {
      arr.addObject()
          .put("key", p.key())
          .put("time", p.time().toString())
          .put("value", p.value())
          .put("category", p.category())
          .put("pollutant", p.pollutant())
          .put("averaging", p.averaging())
          .put("id", p.id());
    }
    return o;
  }

  static String csv(List<IndexPoint> points, String provenance) {
    StringBuilder s = new StringBuilder(provenance);
    s.append("key,time,value,category,pollutant,averaging,id\n");
    for (IndexPoint p : points) {
      s.append(Csv.field(p.key()))
          .append(',')
          .append(p.time())
          .append(',')
          .append(p.value())
          .append(',')
          .append(Csv.field(p.category()))
          .append(',')
          .append(p.pollutant())
          .append(',')
          .append(p.averaging())
          .append(',')
          .append(p.id())
          .append('\n');
    }
    return s.toString();
  }
}
