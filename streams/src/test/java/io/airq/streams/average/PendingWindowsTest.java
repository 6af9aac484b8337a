package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.streams.average.MapWindowIo.Emitted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The window rules alone, without Kafka: explicit measurement times, sensor clocks, stream times
 * and wall clocks, the stores as maps.
 */
class PendingWindowsTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration GRACE = Duration.ofHours(26);

  /** Reports every 20 minutes: a minute holds one reading. */
  private static final Sensor CBD = sensor("nbo-cbd-01", Duration.ofMinutes(20));

  /** Reports every 10 s: a minute holds six readings. */
  private static final Sensor FAST = sensor("nbo-fast-01", Duration.ofSeconds(10));

  private final MapWindowIo io = new MapWindowIo();

  private static Sensor sensor(String id, Duration interval) {
    return Sensor.builder(id)
        .position(-1.28, 36.82)
        .area("cbd")
        .county("Nairobi")
        .reportingInterval(interval)
        .model("SDS011")
        .build();
  }

  private static PendingWindows windows(Duration minuteGrace, Duration dayGrace) {
    return new PendingWindows(
        new PendingWindows.Limits(
            minuteGrace,
            dayGrace,
            AverageWindow.MINUTE.size().plus(minuteGrace),
            Duration.ofHours(24).plus(GRACE).plus(Duration.ofHours(48)),
            Duration.ofMinutes(1)));
  }

  private static CleanReading pm25(Sensor s, Instant time, double value) {
    return new CleanReading(
        s.id(),
        time,
        time,
        null,
        SourceFormat.AIRQ_JSON,
        null,
        Map.of(Quantity.PM25, CorrectedValue.uncorrected(value)),
        List.of());
  }

  private static long ms(Instant t) {
    return t.toEpochMilli();
  }

  /** A reading arriving in order: the sensor's clock and the stream time are its own time. */
  private void inOrder(PendingWindows w, Sensor s, Instant t, double value) {
    w.add(pm25(s, t, value), s, ms(t), ms(t), io);
  }

  /** One emission: the labels of what it sent. */
  private List<String> emitAt(PendingWindows w, Instant wall, Instant streamTime) {
    return emission(w, wall, streamTime).stream().map(Emitted::label).toList();
  }

  private List<Emitted> emission(PendingWindows w, Instant wall, Instant streamTime) {
    w.emit(ms(wall), ms(streamTime), io);
    return io.take();
  }

  @Test
  void aMinuteItsSensorsIntervalFillsGoesAtOnceAndItsHourAtTheNextEmission() {
    PendingWindows w = windows(GRACE, GRACE);
    Instant t = H10.plusSeconds(60);
    inOrder(w, CBD, t, 9);
    assertThat(io.take())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.label()).isEqualTo("1m " + t);
              assertThat(m.meanPm25()).isEqualTo(9);
            });
    assertThat(io.minute(CBD.id(), ms(t)).pending()).isFalse();
    assertThat(io.hour(CBD.id(), ms(H10)).pending()).isTrue();

    assertThat(emitAt(w, t.plusSeconds(30), t)).containsExactly("1h " + H10);
    assertThat(io.hour(CBD.id(), ms(H10)).pending()).as("emitted and marked").isFalse();
    assertThat(emitAt(w, t.plusSeconds(60), t)).as("emitted once").isEmpty();
  }

  @Test
  void theDayWindowEndingWithTheLatestHourWaitsUntilThatHourIsOver() {
    PendingWindows w = windows(GRACE, GRACE);
    Instant t = H10.plusSeconds(60);
    inOrder(w, CBD, t, 12);
    io.take();
    assertThat(emitAt(w, t.plusSeconds(30), t)).containsExactly("1h " + H10);
    assertThat(emitAt(w, H10.plusSeconds(3599), t)).as("10:00 is not over yet").isEmpty();

    List<Emitted> out = emission(w, H10.plusSeconds(3601), t);
    assertThat(out)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.label()).isEqualTo("24h " + H10.minus(Duration.ofHours(23)));
              assertThat(d.meanPm25()).isEqualTo(12);
            });
  }

  @Test
  void aLateReadingWithinGraceUpdatesItsHourAndTheDayWindowHoldingIt() {
    PendingWindows w = windows(GRACE, GRACE);
    Instant t10 = H10.plusSeconds(60);
    Instant t11 = t10.plus(Duration.ofHours(1));
    inOrder(w, CBD, t10, 10);
    emitAt(w, t10.plusSeconds(30), t10);
    inOrder(w, CBD, t11, 20);
    io.take();
    Instant dayStart = H10.minus(Duration.ofHours(23));
    assertThat(emitAt(w, t11.plusSeconds(30), t11))
        .as("11:00 begun: 10:00 is complete, so is the 24-hour window ending with it")
        .containsExactly("1h " + H10.plusSeconds(3600), "24h " + dayStart);

    // 10:30 arrives after 11:01: its sensor's clock is at 11:01, well within the grace
    Instant late = H10.plus(Duration.ofMinutes(30));
    w.add(pm25(CBD, late, 40), CBD, ms(t11), ms(t11), io);
    assertThat(io.takeLabels()).as("its minute, at once").containsExactly("1m " + late);

    List<Emitted> out = emission(w, t11.plusSeconds(60), t11);
    assertThat(out).extracting(Emitted::label).containsExactly("1h " + H10, "24h " + dayStart);
    assertThat(out).allSatisfy(e -> assertThat(e.meanPm25()).isEqualTo(25));
    assertThat(out).allSatisfy(e -> assertThat(e.countPm25()).isEqualTo(2));
  }

  @Test
  void aReadingPastTheMinuteGraceOnItsSensorsClockCountsInItsHourOnly() {
    PendingWindows w = windows(Duration.ofMinutes(5), GRACE);
    Instant clock = H10.plus(Duration.ofMinutes(10));
    Instant t = H10.plusSeconds(60); // 10:01 ends at 10:02, + 5 min grace: closed at 10:07
    w.add(pm25(CBD, t, 30), CBD, ms(clock), ms(clock), io);
    assertThat(io.take()).isEmpty();
    assertThat(io.minute(CBD.id(), ms(t))).isNull();

    assertThat(emission(w, clock, clock))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.label()).isEqualTo("1h " + H10);
              assertThat(h.meanPm25()).isEqualTo(30);
            });
  }

  @Test
  void aDayWindowPastItsGraceIsNotEmittedAgainWhenALateReadingChangesItsHour() {
    PendingWindows w = windows(GRACE, Duration.ofHours(1));
    Instant t10 = H10.plusSeconds(60);
    inOrder(w, CBD, t10, 10);
    Instant t12 = H10.plus(Duration.ofHours(2)).plusSeconds(60);
    inOrder(w, CBD, t12, 30);
    io.take();
    emitAt(w, t12, t12);

    // the window ending with 10:00 closed at 11:00 + 1 h grace; 10:30 arrives at 12:01
    Instant late = H10.plus(Duration.ofMinutes(30));
    w.add(pm25(CBD, late, 40), CBD, ms(t12), ms(t12), io);
    io.take();
    assertThat(emitAt(w, t12.plusSeconds(60), t12))
        .as("the hour, and the windows still within their grace")
        .containsExactly("1h " + H10, "24h " + H10.minus(Duration.ofHours(22)));
  }

  @Test
  void aFastSensorsMinuteWaitsForItsClockToPassTheMinutesEnd() {
    PendingWindows w = windows(GRACE, GRACE);
    io.wall = ms(H10);
    inOrder(w, FAST, H10, 10);
    inOrder(w, FAST, H10.plusSeconds(10), 20);
    assertThat(io.take()).as("two of the minute's six readings").isEmpty();
    assertThat(emitAt(w, H10.plusSeconds(20), H10.plusSeconds(10))).containsExactly("1h " + H10);

    Instant next = H10.plusSeconds(65);
    io.wall = ms(next);
    inOrder(w, FAST, next, 30);
    List<Emitted> out = emission(w, next.plusSeconds(5), next);
    assertThat(out).extracting(Emitted::label).containsExactly("1m " + H10, "1h " + H10);
    assertThat(out.get(0).meanPm25()).isEqualTo(15);
    assertThat(out.get(1).countPm25()).isEqualTo(3);
  }

  @Test
  void aPendingMinuteOfASensorThatFellSilentGoesAfterTheOpenMinuteWait() {
    PendingWindows w = windows(GRACE, GRACE);
    io.wall = ms(H10);
    inOrder(w, FAST, H10, 10);
    io.take();
    assertThat(emitAt(w, H10.plusSeconds(59), H10)).containsExactly("1h " + H10);
    assertThat(emitAt(w, H10.plusSeconds(60), H10)).containsExactly("1m " + H10);
    assertThat(io.minute(FAST.id(), ms(H10)).pending()).isFalse();
  }

  @Test
  void windowsFoundPendingInTheStoreAtStartGoAtTheFirstEmission() {
    Instant t = H10.plusSeconds(60);
    WindowAccumulators minute = WindowAccumulators.EMPTY.add(pm25(FAST, t, 7), ms(t));
    WindowAccumulators hour = WindowAccumulators.EMPTY.add(pm25(FAST, t, 7), ms(t));
    WindowAccumulators before =
        WindowAccumulators.EMPTY.add(pm25(FAST, H10.minusSeconds(3000), 5), ms(H10));
    // what the previous run committed: 09:00 emitted, 10:00 and 10:01 updated but not emitted
    io.putHour(FAST.id(), ms(H10.minusSeconds(3600)), before.emitted());
    io.putHour(FAST.id(), ms(H10), hour);
    io.putMinute(FAST.id(), ms(t), minute);
    PendingWindows w = windows(GRACE, GRACE);
    assertThat(w.recoverHour(FAST.id(), ms(H10.minusSeconds(3600)), before.emitted())).isFalse();
    assertThat(w.recoverHour(FAST.id(), ms(H10), hour)).isTrue();
    assertThat(w.recoverMinute(FAST.id(), ms(t), minute)).isTrue();

    assertThat(emitAt(w, t, t))
        .as("the minute, the hour, and the day window owed for the hour before it")
        .containsExactly("1m " + t, "1h " + H10, "24h " + H10.minus(Duration.ofHours(24)));
  }
}
