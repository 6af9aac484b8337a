package io.airq.streams;

import static io.airq.streams.SensorFixtures.of;
import static io.airq.streams.SensorFixtures.pm25;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local calendar day (window {@code day}): emitted once its last hour is complete, on the hours
 * of the day in the configured zone (23 or 25 on a daylight-saving change), with the daily US AQI
 * and the WHO 24-hour alerts labelled {@code calendar-day}, while the rolling 24 hours keep {@code
 * 24h-rolling}.
 */
class CalendarDayTopologyTest {
  /** Reports once an hour: an hour holds one reading, a day 23, 24 or 25. */
  private static final Sensor HOURLY = SensorFixtures.cbd("nbo-cbd-01", Duration.ofHours(1));

  /**
   * Registered only where a test needs it: a silent registered sensor lowers its area's coverage.
   */
  private static final Sensor OTHER = SensorFixtures.cbd("nbo-cbd-02", Duration.ofHours(1));

  private TopologyFixture t;

  private void start(String zone) {
    t = new TopologyFixture(StreamsSettings.defaults("").withDayZone(ZoneId.of(zone)));
    t.register(HOURLY);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  /**
   * One reading at half past each hour from {@code first} (inclusive) for {@code hours} hours: 40
   * and 41 alternating (mean 40.5 over an even number of hours; never stuck).
   */
  private void hourly(Sensor s, Instant first, int hours) {
    for (int h = 0; h < hours; h++) {
      t.send(pm25(s, first.plus(Duration.ofMinutes(60L * h + 30)), 40 + h % 2));
    }
  }

  private List<WindowAverage> days(List<WindowAverage> all, Scope scope) {
    return of(all, scope, AverageWindow.DAY, Quantity.PM25);
  }

  @Test
  void aNairobiDayIsEmittedOnceWhenItsLastHourCompletesWithItsDailyAqi() {
    start("Africa/Nairobi");
    Instant dayStart = Instant.parse("2026-02-28T21:00:00Z"); // 1 March, 00:00 EAT
    hourly(HOURLY, dayStart, 24);
    List<WindowAverage> before = t.averages.readValuesToList();
    assertThat(days(before, Scope.SENSOR)).as("its last hour is still open").isEmpty();
    assertThat(of(before, Scope.SENSOR, AverageWindow.DAY_ROLLING, Quantity.PM25))
        .as("the rolling 24 hours go on as before")
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(r.indices())
                    .allMatch(i -> i.averaging().equals(IndexValue.ROLLING_24H)));
    // the first reading of 2 March completes the day's last hour
    t.send(pm25(HOURLY, dayStart.plus(Duration.ofHours(24)).plusSeconds(60), 12));
    List<WindowAverage> after = t.averages.readValuesToList();
    WindowAverage d = days(after, Scope.SENSOR).stream().reduce((a, b) -> b).orElseThrow();
    assertThat(days(after, Scope.SENSOR)).hasSize(1);
    assertThat(d.start()).isEqualTo(dayStart);
    assertThat(d.end()).isEqualTo(Instant.parse("2026-03-01T21:00:00Z"));
    assertThat(d.count()).isEqualTo(24);
    assertThat(d.expectedCount()).isEqualTo(24);
    assertThat(d.mean()).isCloseTo(40.5, within(1e-9));
    // 40.5 µg/m³ on the 24-hour table: (150 - 101) / (55.4 - 35.5) * (40.5 - 35.5) + 101 = 113
    assertThat(d.indices())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.field()).isEqualTo("aqi_us");
              assertThat(i.value()).isEqualTo(113);
              assertThat(i.category()).isEqualTo("Unhealthy for Sensitive Groups");
              assertThat(i.averaging()).isEqualTo(IndexValue.CALENDAR_DAY);
            });
    // the area's day (its only sensor's mean), with the same index
    List<WindowAverage> area = days(after, Scope.AREA);
    assertThat(area).isNotEmpty();
    WindowAverage a = area.get(area.size() - 1);
    assertThat(a.start()).isEqualTo(dayStart);
    assertThat(a.end()).isEqualTo(d.end());
    assertThat(a.indices())
        .extracting(IndexValue::value, IndexValue::averaging)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(113, IndexValue.CALENDAR_DAY));
    // WHO alerts of the day, sensor and area: 40.5 is above interim target 3 (37.5)
    List<Alert> alerts =
        t.alerts.readValuesToList().stream().filter(x -> x.window() == AverageWindow.DAY).toList();
    assertThat(alerts)
        .extracting(Alert::scope, Alert::start, Alert::level, Alert::averaging)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                Scope.SENSOR, dayStart, "interim-target-3", "calendar-day"),
            org.assertj.core.groups.Tuple.tuple(
                Scope.AREA, dayStart, "interim-target-3", "calendar-day"));
    // more readings of 2 March do not emit 1 March again
    t.send(pm25(HOURLY, dayStart.plus(Duration.ofHours(25)).plusSeconds(60), 13));
    assertThat(days(t.averages.readValuesToList(), Scope.SENSOR)).isEmpty();
  }

  @Test
  void aSensorWithAZoneOfItsOwnGetsItsDaysThereWhileOthersKeepTheJobsZone() {
    start("UTC");
    Sensor nairobi =
        Sensor.builder("nbo-cbd-zoned")
            .position(-1.28, 36.82)
            .area("cbd-zoned")
            .street("Moi Avenue")
            .county("Nairobi")
            .reportingInterval(Duration.ofHours(1))
            .model("SDS011")
            .zone("Africa/Nairobi")
            .build();
    t.register(nairobi);
    Instant nairobiMidnight = Instant.parse("2026-02-28T21:00:00Z"); // 1 March, 00:00 EAT
    hourly(nairobi, nairobiMidnight, 24);
    t.send(pm25(nairobi, nairobiMidnight.plus(Duration.ofHours(24)).plusSeconds(60), 12));
    List<WindowAverage> all = t.averages.readValuesToList();
    WindowAverage d =
        days(all, Scope.SENSOR).stream()
            .filter(x -> x.key().equals(nairobi.id()))
            .findFirst()
            .orElseThrow();
    assertThat(d.start()).isEqualTo(nairobiMidnight);
    assertThat(d.end()).isEqualTo(Instant.parse("2026-03-01T21:00:00Z"));
    assertThat(d.count()).isEqualTo(24);
    assertThat(d.indices()).extracting(IndexValue::value).containsExactly(113);
    // its area's day is in its zone too
    assertThat(days(all, Scope.AREA))
        .filteredOn(x -> x.key().equals("cbd-zoned"))
        .extracting(WindowAverage::start, WindowAverage::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(nairobiMidnight, d.end()));
    // a sensor without a zone keeps the job's UTC days: 21:00Z is not the end of one of its days
    hourly(HOURLY, Instant.parse("2026-03-02T00:00:00Z"), 23);
    assertThat(days(t.averages.readValuesToList(), Scope.SENSOR))
        .filteredOn(x -> x.key().equals(HOURLY.id()))
        .isEmpty();
    t.send(pm25(HOURLY, Instant.parse("2026-03-03T00:10:00Z"), 12));
    assertThat(days(t.averages.readValuesToList(), Scope.SENSOR))
        .filteredOn(x -> x.key().equals(HOURLY.id()))
        .extracting(WindowAverage::start)
        .containsExactly(Instant.parse("2026-03-02T00:00:00Z"));
  }

  @Test
  void theDayTheClocksGoForwardHas23Hours() {
    start("Europe/Dublin");
    Instant dayStart = Instant.parse("2026-03-29T00:00:00Z"); // 00:00 GMT; 23:00Z is 00:00 IST
    hourly(HOURLY, dayStart, 23);
    t.send(pm25(HOURLY, Instant.parse("2026-03-29T23:10:00Z"), 12));
    WindowAverage d = days(t.averages.readValuesToList(), Scope.SENSOR).get(0);
    assertThat(d.start()).isEqualTo(dayStart);
    assertThat(d.end()).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
    assertThat(d.count()).isEqualTo(23);
    assertThat(d.expectedCount()).isEqualTo(23);
    assertThat(d.coverage()).isEqualTo(100.0);
    assertThat(d.indices()).extracting(IndexValue::averaging).containsExactly("calendar-day");
  }

  @Test
  void theDayTheClocksGoBackHas25Hours() {
    start("Europe/Dublin");
    Instant dayStart = Instant.parse("2026-10-24T23:00:00Z"); // 00:00 IST; 00:00Z is 00:00 GMT
    hourly(HOURLY, dayStart, 25);
    List<WindowAverage> before = days(t.averages.readValuesToList(), Scope.SENSOR);
    assertThat(before)
        .as("24 hours of it are not the whole day")
        .noneMatch(x -> x.start().equals(dayStart));
    t.send(pm25(HOURLY, Instant.parse("2026-10-26T00:10:00Z"), 12));
    WindowAverage d = days(t.averages.readValuesToList(), Scope.SENSOR).get(0);
    assertThat(d.start()).isEqualTo(dayStart);
    assertThat(d.end()).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
    assertThat(d.count()).isEqualTo(25);
    assertThat(d.expectedCount()).isEqualTo(25);
    // 13 readings of 40, 12 of 41
    assertThat(d.mean()).isCloseTo((13 * 40 + 12 * 41) / 25.0, within(1e-9));
    assertThat(d.indices()).extracting(IndexValue::averaging).containsExactly("calendar-day");
  }

  @Test
  void aDayBelowTheCoverageGateHasNoIndexAndNoAlert() {
    start("UTC");
    Instant dayStart = Instant.parse("2026-03-01T00:00:00Z");
    // 17 of 24 hours (71 %), the last one included
    hourly(HOURLY, dayStart.plus(Duration.ofHours(7)), 17);
    t.send(pm25(HOURLY, dayStart.plus(Duration.ofHours(24)).plusSeconds(60), 12));
    WindowAverage d = days(t.averages.readValuesToList(), Scope.SENSOR).get(0);
    assertThat(d.count()).isEqualTo(17);
    assertThat(d.coverage()).isLessThan(75);
    assertThat(d.indices()).isEmpty();
    assertThat(t.alerts.readValuesToList()).noneMatch(x -> x.window() == AverageWindow.DAY);
  }

  @Test
  void aSensorThatFallsSilentInTheEveningGetsItsDayOnceItsPartitionPassesMidnight() {
    start("UTC");
    t.register(OTHER);
    Instant dayStart = Instant.parse("2026-03-01T00:00:00Z");
    hourly(HOURLY, dayStart, 22); // until 21:30
    t.averages.readValuesToList();
    // another sensor of the partition: 23:30, then 00:30 of the next day
    t.send(pm25(OTHER, dayStart.plus(Duration.ofMinutes(23 * 60 + 30)), 20));
    assertThat(days(t.averages.readValuesToList(), Scope.SENSOR)).isEmpty();
    t.send(pm25(OTHER, dayStart.plus(Duration.ofMinutes(24 * 60 + 30)), 21));
    List<WindowAverage> d = days(t.averages.readValuesToList(), Scope.SENSOR);
    assertThat(d).extracting(WindowAverage::key).contains(HOURLY.id());
    WindowAverage mine = d.stream().filter(x -> x.key().equals(HOURLY.id())).findFirst().get();
    assertThat(mine.count()).isEqualTo(22);
    assertThat(mine.indices()).extracting(IndexValue::averaging).containsExactly("calendar-day");
  }

  @Test
  void aLateReadingReEmitsItsDay() {
    start("UTC");
    Instant dayStart = Instant.parse("2026-03-01T00:00:00Z");
    hourly(HOURLY, dayStart, 30);
    WindowAverage first = days(t.averages.readValuesToList(), Scope.SENSOR).get(0);
    assertThat(first.count()).isEqualTo(24);
    t.send(pm25(HOURLY, dayStart.plus(Duration.ofMinutes(5 * 60 + 50)), 100));
    WindowAverage again = days(t.averages.readValuesToList(), Scope.SENSOR).get(0);
    assertThat(again.start()).isEqualTo(dayStart);
    assertThat(again.count()).isEqualTo(25);
    assertThat(again.mean()).isCloseTo((24 * 40.5 + 100) / 25, within(1e-9));
  }
}
