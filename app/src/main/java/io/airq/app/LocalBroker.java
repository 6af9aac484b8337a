package io.airq.app;

import io.airq.devstack.MosquittoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's Mosquitto as another process (the CLI) finds it: its password file under the
 * state directory, and its pid, which the stack writes to {@code mosquitto.pid} there while the
 * broker runs. Mosquitto 2 re-reads its password file and ACL on SIGHUP: an added account can log
 * in at once, and a removed one is disconnected and refused from then on.
 */
final class LocalBroker {
  static final String PID_FILE = "mosquitto.pid";

  private LocalBroker() {}

  /** The directory of the stack's Mosquitto under the state directory. */
  static Path dir(Path state) {
    return state.resolve("mosquitto");
  }

  /** The password file the stack's Mosquitto reads (written at its start from the credentials). */
  static Path passwordFile(Path state) {
    return dir(state).resolve("passwords");
  }

  /** Starts the stack's Mosquitto (its accounts and {@link LocalServers#ACL}) and notes its pid. */
  static MosquittoServer start(Path state, int port, Credentials secrets) {
    MosquittoServer m =
        MosquittoServer.startSecured(
            dir(state).toAbsolutePath().normalize(),
            port,
            secrets.mqttAccounts(),
            LocalServers.ACL);
    try {
      Files.writeString(state.resolve(PID_FILE), m.pid() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      m.stop();
      throw new UncheckedIOException("cannot write " + state.resolve(PID_FILE), e);
    }
    return m;
  }

  static void forget(Path state) {
    try {
      Files.deleteIfExists(state.resolve(PID_FILE));
    } catch (IOException e) {
      // a stale pid file is harmless: check() refuses a process that is not this stack's broker
    }
  }

  /** The pid of the stack's Mosquitto when it is running ({@link #check} found it ours). */
  static Optional<Long> running(Path state) {
    return pidFile(state).filter(pid -> check(state, pid).isEmpty());
  }

  /**
   * Why the pid file of {@code state} names no broker of this stack (a stale file: never signal
   * it), or empty when it names one or there is no pid file.
   */
  static Optional<String> stale(Path state) {
    return pidFile(state).flatMap(pid -> check(state, pid));
  }

  private static Optional<Long> pidFile(Path state) {
    Path f = state.resolve(PID_FILE);
    try {
      if (!Files.isReadable(f)) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.of(-1L);
    }
  }

  /**
   * Why process {@code pid} is not this stack's Mosquitto, or empty when it is: a live {@code
   * mosquitto} of the current user started with {@code -c <state>/mosquitto/mosquitto.conf}.
   */
  static Optional<String> check(Path state, long pid) {
    Optional<ProcessHandle> h = pid <= 0 ? Optional.empty() : ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return Optional.of("no process " + (pid <= 0 ? "(unreadable pid)" : pid) + " runs");
    }
    ProcessHandle.Info info = h.get().info();
    if (!info.command().map(c -> c.endsWith("mosquitto")).orElse(false)) {
      return Optional.of("process " + pid + " is not mosquitto");
    }
    String me = System.getProperty("user.name");
    if (!info.user().map(me::equals).orElse(false)) {
      return Optional.of("process " + pid + " is not " + me + "'s");
    }
    Path conf = dir(state).toAbsolutePath().normalize().resolve("mosquitto.conf");
    String[] args = info.arguments().orElse(new String[0]);
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-c") && sameFile(Path.of(args[i + 1]), conf)) {
        return Optional.empty();
      }
    }
    return Optional.of("process " + pid + " does not run with -c " + conf);
  }

  /** Whether the two name one file (through symbolic links too); false when either is gone. */
  private static boolean sameFile(Path a, Path b) {
    try {
      return a.isAbsolute() && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sends SIGHUP: Mosquitto re-reads its password file and ACL, keeps its clients, and closes the
   * connections of accounts no longer in the file.
   */
  static void reload(long pid) throws IOException {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start();
    try {
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IOException(
            "kill -HUP "
                + pid
                + " failed: "
                + new String(kill.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reloading the broker", e);
    }
  }
}
