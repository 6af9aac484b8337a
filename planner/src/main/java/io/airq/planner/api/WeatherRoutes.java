package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.average.WindowAverages;
import io.airq.core.json.Json;
import io.airq.core.registry.Sensor;
import io.airq.planner.registry.Registry;
import io.airq.planner.weather.WeatherImport;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code POST /api/weather/{station}/hours} (admin, audited): a weather station's hourly history,
 * put on {@code airq.averages} as its hourly means (docs/weather.md). Answered 200 once Kafka
 * acknowledged every hour; 422 when the station is not a registered weather sensor or an hour is
 * wrong, and then nothing is written.
 */
final class WeatherRoutes {
  private final Registry registry;
  private final Consumer<List<WindowAverages>> writer;

  WeatherRoutes(Registry registry, Consumer<List<WindowAverages>> writer) {
    this.registry = registry;
    this.writer = writer;
  }

  static boolean handles(String[] parts) {
    return parts.length >= 2 && parts[0].equals("api") && parts[1].equals("weather");
  }

  void route(HttpExchange ex, String method, String[] parts) throws IOException {
    if (parts.length != 4 || !parts[3].equals("hours")) {
      throw new Http.ClientError(404, List.of("no such resource: /" + String.join("/", parts)));
    }
    if (!method.equals("POST")) {
      throw new Http.ClientError(405, List.of(method + " is not allowed here"));
    }
    String id = parts[2];
    Optional<Sensor> station = registry.sensor(id);
    Optional<String> problem = WeatherImport.stationProblem(id, station);
    if (problem.isPresent()) {
      throw new Http.ClientError(422, List.of(problem.get()));
    }
    WeatherImport.Parsed parsed = WeatherImport.read(body(ex));
    if (!parsed.errors().isEmpty()) {
      throw new Http.ClientError(422, parsed.errors());
    }
    writer.accept(WeatherImport.averages(station.get(), parsed.hours()));
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("station", id);
    o.put("hours", parsed.hours().size());
    o.put("values", parsed.hours().stream().mapToInt(h -> h.values().size()).sum());
    if (!parsed.hours().isEmpty()) {
      o.put("from", parsed.hours().get(0).start().toString());
      o.put("to", parsed.hours().get(parsed.hours().size() - 1).start().toString());
    }
    Http.json(ex, 200, o);
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    try {
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new Http.ClientError(400, List.of("the body is not JSON: " + e.getMessage()));
    }
  }
}
