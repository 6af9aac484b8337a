package io.airq.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;

/**
 * A logback filter that keeps the libraries' chatter off an appender: events of the listed logger
 * name prefixes ({@code <library>org.apache.kafka</library>}) below {@code <level>} (default ERROR)
 * are denied; every other event passes on. logback.xml puts it on the console, so Kafka's
 * retriable-error warnings reach only the log file.
 */
public final class LibraryChatterFilter extends Filter<ILoggingEvent> {
  private final List<String> libraries = new ArrayList<>();
  private Level level = Level.ERROR;

  /** A logger name prefix, as {@code org.apache.kafka}; logback calls this per element. */
  public void addLibrary(String prefix) {
    libraries.add(prefix.trim());
  }

  /** The lowest level of a library's event that still passes. */
  public void setLevel(String level) {
    this.level = Level.toLevel(level.trim(), Level.ERROR);
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(level)) {
      return FilterReply.NEUTRAL;
    }
    String logger = event.getLoggerName();
    for (String library : libraries) {
      if (logger.equals(library) || logger.startsWith(library + ".")) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
