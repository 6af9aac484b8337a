package io.airq.app;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Where logback.xml writes the whole log ({@code AIRQ_LOG_FILE}, by default .airq/airq.log). */
final class LogFile {
  private LogFile() {}

  /** The log file's absolute path; empty when logging is configured otherwise (tests). */
  static Optional<Path> path() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      return Optional.ofNullable(ctx.getProperty("AIRQ_LOG_FILE"))
          .map(f -> Path.of(f).toAbsolutePath().normalize());
    }
    return Optional.empty();
  }

  /** A line for the console that says where the rest of the log is, or "" when unknown. */
  static String hint() {
    return path().map(p -> "the full log (Kafka client messages included) is in " + p).orElse("");
  }
}
