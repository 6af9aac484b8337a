package io.airq.sink.line;

import java.util.List;
import java.util.Objects;

/**
 * What a record maps to: line-protocol lines (one per point, possibly none), or a rejection with a
 * reason.
 */
public sealed interface LineResult {

  /** The record maps to these lines; each line is one complete point without a newline. */
  record Lines(List<String> lines) implements LineResult {
    public Lines {
      lines = List.copyOf(lines);
    }
  }

  /**
   * The record cannot be written.
   *
   * @param code a short machine-readable code, e.g. {@code unrepresentable-tag}
   * @param reason plain words
   */
  record Rejected(String code, String reason) implements LineResult {
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }

  static LineResult of(String line) {
    return new Lines(List.of(line));
  }
}
