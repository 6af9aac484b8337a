package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Local calendar days as hours: 24, 23 and 25 of them, and zones off the whole hour. */
class LocalDayTest {
  private static long ms(String t) {
    return Instant.parse(t).toEpochMilli();
  }

  private static LocalDay day(String hour, String zone) {
    return LocalDay.of(ms(hour), ZoneId.of(zone));
  }

  @Test
  void aNairobiDayIsTheTwentyFourHoursFrom21Utc() {
    LocalDay d = day("2026-03-01T20:00:00Z", "Africa/Nairobi");
    assertThat(d.start()).isEqualTo(ms("2026-02-28T21:00:00Z"));
    assertThat(d.end()).isEqualTo(ms("2026-03-01T21:00:00Z"));
    assertThat(d.lastHour()).isEqualTo(ms("2026-03-01T20:00:00Z"));
    assertThat(d.hours()).isEqualTo(24);
    assertThat(day("2026-03-01T21:00:00Z", "Africa/Nairobi").start())
        .as("the next hour is the next day")
        .isEqualTo(ms("2026-03-01T21:00:00Z"));
    assertThat(LocalDay.endOf(d.start(), ZoneId.of("Africa/Nairobi"))).isEqualTo(d.end());
  }

  @Test
  void theDayTheClocksGoForwardHas23HoursAndTheDayTheyGoBack25() {
    // Dublin: 2026-03-29 01:00 GMT -> 02:00 IST; 2026-10-25 02:00 IST -> 01:00 GMT
    LocalDay spring = day("2026-03-29T12:00:00Z", "Europe/Dublin");
    assertThat(spring.start()).isEqualTo(ms("2026-03-29T00:00:00Z"));
    assertThat(spring.end()).isEqualTo(ms("2026-03-29T23:00:00Z"));
    assertThat(spring.hours()).isEqualTo(23);
    LocalDay autumn = day("2026-10-25T12:00:00Z", "Europe/Dublin");
    assertThat(autumn.start()).isEqualTo(ms("2026-10-24T23:00:00Z"));
    assertThat(autumn.end()).isEqualTo(ms("2026-10-26T00:00:00Z"));
    assertThat(autumn.hours()).isEqualTo(25);
    assertThat(day("2026-10-24T23:00:00Z", "Europe/Dublin")).isEqualTo(autumn);
    assertThat(day("2026-10-24T22:00:00Z", "Europe/Dublin").end()).isEqualTo(autumn.start());
  }

  @Test
  void inAZoneOffTheWholeHourTheDayIsTheHoursStartingWithinIt() {
    // India, +05:30: midnight is 18:30 UTC; the hours starting 19:00 .. 18:00 UTC (00:30 .. 23:30)
    LocalDay d = day("2026-03-01T12:00:00Z", "Asia/Kolkata");
    assertThat(d.start()).isEqualTo(ms("2026-02-28T19:00:00Z"));
    assertThat(d.end()).isEqualTo(ms("2026-03-01T19:00:00Z"));
    assertThat(day("2026-02-28T18:00:00Z", "Asia/Kolkata").end()).isEqualTo(d.start());
    assertThat(d.hours()).isEqualTo(24);
  }
}
