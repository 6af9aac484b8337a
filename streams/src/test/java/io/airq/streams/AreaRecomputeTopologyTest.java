package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import io.airq.streams.average.AreaRecompute;
import io.airq.streams.average.HourRecompute;
import io.airq.streams.average.SensorWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code airq recompute}'s area windows ({@link AreaRecompute}) against the streams job's own: the
 * topology runs two outdoor sensors, an indoor one and a silent registered one of an area for 32
 * hours (one sensor missing readings in some hours, so it is below the coverage gate there, and one
 * late reading changing an earlier hour); {@link AreaRecompute} is then given the sensors' last
 * emitted windows, and its area hours, 24-hour windows and calendar day must equal the area windows
 * the topology last emitted, field for field (means, counts, coverage against the registry,
 * corrections, county, index values).
 */
class AreaRecomputeTopologyTest {
  private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
  private static final Instant DAY = Instant.parse("2026-02-28T21:00:00Z"); // 1 March, 00:00 EAT
  private static final Sensor A = SensorFixtures.cbd("nbo-cbd-01");
  private static final Sensor B = SensorFixtures.cbd("nbo-cbd-02");
  private static final Sensor INDOOR =
      Sensor.builder("nbo-cbd-in")
          .position(-1.28, 36.82)
          .area("cbd")
          .street("Moi Avenue")
          .county("Nairobi")
          .indoor(true)
          .reportingInterval(Duration.ofMinutes(20))
          .model("SDS011")
          .build();

  /** Registered in the area, in service from 20:00 EAT, never heard from. */
  private static final Sensor SILENT =
      Sensor.builder("nbo-cbd-03")
          .position(-1.28, 36.82)
          .area("cbd")
          .street("Moi Avenue")
          .county("Nairobi")
          .reportingInterval(Duration.ofMinutes(20))
          .model("SDS011")
          .kind(SensorKind.AIR)
          .installed(DAY.plus(Duration.ofHours(20)))
          .build();

  private static Reading reading(Sensor s, Instant at, double pm25, double no2, double so2) {
    return Reading.of(
        s.id(),
        at,
        at,
        null,
        SourceFormat.AIRQ_JSON,
        Map.of(Quantity.PM25, pm25, Quantity.NO2, no2, Quantity.SO2, so2, Quantity.O3, no2 + 30));
  }

  /** The last emission of every window of the topology's 32 hours, by scope|key|window|start. */
  private static Map<String, List<WindowAverage>> lastEmitted(List<HourRecompute.Stored> storedA) {
    List<WindowAverages> emitted;
    try (TopologyFixture t =
        new TopologyFixture(StreamsSettings.defaults("").withDayZone(NAIROBI))) {
      for (Sensor s : List.of(A, B, INDOOR, SILENT)) {
        t.register(s);
      }
      for (int m = -6 * 60; m < 26 * 60 + 60; m += 20) {
        Instant at = DAY.plus(Duration.ofMinutes(m + 5));
        int h = Math.floorDiv(m, 60);
        Reading a = reading(A, at, 30 + (m % 7), 20 + h % 5, 8 + h % 3);
        t.send(a);
        storedA.add(new HourRecompute.Stored(at, a.values(), a.values(), List.of()));
        if (h % 4 != 1 || m % 60 == 0) { // B: 1 reading of 3 (33 %) in every fourth hour
          t.send(reading(B, at, 55 + (m % 11) * 0.5, 35 - h % 4, 12));
        }
        t.send(reading(INDOOR, at, 400, 200, 100)); // would move every area mean it entered
      }
      // a late reading of B in an earlier hour: its hour, 24-hour windows, day and area change
      t.send(reading(B, DAY.plus(Duration.ofMinutes(6 * 60 + 30)), 180, 60, 30));
      t.emit();
      emitted = t.windows.readValuesToList();
    }
    Map<String, List<WindowAverage>> last = new LinkedHashMap<>();
    for (WindowAverages w : emitted) {
      WindowAverage a = w.averages().get(0);
      last.put(a.scope() + "|" + a.key() + "|" + a.window() + "|" + a.start(), w.averages());
    }
    return last;
  }

  /** The sensors' windows of the topology's last emissions. */
  private static List<SensorWindow> sensorWindows(Map<String, List<WindowAverage>> last) {
    List<SensorWindow> sensorWindows = new ArrayList<>();
    Map<String, Sensor> sensors = Map.of(A.id(), A, B.id(), B, INDOOR.id(), INDOOR);
    for (List<WindowAverage> w : last.values()) {
      WindowAverage a = w.get(0);
      if (a.scope() == Scope.SENSOR) {
        sensorWindows.add(new SensorWindow(sensors.get(a.key()), a.window(), a.start(), w));
      }
    }
    return sensorWindows;
  }

  @Test
  void areaWindowsRecomputedFromTheSensorsMeansEqualTheStreamsJobs() {
    List<HourRecompute.Stored> storedA = new ArrayList<>();
    Map<String, List<WindowAverage>> last = lastEmitted(storedA);
    Instant from = DAY;
    Instant to = DAY.plus(Duration.ofHours(24));
    AreaRecompute.Windows recomputed =
        AreaRecompute.of(
            "cbd", sensorWindows(last), List.of(A, B, INDOOR, SILENT), from, to, to, 75, NAIROBI);

    // the sensors' minutes, recomputed from the readings as the sink stores them, equal the
    // topology's; the area's minutes from the sensors' minutes equal the topology's too
    Map<Instant, List<WindowAverage>> minutesOfA = new TreeMap<>();
    for (List<WindowAverage> w : last.values()) {
      WindowAverage a = w.get(0);
      if (a.key().equals(A.id())
          && a.window() == AverageWindow.MINUTE
          && !a.start().isBefore(from)
          && a.start().isBefore(to)) {
        minutesOfA.put(
            a.start(), w.stream().sorted(Comparator.comparing(WindowAverage::quantity)).toList());
      }
    }
    assertThat(minutesOfA).hasSize(24 * 3);
    assertThat(byStart(HourRecompute.minutes(A, storedA, from, to, 75))).isEqualTo(minutesOfA);
    Map<Instant, List<WindowAverage>> minutes = streams(last, AverageWindow.MINUTE, from, to);
    assertThat(minutes).hasSize(24 * 3 + 1); // and the late reading's
    assertThat(byStart(recomputed.minutes())).isEqualTo(minutes);

    Map<Instant, List<WindowAverage>> hours = streams(last, AverageWindow.HOUR, from, to);
    Map<Instant, List<WindowAverage>> rolling =
        streams(
            last,
            AverageWindow.DAY_ROLLING,
            from.minus(Duration.ofHours(23)),
            to.minus(Duration.ofHours(23)));
    Map<Instant, List<WindowAverage>> days = streams(last, AverageWindow.DAY, from, to);
    assertThat(hours).hasSize(24);
    // the readings start at 18:00 EAT the day before: the 24-hour windows ending from 11:00 on hold
    // the 18 hours (75 %) that make the sensors' means valid
    assertThat(rolling).hasSize(13);
    assertThat(days).hasSize(1);
    assertThat(byStart(recomputed.hours())).isEqualTo(hours);
    assertThat(byStart(recomputed.rolling())).isEqualTo(rolling);
    assertThat(byStart(recomputed.days())).isEqualTo(days);

    // what makes the comparison worth it: the silent sensor counts, B drops out below the gate,
    // the late reading is in, and the area windows carry their index values
    WindowAverage hour6 = pm25(hours.get(DAY.plus(Duration.ofHours(6))));
    assertThat(hour6.count()).isEqualTo(7); // A's 3, B's 3 and its late one; not the indoor's
    WindowAverage hour1 = pm25(hours.get(DAY.plus(Duration.ofHours(1))));
    assertThat(hour1.count()).as("B below the gate in its fourth hours").isEqualTo(3);
    WindowAverage hour22 = pm25(hours.get(DAY.plus(Duration.ofHours(22))));
    assertThat(hour22.expectedCount()).as("the silent sensor is expected").isEqualTo(9);
    assertThat(hour22.indices()).as("6 of 9: below the gate, no index").isEmpty();
    assertThat(hour6.indices()).extracting(i -> i.field()).contains("aqi_us_nowcast");
    assertThat(days.get(DAY).stream().flatMap(a -> a.indices().stream()))
        .anyMatch(i -> i.field().equals("naqi"));
  }

  /**
   * A period from midnight UTC (03:00 in Nairobi) to 10:00 UTC: the local day holding its first
   * hours is recomputed though it starts before it, and the hours of the 23 after it (their index
   * values read the period's hours) and the 24-hour windows ending with them are too, as the
   * topology emitted them.
   */
  @Test
  void theLocalDayOverlappingThePeriodsStartAndTheWindowsAfterItHoldingItsHoursAreRecomputed() {
    Map<String, List<WindowAverage>> last = lastEmitted(new ArrayList<>());
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    Instant to = from.plus(Duration.ofHours(10));
    Instant followTo = to.plus(AreaRecompute.FOLLOWING);
    AreaRecompute.Windows recomputed =
        AreaRecompute.of(
            "cbd",
            sensorWindows(last),
            List.of(A, B, INDOOR, SILENT),
            from,
            to,
            followTo,
            75,
            NAIROBI);
    Map<Instant, List<WindowAverage>> days = streams(last, AverageWindow.DAY, DAY, to);
    assertThat(days).containsOnlyKeys(DAY); // 1 March EAT, from 28 February 21:00 UTC
    assertThat(byStart(recomputed.days())).isEqualTo(days);
    Map<Instant, List<WindowAverage>> hours = streams(last, AverageWindow.HOUR, from, followTo);
    assertThat(hours).hasSize(24); // the readings end at 26:40 after DAY, 23:40 UTC
    assertThat(byStart(recomputed.hours())).isEqualTo(hours);
    Map<Instant, List<WindowAverage>> rolling =
        streams(
            last,
            AverageWindow.DAY_ROLLING,
            from.minus(Duration.ofHours(23)),
            followTo.minus(Duration.ofHours(23)));
    assertThat(rolling.keySet()).anyMatch(start -> start.plus(Duration.ofHours(24)).isAfter(to));
    assertThat(byStart(recomputed.rolling())).isEqualTo(rolling);
  }

  /** The topology's last area windows of {@code w} starting in [from, to), by start. */
  private static Map<Instant, List<WindowAverage>> streams(
      Map<String, List<WindowAverage>> last, AverageWindow w, Instant from, Instant to) {
    List<List<WindowAverage>> out = new ArrayList<>();
    for (List<WindowAverage> means : last.values()) {
      WindowAverage a = means.get(0);
      if (a.scope() == Scope.AREA
          && a.window() == w
          && !a.start().isBefore(from)
          && a.start().isBefore(to)) {
        out.add(means);
      }
    }
    return byStart(out);
  }

  private static Map<Instant, List<WindowAverage>> byStart(List<List<WindowAverage>> windows) {
    Map<Instant, List<WindowAverage>> out = new TreeMap<>();
    for (List<WindowAverage> w : windows) {
      out.put(
          w.get(0).start(),
          w.stream().sorted(Comparator.comparing(WindowAverage::quantity)).toList());
    }
    return out;
  }

  private static WindowAverage pm25(List<WindowAverage> window) {
    return window.stream().filter(a -> a.quantity() == Quantity.PM25).findFirst().orElseThrow();
  }
}
