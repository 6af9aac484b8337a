package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's classification of real HTTP answers. InfluxDB 2.x, which answers 422, is not among
 * the test servers, so a JDK HTTP server answers what 2.x answers (the body of influxd 2.7).
 */
class InfluxWriterTest {
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger();
  private volatile String body = "";

  @BeforeEach
  void answer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/write",
        ex -> {
          ex.getRequestBody().readAllBytes();
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(status.get(), status.get() == 204 ? -1 : b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private InfluxWriter writer() {
    return writer("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static InfluxWriter writer(String url) {
    return new InfluxWriter(SinkConfig.of(url, "airq", "127.0.0.1:9092", ""));
  }

  @Test
  void influxdb2RefusingPointsWith422IsPermanent() {
    status.set(422);
    body =
        "{\"code\":\"unprocessable entity\",\"message\":\"failure writing points to database:"
            + " partial write: points beyond retention policy dropped=1\"}";
    try (InfluxWriter w = writer()) {
      assertThatThrownBy(() -> w.write("raw_90d", List.of("reading pm25=1 0")))
          .isInstanceOf(InfluxWriter.BadPoints.class)
          .hasMessageContaining("beyond retention policy");
    }
  }

  @Test
  void overloadAndServerErrorsAreRetriable() throws Exception {
    for (int s : new int[] {429, 500, 503}) {
      status.set(s);
      body = "{\"error\":\"busy\"}";
      try (InfluxWriter w = writer()) {
        assertThatThrownBy(() -> w.write("", List.of("reading pm25=1 0")))
            .as("status %d", s)
            .isInstanceOf(InfluxWriter.Unavailable.class)
            .hasMessageContaining("answered " + s)
            .satisfies(e -> assertThat(((InfluxWriter.Unavailable) e).limit).isFalse());
      }
    }
  }

  @Test
  void anAcceptedWriteReturns() throws Exception {
    status.set(204);
    try (InfluxWriter w = writer()) {
      w.write("", List.of("reading pm25=1 0"));
    }
  }

  @Test
  void noServerListeningIsRetriable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (InfluxWriter w = writer("http://127.0.0.1:" + port)) {
      assertThatThrownBy(() -> w.write("", List.of("reading pm25=1 0")))
          .isInstanceOf(InfluxWriter.Unavailable.class)
          .hasMessageContaining("unreachable");
    }
  }
}
