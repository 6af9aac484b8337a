package io.airq.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Free ports and readiness checks on 127.0.0.1. */
public final class Loopback {
  public static final String HOST = "127.0.0.1";

  private Loopback() {}

  /** A port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(HOST, 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  public static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Polls {@code ready} until it is true, calling {@code alive} between polls so that a crashed
   * server fails fast with its log.
   */
  public static void await(String what, Duration timeout, BooleanSupplier ready, Runnable alive) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      alive.run();
      if (ready.getAsBoolean()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(what + " was not ready within " + timeout);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }
}
