package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RollingDayTest {
  private static final long H = RollingDay.HOUR_MS;

  private static List<Long> hours(long from, long to) {
    return LongStream.rangeClosed(from, to).map(h -> h * H).boxed().toList();
  }

  @Test
  void inOrderDataEmitsTheOneWindowEndingWithTheNewHour() {
    assertThat(RollingDay.starts(List.of(40 * H), 40 * H, 39 * H)).containsExactly(17 * H);
    // more readings in the same hour: the same window again
    assertThat(RollingDay.starts(List.of(40 * H), 40 * H, 39 * H)).containsExactly(17 * H);
  }

  @Test
  void aLateHourReEmitsTheEmittedWindowsHoldingIt() {
    assertThat(RollingDay.starts(List.of(15 * H), 40 * H, 40 * H))
        .containsExactlyElementsOf(hours(-8, 15));
    // only those ending by the latest hour: the later ones are emitted when the sensor gets there
    assertThat(RollingDay.starts(List.of(30 * H), 40 * H, 40 * H))
        .containsExactlyElementsOf(hours(7, 17));
  }

  @Test
  void aLatestHourAfterAGapEmitsTheWindowsItPassedThatHoldEarlierData() {
    // data up to hour 10 emitted, then nothing until hour 30
    assertThat(RollingDay.starts(List.of(30 * H), 30 * H, 10 * H))
        .containsExactlyElementsOf(hours(-12, 7));
  }

  @Test
  void aBackfillOfManyHoursEmitsOneWindowPerNewHour() {
    assertThat(RollingDay.starts(hours(41, 55), 55 * H, 40 * H))
        .containsExactlyElementsOf(hours(18, 32));
  }

  @Test
  void aSensorsFirstHourEmitsTheWindowEndingWithIt() {
    assertThat(RollingDay.starts(List.of(5 * H), 5 * H, Long.MIN_VALUE)).containsExactly(-18 * H);
  }
}
