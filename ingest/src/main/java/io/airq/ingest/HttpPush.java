package io.airq.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.airq.core.reading.Reading;
import io.airq.ingest.device.DeviceSecrets;
import io.airq.ingest.gateway.GatewayPolicy;
import io.airq.ingest.payload.Origin;
import io.airq.ingest.payload.ParseResult;
import io.airq.ingest.payload.PayloadParser;
import io.airq.ingest.payload.RejectionCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/push-sensor-data/}, the Sensor.Community firmware's custom API ({@code X-Sensor}
 * names the sensor), served beside {@code /health} and {@code /metrics}. A push is answered 201
 * only after Kafka acked its readings, 400 with the reason when the body is refused (it then goes
 * to the dead-letter topic too), 503 when Kafka did not ack ({@link PushAnswer}). Pushes wait for
 * Kafka on their own threads, so {@code /health} answers while Kafka is slow.
 */
final class HttpPush implements HttpHandler, AutoCloseable {
  static final String PATH = "/v1/push-sensor-data/";
  static final String CHANNEL = "http:" + PATH;
  private static final Logger LOG = LoggerFactory.getLogger(HttpPush.class);

  /**
   * How much of an oversized push body is read and dropped before the 413; beyond it the connection
   * is closed (the client then sees a reset instead of the answer).
   */
  static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

  private final PayloadParser parser;
  private final KafkaPublisher publisher;
  private final IngestMetrics metrics;
  private final Function<Reading, Optional<GatewayPolicy.Refusal>> gate;
  private final Duration timeout;
  private final Duration pinWindow;
  private final DeviceSecrets secrets;
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "airq-ingest-push");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param timeout how long a push waits for Kafka before answering 503
   * @param pinWindow how long a device's per-pin pushes join one reading; zero: not merged
   * @param secrets the per-device secrets a push must prove; null: pushes are not authenticated
   */
  HttpPush(
      PayloadParser parser,
      KafkaPublisher publisher,
      IngestMetrics metrics,
      Function<Reading, Optional<GatewayPolicy.Refusal>> gate,
      Duration timeout,
      Duration pinWindow,
      DeviceSecrets secrets) {
    this.parser = parser;
    this.publisher = publisher;
    this.metrics = metrics;
    this.gate = gate;
    this.timeout = timeout;
    this.pinWindow = pinWindow;
    this.secrets = secrets;
  }

  @Override
  public void handle(HttpExchange ex) {
    try {
      Instant receivedAt = Instant.now(); // before the wait for a push thread
      pool.execute(() -> answer(ex, receivedAt));
    } catch (RejectedExecutionException e) {
      ex.close(); // closing
    }
  }

  private void answer(HttpExchange ex, Instant receivedAt) {
    try (ex) {
      push(ex, receivedAt);
    } catch (IOException | RuntimeException e) {
      LOG.debug("HTTP push failed: {}", e.toString());
    }
  }

  private void push(HttpExchange ex, Instant receivedAt) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      respond(ex, 405, "POST only\n");
      return;
    }
    int maxBytes = parser.limits().maxBytes();
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
    Provenance from =
        new Provenance(
            CHANNEL,
            Optional.of(gateway),
            sensor,
            receivedAt,
            body,
            Redelivery.digestIfTimeless(result, CHANNEL + sensor.orElse(""), body));
    // a device that does not prove its secret: its readings go to quarantine with the reason, and
    // the answer is 401 or 403
    Optional<DeviceSecrets.Refusal> denied =
        secrets == null
            ? Optional.empty()
            : secrets.check(sensor, ex.getRequestHeaders().getFirst("Authorization"));
    Function<Reading, Optional<GatewayPolicy.Refusal>> gate =
        denied.isEmpty()
            ? this.gate
            : r ->
                Optional.of(new GatewayPolicy.Refusal(denied.get().code(), denied.get().reason()));
    Optional<Reading> pinned = denied.isPresent() ? Optional.empty() : pinned(ex, result);
    long start = System.nanoTime();
    PushAnswer answer;
    try {
      if (pinned.isPresent()) {
        String pin = ex.getRequestHeaders().getFirst("X-PIN").trim();
        publisher.stagePin(pinned.get(), pin, from).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        metrics.sent(start);
        answer = PushAnswer.pin(pin, pinWindow);
      } else {
        int quarantined =
            publisher.publish(result, from, gate).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        metrics.sent(start);
        answer = PushAnswer.of(result, quarantined, gate);
      }
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("HTTP push from {} not stored: {}", gateway, e.toString());
      answer = PushAnswer.NOT_STORED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(ex, 503, "interrupted\n");
      return;
    }
    metrics.outcome(answer.outcome());
    if (result instanceof ParseResult.Rejected r) {
      LOG.debug("HTTP push from {} rejected: {} {}", gateway, r.code(), r.reason());
    }
    if (denied.isPresent() && answer != PushAnswer.NOT_STORED) {
      DeviceSecrets.Refusal d = denied.get();
      LOG.debug("HTTP push from {} refused: {}", gateway, d.reason());
      if (d.status() == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"airq push\"");
      }
      respond(ex, d.status(), d.code() + ": " + d.reason() + "\n");
      return;
    }
    respond(ex, answer.status(), answer.body());
  }

  /**
   * The reading of a per-pin push to merge with the device's other pins: with pin merging on, an
   * {@code X-PIN} header, one reading with nothing refused, and (strict mode) a sensor the gate
   * lets through. Anything else is published as it is.
   */
  private Optional<Reading> pinned(HttpExchange ex, ParseResult result) {
    if (pinWindow.isZero()
        || ex.getRequestHeaders().getFirst("X-PIN") == null
        || ex.getRequestHeaders().getFirst("X-PIN").isBlank()
        || !(result instanceof ParseResult.Accepted a)
        || a.readings().size() != 1
        || !a.excluded().isEmpty()
        || gate.apply(a.readings().get(0)).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(a.readings().get(0));
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
        RejectionCode.PAYLOAD_TOO_LARGE,
        "payload of "
            + (atLeast ? "at least " : "")
            + size
            + " bytes exceeds the limit of "
            + maxBytes);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
