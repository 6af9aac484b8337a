package io.airq.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one reading of {@code --from} and {@code --to}, and its refusal in each command. */
class PeriodOptionsTest {
  private static final PeriodOptions.InstantOrDate WHEN = new PeriodOptions.InstantOrDate();

  private record Run(int code, String err) {}

  private static Run airq(String... args) {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new PlannerCli())
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, err.toString());
  }

  @Test
  void aDateIsItsMidnightUtcAndAnInstantIsItself() {
    assertThat(WHEN.convert("2024-03-01")).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(WHEN.convert("2024-03-01T06:30:00Z"))
        .isEqualTo(Instant.parse("2024-03-01T06:30:00Z"));
    assertThat(WHEN.convert("2024-03-01T06:30:00+03:00"))
        .isEqualTo(Instant.parse("2024-03-01T03:30:00Z"));
  }

  @Test
  void anythingElseIsRefusedWithTheFormsItTakes() {
    for (String bad : new String[] {"yesterday", "2024-13-01", "2024-03-01T06:30"}) {
      assertThatThrownBy(() -> WHEN.convert(bad))
          .isInstanceOf(CommandLine.TypeConversionException.class)
          .hasMessage(
              "'"
                  + bad
                  + "' is not an ISO-8601 instant or date (e.g. 2024-03-01T06:00:00Z or"
                  + " 2024-03-01)");
    }
  }

  @Test
  void eachCommandRefusesABadPeriodAsAUsageErrorBeforeAnyRequest() {
    // no planner listens here: the value is refused before any request
    String api = "http://127.0.0.1:9";
    Run series =
        airq("series", "--sensor", "s1", "--from", "yesterday", "--to", "2024-03-02", "--api", api);
    assertThat(series.code()).isEqualTo(2);
    assertThat(series.err())
        .contains("Invalid value for option '--from': 'yesterday' is not an ISO-8601 instant");
    Run calibrate =
        airq(
            "calibrate",
            "--sensor",
            "s1",
            "--reference-sensor",
            "r1",
            "--from",
            "2024-03-01",
            "--to",
            "tomorrow",
            "--api",
            api);
    assertThat(calibrate.code()).isEqualTo(2);
    assertThat(calibrate.err())
        .contains("Invalid value for option '--to': 'tomorrow' is not an ISO-8601 instant");
    Run applyFrom =
        airq(
            "calibrate",
            "--sensor",
            "s1",
            "--reference-sensor",
            "r1",
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-02",
            "--apply-from",
            "now",
            "--api",
            api);
    assertThat(applyFrom.code()).isEqualTo(2);
    assertThat(applyFrom.err()).contains("Invalid value for option '--apply-from': 'now' is not");
  }
}
