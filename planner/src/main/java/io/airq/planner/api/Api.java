package io.airq.planner.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverages;
import io.airq.core.closure.Closure;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.PlannerConfig;
import io.airq.planner.health.NetworkFlagCounts;
import io.airq.planner.impact.ImpactAnalysis;
import io.airq.planner.impact.ImpactReport;
import io.airq.planner.influx.AverageReader;
import io.airq.planner.influx.IndexPoint;
import io.airq.planner.influx.SeriesDetail;
import io.airq.planner.influx.SeriesIndex;
import io.airq.planner.registry.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes: REST API, exports, OpenAPI document; the web page's through {@link PageRoutes}.
 */
public final class Api {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  private static final int FLAG_LIMIT = 1000;

  private final Registry registry;
  private final ImpactService impact;
  private final AverageReader reader;
  private final PlannerConfig cfg;
  private final ClosureWrites closureWrites;
  private final AccessRoutes access;
  private final SensorRoutes sensors;
  private final HealthRoutes health;
  private final PageRoutes page;
  private final WeatherRoutes weather;

  public Api(
      Registry registry,
      ImpactService impact,
      AverageReader reader,
      PlannerConfig cfg,
      Consumer<Closure> closureWriter,
      Consumer<List<Sensor>> sensorWriter,
      Consumer<List<WindowAverages>> averagesWriter,
      AccessRoutes access,
      NetworkFlagCounts flagCounts) {
    this.registry = registry;
    this.impact = impact;
    this.reader = reader;
    this.cfg = cfg;
    this.closureWrites = new ClosureWrites(registry, closureWriter, Clock.systemUTC());
    this.access = access;
    this.sensors = new SensorRoutes(registry, sensorWriter, Clock.systemUTC());
    this.health = new HealthRoutes(registry, reader, Clock.systemUTC(), flagCounts);
    this.page = new PageRoutes(cfg);
    this.weather = new WeatherRoutes(registry, averagesWriter);
  }

  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      LOG.debug("{} {}", method, path);
      try {
        route(ex, method, path);
      } catch (Http.ClientError e) {
        Http.clientError(ex, e);
      } catch (RuntimeException e) {
        Http.unexpected(ex, e);
      }
    }
  }

  private void route(HttpExchange ex, String method, String path) throws IOException {
    Map<String, String> q = Http.query(ex);
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    if (path.equals("/openapi.json")) {
      Http.resource(ex, "openapi.json", "application/json");
    } else if (page.route(ex, method, path, q) || impact.plan(ex, method, path, q)) {
      return;
    } else if (parts.length == 4
        && path.startsWith("/api/sensors/")
        && parts[3].equals("health")
        && method.equals("GET")) {
      health.sensor(ex, parts[2], q);
    } else if (path.equals("/api/network") && method.equals("GET")) {
      health.network(ex, q);
    } else if (parts.length >= 2 && parts[0].equals("api") && parts[1].equals("sensors")) {
      sensors.route(ex, method, parts);
    } else if (path.equals("/api/series") && method.equals("GET")) {
      series(ex, q);
    } else if (path.equals("/api/flags") && method.equals("GET")) {
      flags(ex, q);
    } else if (parts.length >= 2 && parts[0].equals("api") && parts[1].equals("closures")) {
      if (!closureWrites.route(ex, method, parts)) {
        closures(ex, method, parts, q);
      }
    } else if (WeatherRoutes.handles(parts)) {
      weather.route(ex, method, parts);
    } else if (AccessRoutes.handles(parts)) {
      access.route(ex, method, parts, q);
    } else {
      throw new Http.ClientError(404, List.of("no such resource: " + path));
    }
  }

  private void closures(HttpExchange ex, String method, String[] parts, Map<String, String> q)
      throws IOException {
    if (parts.length == 2 && method.equals("GET")) {
      Http.json(
          ex,
          200,
          registry.closures().stream().sorted(Comparator.comparing(Closure::start)).toList());
    } else if (parts.length == 3 && method.equals("GET")) {
      Http.json(ex, 200, closure(parts[2]));
    } else if (parts.length == 4 && parts[3].equals("impact") && method.equals("GET")) {
      Closure c = closure(parts[2]);
      Quantity quantity = quantity(q.getOrDefault("quantity", "pm25"));
      boolean matched = Boolean.parseBoolean(q.getOrDefault("matchedHours", "false"));
      String source = q.getOrDefault("source", "stored");
      ImpactAnalysis.Options options =
          new ImpactAnalysis.Options(matched, cfg.hourGate(), cfg.coverageGate());
      ImpactReport r;
      Provenance p;
      if (source.equals("live")) {
        if (matched) {
          throw new Http.ClientError(400, List.of("matchedHours needs source=stored"));
        }
        r = impact.live(c, quantity, options);
        p = Provenance.live(cfg.topicPrefix());
      } else if (source.equals("stored")) {
        r = impact.stored(c, quantity, registry.sensors(), options, q);
        p = Provenance.of(cfg.influxDatabase(), "scope=sensor, window=1h");
      } else {
        throw new Http.ClientError(400, List.of("source must be stored or live"));
      }
      if ("csv".equals(q.get("format"))) {
        String csv = Csv.withdrawal(c) + Csv.report(r, p);
        Http.send(ex, 200, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
      } else {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("status", c.isWithdrawn() ? "withdrawn" : "in force");
        if (c.isWithdrawn()) {
          o.put("withdrawnAt", c.withdrawnAt().toString());
        }
        o.set("provenance", JsonOut.tree(p));
        o.set("closure", JsonOut.tree(c));
        o.set("periods", periods(c));
        o.put("unit", quantity.unit());
        o.put("hourGate", cfg.hourGate());
        o.set("report", JsonOut.tree(r));
        Http.json(ex, 200, o);
      }
    } else {
      throw new Http.ClientError(405, List.of(method + " is not allowed here"));
    }
  }

  /** The phases as UTC instants, for charts: before (one or more ranges), during, after. */
  private static ObjectNode periods(Closure c) {
    ObjectNode o = Json.mapper().createObjectNode();
    var before = o.putArray("before");
    if (c.comparisonPeriods().isEmpty()) {
      before
          .addObject()
          .put("from", c.beforeStart().toString())
          .put("to", c.startInstant().toString());
    } else {
      for (var p : c.comparisonPeriods()) {
        before
            .addObject()
            .put("from", p.start().atZone(c.zone()).toInstant().toString())
            .put("to", p.end().atZone(c.zone()).toInstant().toString());
      }
    }
    o.putObject("during")
        .put("from", c.startInstant().toString())
        .put("to", c.endInstant().toString());
    o.putObject("after").put("from", c.endInstant().toString()).put("to", c.afterEnd().toString());
    return o;
  }

  private void series(HttpExchange ex, Map<String, String> q) throws IOException {
    String sensor = q.get("sensor");
    String area = q.get("area");
    if ((sensor == null) == (area == null)) {
      throw new Http.ClientError(400, List.of("give exactly one of sensor or area"));
    }
    Quantity quantity = quantity(q.getOrDefault("quantity", "pm25"));
    SeriesIndex index = q.containsKey("index") ? IndexSeriesAnswer.index(q.get("index")) : null;
    AverageWindow window =
        index != null
            ? IndexSeriesAnswer.window(index, q)
            : AverageWindow.byId(q.getOrDefault("window", "1h"))
                .orElseThrow(
                    () -> new Http.ClientError(400, List.of("window must be 1m, 1h, 24h or day")));
    Instant from = instant(q, "from");
    Instant to = instant(q, "to");
    if (!to.isAfter(from)) {
      throw new Http.ClientError(400, List.of("to must be after from"));
    }
    Scope scope = sensor != null ? Scope.SENSOR : Scope.AREA;
    String key = sensor != null ? sensor : area;
    if (index != null) {
      List<IndexPoint> values =
          reader.indexSeries(index, scope, List.of(key), window, quantity, from, to);
      IndexSeriesAnswer.send(
          ex,
          "csv".equals(q.get("format")),
          cfg.influxDatabase(),
          index,
          scope.id(),
          key,
          window,
          quantity,
          values);
      return;
    }
    List<SeriesDetail> points = reader.detail(scope, List.of(key), window, quantity, from, to);
    Provenance p =
        Provenance.of(cfg.influxDatabase(), "scope=" + scope.id() + ", window=" + window.id());
    if ("csv".equals(q.get("format"))) {
      Http.send(
          ex,
          200,
          "text/csv; charset=utf-8",
          Csv.series(points, quantity.id(), p).getBytes(StandardCharsets.UTF_8));
    } else {
      ObjectNode o = Json.mapper().createObjectNode();
      o.set("provenance", JsonOut.tree(p));
      o.put("scope", scope.id());
      o.put("key", key);
      o.put("quantity", quantity.id());
      o.put("unit", quantity.unit());
      o.put("window", window.id());
      o.set("points", JsonOut.tree(points));
      Http.json(ex, 200, o);
    }
  }

  /** A sensor's readings with a QA flag on the quantity (at most 1000, oldest first). */
  private void flags(HttpExchange ex, Map<String, String> q) throws IOException {
    String sensor = q.get("sensor");
    if (sensor == null || sensor.isBlank()) {
      throw new Http.ClientError(400, List.of("sensor is required"));
    }
    Quantity quantity = quantity(q.getOrDefault("quantity", "pm25"));
    Instant from = instant(q, "from");
    Instant to = instant(q, "to");
    if (!to.isAfter(from)) {
      throw new Http.ClientError(400, List.of("to must be after from"));
    }
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("sensor", sensor);
    o.put("quantity", quantity.id());
    o.put("limit", FLAG_LIMIT);
    o.set("readings", JsonOut.tree(reader.flagged(sensor, quantity, from, to, FLAG_LIMIT)));
    Http.json(ex, 200, o);
  }

  private Closure closure(String id) {
    return registry.closure(id).orElseThrow(() -> ClosureWrites.notFound(id));
  }

  private static Quantity quantity(String id) {
    return Quantity.byId(id)
        .orElseThrow(() -> new Http.ClientError(400, List.of("unknown quantity: " + id)));
  }

  private static Instant instant(Map<String, String> q, String name) {
    String v = q.get(name);
    if (v == null) {
      throw new Http.ClientError(400, List.of(name + " is required (ISO-8601 instant)"));
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new Http.ClientError(400, List.of(name + " is not an ISO-8601 instant: " + v));
    }
  }
}
