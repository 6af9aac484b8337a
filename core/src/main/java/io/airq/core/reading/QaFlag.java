package io.airq.core.reading;

import java.util.Objects;

/**
 * A quality flag on one quantity of a reading. Flagged values are kept, never removed; averages
 * leave them out.
 *
 * @param rule the rule that fired
 * @param quantity the quantity it fired on
 * @param detail a short human-readable reason, e.g. {@code "pm25 812.0 > 1000 µg/m³ is impossible"}
 */
public record QaFlag(QaRule rule, Quantity quantity, String detail) {
  public QaFlag {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(quantity, "quantity");
    detail = detail == null ? "" : detail;
  }
}
