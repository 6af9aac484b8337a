package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import io.airq.planner.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sensor registry's routes under {@code /api/sensors}: list, show, register, replace, retire,
 * add a calibration version and bulk import. Writes go to the compacted sensors topic; nothing is
 * ever deleted.
 */
final class SensorRoutes {
  private final Registry registry;
  private final Consumer<List<Sensor>> writer;
  private final Clock clock;

  /**
   * @param writer writes sensors to the registry topic and returns once the registry read them
   */
  SensorRoutes(Registry registry, Consumer<List<Sensor>> writer, Clock clock) {
    this.registry = registry;
    this.writer = writer;
    this.clock = clock;
  }

  /** {@code parts} is the path split at '/', starting with {@code api}, {@code sensors}. */
  void route(HttpExchange ex, String method, String[] parts) throws IOException {
    if (parts.length == 2 && method.equals("GET")) {
      Http.json(
          ex,
          200,
          registry.sensors().stream()
              .sorted(Comparator.comparing(Sensor::id))
              .map(PublicSensor::of)
              .toList());
    } else if (parts.length == 2 && method.equals("POST")) {
      Sensor s = validated(body(ex), null, Optional.empty());
      if (registry.sensor(s.id()).isPresent()) {
        throw new Http.ClientError(
            409, List.of("sensor " + s.id() + " exists; use PUT to change it"));
      }
      writer.accept(List.of(s));
      Http.json(ex, 201, PublicSensor.of(s));
    } else if (parts.length == 3 && parts[2].equals("import") && method.equals("POST")) {
      importAll(ex);
    } else if (parts.length == 3 && method.equals("GET")) {
      Http.json(ex, 200, PublicSensor.of(sensor(parts[2])));
    } else if (parts.length == 3 && method.equals("PUT")) {
      Optional<Sensor> old = registry.sensor(parts[2]);
      Sensor s = validated(body(ex), parts[2], old);
      if (!old.equals(Optional.of(s))) {
        writer.accept(List.of(s));
      }
      Http.json(ex, old.isPresent() ? 200 : 201, PublicSensor.of(s));
    } else if (parts.length == 4 && parts[3].equals("retire") && method.equals("POST")) {
      retire(ex, sensor(parts[2]));
    } else if (parts.length == 4 && parts[3].equals("calibration") && method.equals("POST")) {
      calibrate(ex, sensor(parts[2]));
    } else {
      throw new Http.ClientError(405, List.of(method + " is not allowed here"));
    }
  }

  private void retire(HttpExchange ex, Sensor s) throws IOException {
    JsonNode b = body(ex, true);
    Instant at = Instant.now(clock);
    if (b.hasNonNull("retired")) {
      String v = b.get("retired").asText();
      at =
          SensorValidator.instant(v)
              .orElseThrow(
                  () ->
                      new Http.ClientError(
                          422, List.of("retired is not an ISO-8601 instant or date: " + v)));
    }
    if (s.retired() != null) {
      throw new Http.ClientError(
          409, List.of("sensor " + s.id() + " was already retired at " + s.retired()));
    }
    if (s.installed() != null && !at.isAfter(s.installed())) {
      throw new Http.ClientError(
          422, List.of("retired must be after installed (" + s.installed() + ")"));
    }
    Sensor retired = s.retiredAt(at);
    writer.accept(List.of(retired));
    Http.json(ex, 200, PublicSensor.of(retired));
  }

  /**
   * Adds a calibration version to one quantity: {@code {"quantity":"pm25","slope":…,"intercept":…,
   * "id":…,"from":…}}. {@code from} is required, so a new version never rewrites what readings
   * before it meant; a version with the same id or the same {@code from} is replaced.
   */
  private void calibrate(HttpExchange ex, Sensor s) throws IOException {
    JsonNode b = body(ex);
    List<String> errors = new ArrayList<>();
    if (!b.isObject()) {
      throw new Http.ClientError(422, List.of("the body must be a JSON object"));
    }
    Optional<Quantity> q = Quantity.byId(b.path("quantity").asText(""));
    if (q.isEmpty()) {
      errors.add("quantity must be a quantity id (e.g. pm25): " + b.path("quantity").asText(""));
    }
    if (!b.hasNonNull("from")) {
      errors.add("from is required: the instant or date the version applies from");
    }
    LinearCalibration v = SensorValidator.version(b, "", errors);
    if (!errors.isEmpty()) {
      throw new Http.ClientError(422, errors);
    }
    Sensor next;
    try {
      next = s.withCalibration(q.get(), v);
    } catch (IllegalArgumentException e) {
      throw new Http.ClientError(422, List.of(e.getMessage()));
    }
    if (!next.equals(s)) {
      writer.accept(List.of(next));
    }
    Http.json(ex, 200, PublicSensor.of(next));
  }

  /**
   * A JSON array of sensors. Each one's fields replace those of the registered entry; fields it
   * does not give are kept. Nothing is written when any entry is invalid; an entry equal to the
   * registered one is not written again.
   */
  private void importAll(HttpExchange ex) throws IOException {
    JsonNode b = body(ex);
    if (!b.isArray()) {
      throw new Http.ClientError(422, List.of("the body must be a JSON array of sensors"));
    }
    Instant now = Instant.now(clock);
    List<String> errors = new ArrayList<>();
    List<Sensor> sensors = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < b.size(); i++) {
      JsonNode entry = b.get(i);
      String id = entry.path("id").asText("");
      Optional<Sensor> old = registry.sensor(id);
      JsonNode merged = entry;
      if (old.isPresent() && entry.isObject()) {
        ObjectNode m = (ObjectNode) Json.mapper().valueToTree(old.get());
        m.setAll((ObjectNode) entry);
        merged = m;
      }
      SensorValidator.Result r = SensorValidator.validate(merged, null, old, now);
      if (!seen.add(id)) {
        errors.add("entry " + (i + 1) + " (" + id + "): the id appears twice");
      }
      String where = "entry " + (i + 1) + " (" + id + "): ";
      r.errors().forEach(e -> errors.add(where + e));
      if (r.valid()) {
        sensors.add(r.sensor());
      }
    }
    if (!errors.isEmpty()) {
      throw new Http.ClientError(422, errors);
    }
    ObjectNode out = Json.mapper().createObjectNode();
    List<Sensor> changed = new ArrayList<>();
    for (Sensor s : sensors) {
      Optional<Sensor> old = registry.sensor(s.id());
      String outcome = old.isEmpty() ? "created" : old.get().equals(s) ? "unchanged" : "updated";
      out.withArray(outcome).add(s.id());
      if (!outcome.equals("unchanged")) {
        changed.add(s);
      }
    }
    if (!changed.isEmpty()) {
      writer.accept(changed);
    }
    for (String k : List.of("created", "updated", "unchanged")) {
      out.withArray(k);
    }
    Http.json(ex, 200, out);
  }

  private Sensor validated(JsonNode body, String pathId, Optional<Sensor> old) {
    SensorValidator.Result r = SensorValidator.validate(body, pathId, old, Instant.now(clock));
    if (!r.valid()) {
      throw new Http.ClientError(422, r.errors());
    }
    return r.sensor();
  }

  private Sensor sensor(String id) {
    return registry
        .sensor(id)
        .orElseThrow(() -> new Http.ClientError(404, List.of("no sensor " + id)));
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    return body(ex, false);
  }

  private static JsonNode body(HttpExchange ex, boolean mayBeEmpty) throws IOException {
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    if (mayBeEmpty && bytes.length == 0) {
      return Json.mapper().createObjectNode();
    }
    try {
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new Http.ClientError(400, List.of("the body is not JSON: " + e.getMessage()));
    }
  }
}
