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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real InfluxDB 1.x ({@code influxd}) on 127.0.0.1 with its data under its own directory.
 *
 * <p>InfluxDB 1.x refuses new series beyond {@code max-series-per-database} (default 1,000,000) and
 * new values of a tag beyond {@code max-values-per-tag} (default 100,000): a city of 30,000 sensors
 * with eleven quantities reaches the first with its {@code average} series alone, a city of 100,000
 * sensors the second with its {@code sensor} tag. This server lifts both ({@link #CITY_SCALE}), as
 * docs/influxdb-schema.md tells operators to.
 */
public final class InfluxServer implements Server {
  /** The {@code [data]} settings every airq InfluxDB gets: no series or tag-value limit. */
  public static final Map<String, String> CITY_SCALE =
      Map.of("max-series-per-database", "0", "max-values-per-tag", "0");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Path binary;
  private final Path dir;
  private final int port;
  private final int rpcPort;
  private final Map<String, String> data = new LinkedHashMap<>(CITY_SCALE);
  private String adminUser;
  private String adminPassword;
  private String sharedSecret = "";
  private ServerProcess process;

  private InfluxServer(Path binary, Path dir, int port, int rpcPort, Map<String, String> data) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.rpcPort = rpcPort;
    this.data.putAll(data);
  }

  public static boolean installed() {
    return Binaries.find("influxd").isPresent();
  }

  /** Starts influxd with its data and log under {@code dir}, on {@code port} (0 = a free port). */
  public static InfluxServer start(Path dir, int port) {
    return start(dir, port, Map.of());
  }

  /**
   * Starts influxd as {@link #start(Path, int)} does, with these {@code [data]} settings over
   * {@link #CITY_SCALE} (values as written in influxdb.conf, e.g. {@code "5"} or {@code "\"1g\""}).
   */
  public static InfluxServer start(Path dir, int port, Map<String, String> data) {
    InfluxServer s = create(dir, port, data);
    s.start();
    return s;
  }

  private static InfluxServer create(Path dir, int port, Map<String, String> data) {
    Path binary =
        Binaries.find("influxd")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "influxd is not installed: run ./airq setup (apt-get install -y influxdb)"));
    return new InfluxServer(
        binary, dir, port == 0 ? Loopback.freePort() : port, Loopback.freePort(), data);
  }

  /**
   * Starts influxd as production runs it, with {@code auth-enabled = true} and one admin account
   * (created through the API on first start, which InfluxDB 1.x allows while it has no user).
   * Without credentials, writes and queries then answer 401.
   */
  public static InfluxServer startWithAuth(
      Path dir, int port, String adminUser, String adminPassword) {
    return startWithAuth(dir, port, adminUser, adminPassword, "");
  }

  /**
   * Starts influxd as {@link #startWithAuth(Path, int, String, String)} does, with {@code [http]
   * shared-secret} set too: it then also takes {@code Authorization: Bearer <JWT>}, a JWT signed
   * (HS256) with this secret whose claims name an existing user ({@code username}) and an expiry
   * ({@code exp}).
   *
   * @param sharedSecret the secret; empty = none (JWTs refused)
   */
  public static InfluxServer startWithAuth(
      Path dir, int port, String adminUser, String adminPassword, String sharedSecret) {
    InfluxServer s = create(dir, port, Map.of());
    s.adminUser = adminUser;
    s.adminPassword = adminPassword;
    s.sharedSecret = sharedSecret;
    s.start();
    s.createAdmin();
    return s;
  }

  private void createAdmin() {
    String q =
        "CREATE USER \""
            + adminUser.replace("\"", "")
            + "\" WITH PASSWORD '"
            + adminPassword.replace("'", "\\'")
            + "' WITH ALL PRIVILEGES";
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(endpoint() + "/query"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "q="
                              + java.net.URLEncoder.encode(
                                  q, java.nio.charset.StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // 401 on a restart: the admin exists already, and the server asks for it
      if (r.statusCode() != 200 && r.statusCode() != 401) {
        throw new IllegalStateException(
            "influxd did not create its admin user: " + r.statusCode() + " " + r.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the InfluxDB admin user", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

  /**
   * Sets a {@code [data]} setting (as written in influxdb.conf) for the next {@link #start()}: a
   * stopped server restarted with another limit, as an operator would.
   */
  public synchronized InfluxServer dataSetting(String key, String value) {
    data.put(key, value);
    return this;
  }

  private Path writeConfig() {
    try {
      Files.createDirectories(dir);
      StringBuilder dataSettings = new StringBuilder();
      data.forEach(
          (k, v) -> dataSettings.append("  ").append(k).append(" = ").append(v).append('\n'));
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
              dataSettings.toString(),
              "[monitor]",
              "  store-enabled = false",
              "[http]",
              "  enabled = true",
              "  bind-address = \"" + Loopback.HOST + ":" + port + "\"",
              "  log-enabled = false",
              "  auth-enabled = " + (adminUser != null),
              "  shared-secret = \""
                  + sharedSecret.replace("\\", "\\\\").replace("\"", "\\\"")
                  + "\"",
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
