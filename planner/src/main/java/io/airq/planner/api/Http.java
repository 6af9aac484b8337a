package io.airq.planner.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP plumbing of the API's routes: query strings, answers, resources, client errors. */
final class Http {
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);

  private Http() {}

  /** A 4xx answer with a message, raised by a route. */
  static final class ClientError extends RuntimeException {
    final int status;
    final List<String> errors;
    final List<ApiProblem> problems;

    ClientError(int status, List<String> errors) {
      this(status, errors, List.of());
    }

    /** With {@code problems}: the same errors as codes a page can translate. */
    ClientError(int status, List<String> errors, List<ApiProblem> problems) {
      super(String.join("; ", errors));
      this.status = status;
      this.errors = errors;
      this.problems = problems;
    }
  }

  /**
   * Answers a client error: {@code {"status", "errors"}}, and {@code problems} when it has them.
   */
  static void clientError(HttpExchange ex, ClientError e) throws IOException {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("status", e.status);
    o.set("errors", Json.mapper().valueToTree(e.errors));
    if (!e.problems.isEmpty()) {
      o.set("problems", Json.mapper().valueToTree(e.problems));
    }
    send(ex, e.status, "application/json", Json.write(o));
  }

  static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int i = pair.indexOf('=');
      String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
      String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  static void json(HttpExchange ex, int status, Object value) throws IOException {
    send(ex, status, "application/json", io.airq.core.json.Json.write(JsonOut.tree(value)));
  }

  /** A classpath resource, or a 404 when there is none. */
  static void resource(HttpExchange ex, String name, String type) throws IOException {
    try (InputStream in = Api.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new ClientError(404, List.of("no such resource: /" + name));
      }
      send(ex, 200, type, in.readAllBytes());
    }
  }

  static String contentType(String path) {
    if (path.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (path.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (path.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    if (path.endsWith(".png")) {
      return "image/png";
    }
    if (path.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }

  /** An integer query parameter, or {@code dflt} when absent. */
  static int intParam(Map<String, String> q, String name, int dflt) {
    String v = q.get(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ClientError(400, List.of(name + " must be a whole number: " + v));
    }
  }

  /**
   * Answers an unexpected failure without its message (which can name hosts, queries or files): 503
   * when a server airq needs failed (InfluxDB, Kafka), else 500, each with a request id that the
   * log line with the detail carries too.
   */
  static void unexpected(HttpExchange ex, RuntimeException e) throws IOException {
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    boolean unavailable =
        e instanceof java.io.UncheckedIOException
            || e instanceof IllegalStateException
            || e.getClass().getName().startsWith("org.influxdb.")
            || e.getClass().getName().startsWith("org.apache.kafka.");
    int status = unavailable ? 503 : 500;
    LOG.warn(
        "request {}: {} {} failed ({})",
        id,
        ex.getRequestMethod(),
        ex.getRequestURI().getPath(),
        status,
        e);
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("status", status);
    o.put("requestId", id);
    o.set(
        "errors",
        Json.mapper()
            .valueToTree(
                List.of(
                    (unavailable
                            ? "a server the planner needs is unavailable"
                            : "an internal error")
                        + "; the planner's log has the detail under request id "
                        + id)));
    ex.getResponseHeaders().set("X-Request-Id", id);
    send(ex, status, "application/json", Json.write(o));
  }

  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
