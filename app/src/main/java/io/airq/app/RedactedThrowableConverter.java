package io.airq.app;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.airq.core.config.Redaction;

/**
 * logback's {@code %ex} with credentials hidden ({@link Redaction}): an exception's message may
 * quote the URL it failed on. logback.xml's patterns use it as {@code %redactedEx}.
 */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy tp) {
    return Redaction.redact(super.throwableProxyToString(tp));
  }
}
