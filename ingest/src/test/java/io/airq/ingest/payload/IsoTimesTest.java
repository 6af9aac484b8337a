package io.airq.ingest.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IsoTimesTest {
  /** What OffsetDateTime.parse says: the instant, or null when it refuses the text. */
  private static Instant reference(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static Instant fast(String text) {
    try {
      return IsoTimes.parse(text);
    } catch (DateTimeException e) {
      return null;
    }
  }

  @Test
  void utcFormWithAndWithoutFractionIsReadByTheFastPath() {
    assertThat(IsoTimes.utc("2026-03-01T10:00:00Z"))
        .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(IsoTimes.utc("2026-03-01T10:00:00.5Z"))
        .isEqualTo(Instant.parse("2026-03-01T10:00:00.500Z"));
    assertThat(IsoTimes.utc("2024-02-29T23:59:59.123456789Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456789Z"));
  }

  @Test
  void everythingElseIsLeftToOffsetDateTime() {
    for (String s :
        List.of(
            "2026-03-01T13:00:00+03:00",
            "2026-03-01T10:00Z",
            "2026-03-01T10:00:00z",
            "2026-02-29T10:00:00Z",
            "2026-03-01T24:00:00Z",
            "2026-03-01T10:00:60Z",
            "2026-03-01T10:00:00.Z",
            "2026-03-01T10:00:00.1234567890Z",
            "+12026-03-01T10:00:00Z",
            "2026-03-01 10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-00-10T10:00:00Z",
            "0000-01-01T00:00:00Z")) {
      assertThat(IsoTimes.utc(s) == null || IsoTimes.utc(s).equals(reference(s))).as(s).isTrue();
      assertThat(fast(s)).as(s).isEqualTo(reference(s));
    }
  }

  @Test
  void agreesWithOffsetDateTimeOnHundredThousandMutatedTimes() {
    Random random = new Random(20260301);
    String alphabet = "0123456789-:.TZz+ ";
    for (int i = 0; i < 100_000; i++) {
      StringBuilder s =
          new StringBuilder(
              Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000))
                  .toString());
      int edits = random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(s.length());
        switch (random.nextInt(3)) {
          case 0 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> s.deleteCharAt(at);
          default -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String text = s.toString();
      assertThat(fast(text)).as(text).isEqualTo(reference(text));
    }
  }

  @Test
  void sensorIdCheckAgreesWithItsRegex() {
    Pattern regex = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    Random random = new Random(7);
    String alphabet = "aZ09._:@-/ é\u0000$";
    for (int i = 0; i < 100_000; i++) {
      int n = random.nextInt(4) == 0 ? 120 + random.nextInt(12) : random.nextInt(8);
      StringBuilder s = new StringBuilder();
      for (int c = 0; c < n; c++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String id = s.toString();
      assertThat(PayloadParser.isValidSensorId(id)).as(id).isEqualTo(regex.matcher(id).matches());
    }
  }
}
