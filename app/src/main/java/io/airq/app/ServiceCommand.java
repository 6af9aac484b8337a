package io.airq.app;

import io.airq.core.config.ConfigException;
import io.airq.core.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Runs one airq service in the foreground until SIGTERM or Ctrl-C (what a container runs): loads
 * its configuration from {@code --config} and the {@code AIRQ_*} environment, starts it, and on
 * shutdown closes it before the JVM exits. Exits 2 on a configuration error, 1 when the service
 * stops by itself.
 */
abstract class ServiceCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Properties file; AIRQ_* environment variables override it. Keys:"
              + " docs/configuration.md.")
  Path config;

  /** A started service: how to stop it and whether it still runs. */
  record Running(AutoCloseable service, BooleanSupplier alive) {}

  /** The service's name in logs. */
  abstract String service();

  /** Loads the configuration and starts the service (which logs it once, secrets redacted). */
  abstract Running start(Properties file, Map<String, String> env) throws Exception;

  @Override
  public Integer call() throws Exception {
    Running running;
    try {
      running = start(ConfigLoader.readFile(config), System.getenv());
    } catch (ConfigException e) {
      // A configuration mistake is the operator's to fix: the message says what, no stack trace.
      LOG.error("{}", e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              LOG.info("{}: stopping", service());
              closeQuietly(running);
              stopped.countDown();
            },
            "airq-" + service() + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.info("{}: running until SIGTERM or Ctrl-C", service());
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      // While the hook closes the service, it is not alive either: that is the clean stop.
      if (!stopping.get() && !running.alive().getAsBoolean()) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
          continue; // SIGTERM arrived meanwhile; the hook stops the service
        }
        LOG.error("{} stopped by itself; exiting with status 1", service());
        closeQuietly(running);
        return 1;
      }
    }
    return 0;
  }

  private void closeQuietly(Running running) {
    try {
      running.service().close();
    } catch (Exception e) {
      LOG.warn("{}: closing failed: {}", service(), e.toString());
    }
  }
}
