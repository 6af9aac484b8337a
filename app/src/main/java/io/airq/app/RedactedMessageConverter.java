package io.airq.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.airq.core.config.Redaction;

/**
 * logback's {@code %msg} with credentials hidden ({@link Redaction}): a URL's password, a JAAS
 * config's password. logback.xml's patterns use it as {@code %redactedMsg}, so no log line of the
 * launcher, a library's included, carries one.
 */
public final class RedactedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redaction.redact(super.convert(event));
  }
}
