package io.airq.core.closure;

import java.time.LocalDateTime;

/**
 * An explicit baseline period in the closure's local time, e.g. another Friday of the same month
 * from 07:00 to 19:00. Half-open: [start, end).
 */
public record ComparisonPeriod(LocalDateTime start, LocalDateTime end) {
  public ComparisonPeriod {
    if (start == null || end == null || !end.isAfter(start)) {
      throw new IllegalArgumentException("comparison period must end after it starts");
    }
  }
}
