package io.airq.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airq.core.reading.Reading;
import io.airq.ingest.gateway.GatewayPolicy;
import io.airq.ingest.payload.Origin;
import io.airq.ingest.payload.ParseResult;
import io.airq.ingest.payload.PayloadParser;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's small HTTP server: {@code GET /health}, {@code GET /metrics} (Prometheus text) and
 * {@code POST /v1/push-sensor-data/}, the Sensor.Community firmware's custom API ({@code X-Sensor}
 * names the sensor). A push is answered 201 only after Kafka acked its readings, 400 with the
 * reason when the body is refused (it then goes to the dead-letter topic too), 503 when Kafka did
 * not ack.
 */
final class HttpEndpoints implements AutoCloseable {
  static final String PUSH_PATH = "/v1/push-sensor-data/";
  static final String CHANNEL = "http:" + PUSH_PATH;
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);

  /**
   * How much of an oversized push body is read and dropped before the 413; beyond it the connection
   * is closed (the client then sees a reset instead of the answer).
   */
  static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService pool;

  private HttpEndpoints(HttpServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
  }

  static HttpEndpoints start(
      BridgeConfig cfg,
      PayloadParser parser,
      KafkaPublisher publisher,
      IngestMetrics metrics,
      PrometheusMeterRegistry registry,
      Function<Reading, Optional<GatewayPolicy.Refusal>> gate)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(cfg.http().bindPort()), 50);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    server.setExecutor(pool);
    server.createContext(
        "/health",
        ex -> {
          boolean up = metrics.isConnected();
          respond(ex, up ? 200 : 503, up ? "UP\n" : "DOWN: not connected to MQTT\n", "text/plain");
        });
    server.createContext(
        "/metrics",
        ex -> respond(ex, 200, registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
    server.createContext(PUSH_PATH, ex -> push(ex, cfg, parser, publisher, metrics, gate));
    server.start();
    LOG.info("HTTP endpoints on port {}", server.getAddress().getPort());
    return new HttpEndpoints(server, pool);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void push(
      HttpExchange ex,
      BridgeConfig cfg,
      PayloadParser parser,
      KafkaPublisher publisher,
      IngestMetrics metrics,
      Function<Reading, Optional<GatewayPolicy.Refusal>> gate)
      throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      respond(ex, 405, "POST only\n", "text/plain");
      return;
    }
    Instant receivedAt = Instant.now();
    int maxBytes = cfg.limits().maxBytes();
    InputStream in = ex.getRequestBody();
    byte[] body = in.readNBytes(maxBytes + 1);
    // The rest of an oversized body is read and dropped, so the client, still sending, gets the
    // 413 instead of a reset connection.
    long rest = body.length > maxBytes ? drain(in, MAX_DRAINED_BYTES) : 0;
    in.close();
    Optional<String> sensor =
        Optional.ofNullable(ex.getRequestHeaders().getFirst("X-Sensor"))
            .map(String::trim)
            .filter(s -> !s.isEmpty());
    String gateway = sensor.orElse("http");
    ParseResult result =
        body.length > maxBytes
            ? tooLarge(body.length + rest, rest >= MAX_DRAINED_BYTES, maxBytes)
            : parser.parse(
                body, new Origin(CHANNEL, gateway, sensor, Optional.empty(), receivedAt));
    Provenance from = new Provenance(CHANNEL, Optional.of(gateway), sensor, receivedAt, body);
    long start = System.nanoTime();
    PushAnswer answer;
    try {
      int quarantined =
          publisher
              .publish(result, from, gate)
              .get(cfg.http().pushTimeout().toMillis(), TimeUnit.MILLISECONDS);
      metrics.sent(start);
      answer = PushAnswer.of(result, quarantined, gate);
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("HTTP push from {} not stored: {}", gateway, e.toString());
      answer = PushAnswer.NOT_STORED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(ex, 503, "interrupted\n", "text/plain");
      return;
    }
    metrics.outcome(answer.outcome());
    if (result instanceof ParseResult.Rejected r) {
      LOG.debug("HTTP push from {} rejected: {} {}", gateway, r.code(), r.reason());
    }
    respond(ex, answer.status(), answer.body(), "text/plain");
  }

  /** Reads and drops up to {@code max} bytes; returns how many there were. */
  private static long drain(InputStream in, long max) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total < max
        && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total))) > 0) {
      total += n;
    }
    return total;
  }

  private static ParseResult tooLarge(long size, boolean atLeast, int maxBytes) {
    return new ParseResult.Rejected(
        io.airq.ingest.payload.RejectionCode.PAYLOAD_TOO_LARGE,
        "payload of "
            + (atLeast ? "at least " : "")
            + size
            + " bytes exceeds the limit of "
            + maxBytes);
  }

  private static void respond(HttpExchange ex, int status, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
