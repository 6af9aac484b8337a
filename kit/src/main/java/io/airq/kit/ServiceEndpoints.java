package io.airq.kit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's {@code /health} and {@code /metrics} on the JDK HTTP server. {@code /health} answers
 * {@link Health#toJson()}, 200 when up and 503 when down; {@code /metrics} answers the registry in
 * Prometheus text. Other paths can be served on the same port ({@link #withContext}).
 */
public final class ServiceEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceEndpoints.class);

  private final String service;
  private final HttpServer server;
  private final ExecutorService executor;

  private ServiceEndpoints(
      String service,
      String bind,
      int port,
      PrometheusMeterRegistry registry,
      Map<String, Supplier<Check>> checks) {
    this.service = service;
    Map<String, Supplier<Check>> ordered = new LinkedHashMap<>(checks);
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          service + ": cannot listen on " + bind + ":" + port + " for /health and /metrics", e);
    }
    server.createContext(
        "/metrics",
        ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext(
        "/health",
        ex -> {
          Health h = Health.of(service, ordered);
          send(ex, h.up() ? 200 : 503, "application/json", h.toJson());
        });
    executor = Executors.newFixedThreadPool(2, r -> daemon(r, "airq-" + service + "-endpoints"));
    server.setExecutor(executor);
    server.start();
    LOG.info("{}: health at {}", service, healthUrl());
  }

  /**
   * Starts the endpoints.
   *
   * @param port 0 for any free port ({@link #port()} tells which)
   * @param checks the service's dependencies by name, e.g. {@code kafka}, {@code influxdb}
   */
  public static ServiceEndpoints start(
      String service,
      String bind,
      int port,
      PrometheusMeterRegistry registry,
      Map<String, Supplier<Check>> checks) {
    return new ServiceEndpoints(service, bind, port, registry, checks);
  }

  /** Serves another path on the same port. */
  public ServiceEndpoints withContext(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String healthUrl() {
    return base() + "/health";
  }

  public String metricsUrl() {
    return base() + "/metrics";
  }

  private String base() {
    String host = server.getAddress().getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    if ("HEAD".equals(ex.getRequestMethod())) {
      ex.sendResponseHeaders(status, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    LOG.debug("{}: endpoints closed", service);
  }
}
