package io.airq.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code airq <service>} in a child JVM on this JVM's classpath, configured only by {@code AIRQ_*}
 * variables as a container runs it, so that a test can SIGKILL it and start it again. Each start
 * appends to the same log file.
 */
final class ServiceJvm implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String command;
  final Path log;
  private final Map<String, String> env;
  private final String readyUrl;
  private final String readyLog;
  private Process process;
  private int starts;

  /**
   * @param readyUrl answers 200 once the service is ready, or null
   * @param readyLog a text the log shows once the service is ready (after the latest start), or
   *     null
   */
  ServiceJvm(String command, Path log, Map<String, String> env, String readyUrl, String readyLog) {
    this.command = command;
    this.log = log;
    this.env = Map.copyOf(env);
    this.readyUrl = readyUrl;
    this.readyLog = readyLog;
  }

  /** Starts the JVM and waits until it is ready. */
  synchronized ServiceJvm start() {
    try {
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      Files.writeString(
          log,
          "=== start " + (++starts) + " of airq " + command + System.lineSeparator(),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.airq.app.AirqMain",
                  command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().keySet().removeIf(k -> k.startsWith("AIRQ_"));
      pb.environment().putAll(env);
      process = pb.start();
      awaitReady(logStart);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(long logStart) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "airq " + command + " exited with " + process.exitValue() + "; log:\n" + tail());
      }
      if ((readyUrl == null || answers200()) && (readyLog == null || logShows(logStart))) {
        return;
      }
      sleep(300);
    }
    throw new AssertionError("airq " + command + " not ready within 120 s; log:\n" + tail());
  }

  private boolean answers200() {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(readyUrl))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean logShows(long from) {
    try {
      byte[] all = Files.readAllBytes(log);
      return new String(all, (int) Math.min(from, all.length), (int) (all.length - from))
          .contains(readyLog);
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no commit. */
  synchronized void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM and wait. */
  synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitFor();
    }
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process.pid();
  }

  private void waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last lines of the log. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
