package io.airq.planner.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --from} and {@code --to} options of a command that reads a period ({@code series},
 * {@code calibrate}, {@code recompute}): a mixin, so each takes the same forms and refuses a bad
 * one with the same message.
 */
public final class PeriodOptions {
  @Option(
      names = "--from",
      required = true,
      paramLabel = "WHEN",
      converter = InstantOrDate.class,
      description = "Start: an ISO-8601 instant, or a date (its midnight UTC).")
  Instant from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "WHEN",
      converter = InstantOrDate.class,
      description = "End (exclusive): an ISO-8601 instant, or a date (its midnight UTC).")
  Instant to;

  public Instant from() {
    return from;
  }

  public Instant to() {
    return to;
  }

  /**
   * An ISO-8601 instant ({@code 2024-03-01T06:00:00Z}) or a date ({@code 2024-03-01}, its midnight
   * UTC): the one reading of a {@code WHEN} option's value.
   */
  public static final class InstantOrDate implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String v) {
      try {
        return v.length() == 10
            ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(v);
      } catch (DateTimeException e) {
        throw new CommandLine.TypeConversionException(
            "'"
                + v
                + "' is not an ISO-8601 instant or date (e.g. 2024-03-01T06:00:00Z or"
                + " 2024-03-01)");
      }
    }
  }
}
