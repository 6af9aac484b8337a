package io.airq.kit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a started service in the foreground until SIGTERM or Ctrl-C, or until it stops by itself:
 * what a container runs. On SIGTERM the service is closed before the JVM exits.
 */
public final class Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private Lifecycle() {}

  /**
   * A started service.
   *
   * @param service closed once, on SIGTERM or when it stopped by itself
   * @param alive whether it still runs; polled once a second
   */
  public record Running(AutoCloseable service, BooleanSupplier alive) {}

  /**
   * Blocks until the service stops.
   *
   * @return 0 after a stop by SIGTERM or Ctrl-C, 1 when the service stopped by itself
   */
  public static int runUntilStopped(String service, Running running) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              LOG.info("{}: stopping", service);
              closeQuietly(service, running);
              stopped.countDown();
            },
            "airq-" + service + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.info("{}: running until SIGTERM or Ctrl-C", service);
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      // While the hook closes the service, it is not alive either: that is the clean stop.
      if (!stopping.get() && !running.alive().getAsBoolean()) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
          continue; // SIGTERM arrived meanwhile; the hook stops the service
        }
        LOG.error("{} stopped by itself; exiting with status 1", service);
        closeQuietly(service, running);
        return 1;
      }
    }
    return 0;
  }

  private static void closeQuietly(String service, Running running) {
    try {
      running.service().close();
    } catch (Exception e) {
      LOG.warn("{}: error while stopping: {}", service, e.toString());
    }
  }
}
