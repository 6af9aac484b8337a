package io.airq.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
  private static Instant random(Random rnd) {
    long sec =
        switch (rnd.nextInt(4)) {
          case 0 -> rnd.nextLong(-70_000_000_000L, 300_000_000_000L);
          case 1 -> rnd.nextLong(0, 4_102_444_800L); // 1970 to 2100
          case 2 -> 1_600_000_000L + rnd.nextInt(400_000_000) / 60 * 60; // whole minutes
          default -> rnd.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
        };
    int nano =
        switch (rnd.nextInt(4)) {
          case 0 -> 0;
          case 1 -> rnd.nextInt(1000) * 1_000_000;
          case 2 -> rnd.nextInt(1_000_000) * 1000;
          default -> rnd.nextInt(1_000_000_000);
        };
    return Instant.ofEpochSecond(sec, nano);
  }

  @Test
  void formatsAndParsesExactlyAsTheJdk() {
    Random rnd = new Random(7);
    for (int i = 0; i < 300_000; i++) {
      Instant t = random(rnd);
      String expected = DateTimeFormatter.ISO_INSTANT.format(t);
      assertThat(IsoInstants.format(t)).isEqualTo(expected);
      assertThat(IsoInstants.parse(expected)).isEqualTo(Instant.parse(expected)).isEqualTo(t);
    }
    for (String s :
        new String[] {
          "1970-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z",
          "2000-02-29T12:00:00Z",
          "2024-02-29T23:59:59.5Z",
          "2021-03-25T00:00:11.24947Z",
          "2021-03-25T00:00:11.2Z",
          "0000-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999Z"
        }) {
      assertThat(IsoInstants.parse(s)).as(s).isEqualTo(Instant.parse(s));
    }
  }

  @Test
  void unusualOrInvalidStringsBehaveAsInstantParse() {
    String[] strings = {
      "2021-03-25T00:00:00+03:00",
      "2021-03-25t00:00:00z",
      "2021-03-25T24:00:00Z",
      "2021-03-25T23:59:60Z",
      "2021-02-29T00:00:00Z",
      "1900-02-29T00:00:00Z",
      "2021-13-01T00:00:00Z",
      "2021-00-01T00:00:00Z",
      "2021-04-31T00:00:00Z",
      "2021-03-25T00:60:00Z",
      "2021-03-25T00:00:00.Z",
      "2021-03-25T00:00:00.1234567890Z",
      "2021-03-25T00:00:00,5Z",
      "2021-03-25T00:00Z",
      "+2021-03-25T00:00:00Z",
      "-001-03-25T00:00:00Z",
      "2021-3-25T00:00:00Z",
      "2021-03-25T00:00:0aZ",
      "2021-03-25 00:00:00Z",
      "",
      "Z"
    };
    for (String s : strings) {
      Instant expected;
      try {
        expected = Instant.parse(s);
      } catch (DateTimeException e) {
        assertThatThrownBy(() -> IsoInstants.parse(s)).as(s).isInstanceOf(DateTimeException.class);
        continue;
      }
      assertThat(IsoInstants.parse(s)).as(s).isEqualTo(expected);
    }
  }
}
