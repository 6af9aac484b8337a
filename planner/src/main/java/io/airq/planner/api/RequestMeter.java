package io.airq.planner.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's requests as a timer {@code airq.planner.http.requests} by route (a template such as
 * {@code /api/closures/{id}/impact}, so ids do not multiply the series), method and status; each
 * request is answered on the API's own threads, so a slow report never holds up {@code /health}.
 */
public final class RequestMeter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestMeter.class);
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");

  private RequestMeter() {}

  /** The route template of a request path. */
  static String route(String path) {
    if (path.equals("/") || path.equals("/index.html")) {
      return "/";
    }
    if (path.startsWith("/web/")) {
      return "/web/";
    }
    if (path.startsWith("/webjars/")) {
      return "/webjars/";
    }
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    if (parts.length >= 2 && parts[0].equals("api") && parts[1].equals("closures")) {
      return switch (parts.length) {
        case 2 -> "/api/closures";
        case 3 -> "/api/closures/{id}";
        case 4 -> parts[3].equals("impact") ? "/api/closures/{id}/impact" : "other";
        default -> "other";
      };
    }
    if (parts.length >= 2 && parts[0].equals("api") && parts[1].equals("sensors")) {
      return switch (parts.length) {
        case 2 -> "/api/sensors";
        case 3 -> parts[2].equals("import") ? "/api/sensors/import" : "/api/sensors/{id}";
        case 4 ->
            parts[3].equals("retire")
                ? "/api/sensors/{id}/retire"
                : parts[3].equals("health") ? "/api/sensors/{id}/health" : "other";
        default -> "other";
      };
    }
    if (parts.length == 4 && parts[0].equals("api") && parts[1].equals("weather")) {
      return parts[3].equals("hours") ? "/api/weather/{station}/hours" : "other";
    }
    if (parts.length == 3 && parts[0].equals("api") && parts[1].equals("tokens")) {
      return "/api/tokens/{id}";
    }
    return switch (path) {
      case "/api/series",
          "/api/flags",
          "/api/network",
          "/openapi.json",
          "/api/tokens",
          "/api/audit" ->
          path;
      default -> "other";
    };
  }

  /** {@code handler} run on {@code pool}, each request timed. */
  public static HttpHandler around(
      HttpHandler handler, MeterRegistry meters, ExecutorService pool) {
    return ex -> {
      try {
        pool.execute(() -> handle(handler, meters, ex));
      } catch (RejectedExecutionException stopping) {
        ex.sendResponseHeaders(503, -1);
        ex.close();
      }
    };
  }

  private static void handle(HttpHandler handler, MeterRegistry meters, HttpExchange ex) {
    long start = System.nanoTime();
    try {
      handler.handle(ex);
    } catch (java.io.IOException | RuntimeException e) {
      // the client went away, or the answer could not be written: nothing left to answer
      LOG.debug("{} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
    } finally {
      ex.close();
      String method = ex.getRequestMethod();
      Timer.builder("airq.planner.http.requests")
          .description("Planner API requests by route, method and status")
          .tag("route", route(ex.getRequestURI().getPath()))
          .tag("method", METHODS.contains(method) ? method : "other")
          .tag("status", Integer.toString(ex.getResponseCode()))
          .register(meters)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
