package io.airq.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real InfluxDB 1.x ({@code influxd}) on 127.0.0.1 with its data under its own directory. */
public final class InfluxServer implements Server {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Path binary;
  private final Path dir;
  private final int port;
  private final int rpcPort;
  private ServerProcess process;

  private InfluxServer(Path binary, Path dir, int port, int rpcPort) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.rpcPort = rpcPort;
  }

  public static boolean installed() {
    return Binaries.find("influxd").isPresent();
  }

  /** Starts influxd with its data and log under {@code dir}, on {@code port} (0 = a free port). */
  public static InfluxServer start(Path dir, int port) {
    Path binary =
        Binaries.find("influxd")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "influxd is not installed: run ./airq setup (apt-get install -y influxdb)"));
    InfluxServer s =
        new InfluxServer(binary, dir, port == 0 ? Loopback.freePort() : port, Loopback.freePort());
    s.start();
    return s;
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    Path conf = writeConfig();
    process =
        ServerProcess.start(
            "influxd:" + port,
            List.of(binary.toString(), "run", "-config", conf.toString()),
            dir.resolve("influxd.log"));
    Loopback.await(
        "InfluxDB on port " + port, Duration.ofSeconds(30), this::pings, process::requireAlive);
  }

  private boolean pings() {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(endpoint() + "/ping"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 204;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Path writeConfig() {
    try {
      Files.createDirectories(dir);
      String conf =
          String.join(
              "\n",
              "reporting-disabled = true",
              "bind-address = \"" + Loopback.HOST + ":" + rpcPort + "\"",
              "[meta]",
              "  dir = \"" + dir.resolve("meta") + "\"",
              "[data]",
              "  dir = \"" + dir.resolve("data") + "\"",
              "  wal-dir = \"" + dir.resolve("wal") + "\"",
              "  query-log-enabled = false",
              "[monitor]",
              "  store-enabled = false",
              "[http]",
              "  enabled = true",
              "  bind-address = \"" + Loopback.HOST + ":" + port + "\"",
              "  log-enabled = false",
              "[continuous_queries]",
              "  enabled = false",
              "");
      Path file = dir.resolve("influxdb.conf");
      Files.writeString(file, conf);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the InfluxDB config under " + dir, e);
    }
  }

  @Override
  public String endpoint() {
    return "http://" + Loopback.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(15));
      process = null;
    }
  }

  @Override
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }
}
