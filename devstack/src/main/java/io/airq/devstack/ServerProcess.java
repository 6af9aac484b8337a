package io.airq.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process whose output goes to a log file, and which is stopped (with its descendants) when
 * it is closed or when this JVM exits.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
  private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> RUNNING.forEach(p -> p.stop(Duration.ofSeconds(10))),
                "airq-devstack-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path logFile;

  private ServerProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts {@code command}, appending stdout and stderr to {@code logFile}. */
  public static ServerProcess start(String name, List<String> command, Path logFile) {
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      Process p = pb.start();
      ServerProcess sp = new ServerProcess(name, p, logFile);
      RUNNING.add(sp);
      log.info("started {} (pid {}), log {}", name, p.pid(), logFile);
      return sp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
    }
  }

  /** Runs a command to completion, failing with the tail of its log when it exits non-zero. */
  public static void run(String name, List<String> command, Path logFile, Duration timeout) {
    ServerProcess sp = start(name, command, logFile);
    try {
      if (!sp.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        sp.kill();
        throw new IllegalStateException(name + " did not finish within " + timeout);
      }
      if (sp.process.exitValue() != 0) {
        throw new IllegalStateException(
            name + " failed with exit code " + sp.process.exitValue() + ":\n" + sp.logTail(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + name, e);
    } finally {
      RUNNING.remove(sp);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** The last lines of the log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Fails with the log tail if the process has exited. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " exited with code " + process.exitValue() + "; last log lines:\n" + logTail(40));
    }
  }

  /** SIGTERM, then SIGKILL after {@code grace}; descendants too. */
  public void stop(Duration grace) {
    try {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop within {}; killing it", name, grace);
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    } finally {
      RUNNING.remove(this);
    }
  }

  /** SIGKILL, as a crash would. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(this);
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(15));
  }

  @Override
  public String toString() {
    return name + "[pid " + process.pid() + "]";
  }
}
