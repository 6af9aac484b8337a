package io.airq.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code /metrics} (Prometheus text) and {@code /health} on the JDK HTTP server. */
final class MetricsServer implements Closeable {
  private final HttpServer server;

  MetricsServer(String bind, int port, PrometheusMeterRegistry registry, Supplier<String> health) {
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bind + ":" + port, e);
    }
    server.createContext(
        "/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4", registry.scrape()));
    server.createContext(
        "/health",
        ex -> {
          String h = health.get();
          send(ex, h.startsWith("{\"status\":\"UP\"") ? 200 : 503, "application/json", h);
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
