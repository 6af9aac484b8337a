package io.airq.app;

import io.airq.core.config.ConfigException;
import io.airq.core.config.ConfigLoader;
import io.airq.kit.Lifecycle;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Runs one airq service in the foreground until SIGTERM or Ctrl-C (what a container runs): loads
 * its configuration from {@code --config} and the {@code AIRQ_*} environment, starts it, and runs
 * it with the kit's {@link Lifecycle}. Exits 2 on a configuration error, 1 when the service stops
 * by itself.
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

  /** The service's name in logs. */
  abstract String service();

  /** Loads the configuration and starts the service (which logs it once, secrets redacted). */
  abstract Lifecycle.Running start(Properties file, Map<String, String> env) throws Exception;

  @Override
  public Integer call() throws Exception {
    Lifecycle.Running running;
    try {
      running = start(ConfigLoader.readFile(config), System.getenv());
    } catch (ConfigException e) {
      // A configuration mistake is the operator's to fix: the message says what, no stack trace.
      LOG.error("{}", e.getMessage());
      return 2;
    }
    return Lifecycle.runUntilStopped(service(), running);
  }
}
