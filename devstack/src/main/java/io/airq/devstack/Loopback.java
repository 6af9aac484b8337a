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

  /**
   * A port that was free a moment ago, for a server started in another process. It is drawn at
   * random from 20000-32767, below Linux's ephemeral range (32768-60999): a port the kernel hands
   * out for {@code bind(0)} or an outgoing connection (Kafka clients open many) could be taken
   * again before the child process binds it, and two test JVMs running side by side ({@code -T 2})
   * would draw from the same small sequence.
   */
  public static int freePort() {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    IOException last = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(20_000, 32_768);
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(HOST, port));
        return port;
      } catch (IOException e) {
        last = e; // taken: draw another
      }
    }
    throw new UncheckedIOException("no free port on " + HOST + " in 20000-32767", last);
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
