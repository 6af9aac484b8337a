package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.streams.quality.QaSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Replays 48 h of real sensors.AFRICA readings (Nairobi, 25-26 March 2021) through the topology and
 * checks every sensor-hour PM2.5 mean against a calculation done here directly from the CSV.
 */
class NairobiReplayTest {
  private static final Map<String, Quantity> VALUE_TYPES =
      Map.of(
          "P0", Quantity.PM1,
          "P1", Quantity.PM10,
          "P2", Quantity.PM25,
          "temperature", Quantity.TEMPERATURE,
          "humidity", Quantity.HUMIDITY);

  record Row(String sensor, String type, String location, double lat, double lon, Instant time) {}

  /**
   * Readings in file order, one per (sensor, timestamp), with every value_type of that row group.
   */
  static final Map<Row, Map<Quantity, Double>> READINGS = load();

  private static Map<Row, Map<Quantity, Double>> load() {
    try {
      Map<Row, Map<Quantity, Double>> out = new LinkedHashMap<>();
      List<String> lines =
          Files.readAllLines(
              SharedData.file("nairobi/nairobi_2021-03-25_to_2021-03-26_replay_sample.csv"));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(";");
        Row row =
            new Row(
                f[0],
                f[1],
                f[2],
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                OffsetDateTime.parse(f[5]).toInstant());
        out.computeIfAbsent(row, r -> new EnumMap<>(Quantity.class))
            .put(VALUE_TYPES.get(f[6]), Double.parseDouble(f[7]));
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Replays the file; returns the last hourly PM2.5 sensor average per (sensor, hour) and the clean
   * readings.
   */
  private static Map<String, WindowAverage> replay(
      StreamsSettings settings, List<CleanReading> cleanOut) {
    Map<String, WindowAverage> hourly = new HashMap<>();
    try (TopologyFixture t = new TopologyFixture(settings)) {
      Set<String> registered = new HashSet<>();
      for (Row r : READINGS.keySet()) {
        if (registered.add(r.sensor())) {
          t.register(
              Sensor.builder(r.sensor())
                  .position(r.lat(), r.lon())
                  .area("loc-" + r.location())
                  .county("Nairobi")
                  .reportingInterval(Duration.ofSeconds(150))
                  .model(r.type())
                  .build());
        }
      }
      for (Map.Entry<Row, Map<Quantity, Double>> e : READINGS.entrySet()) {
        Row r = e.getKey();
        t.send(Reading.of(r.sensor(), r.time(), r.time(), null, SourceFormat.REPLAY, e.getValue()));
        for (WindowAverage a : t.averages.readValuesToList()) {
          if (a.scope() == Scope.SENSOR
              && a.window() == AverageWindow.HOUR
              && a.quantity() == Quantity.PM25) {
            hourly.put(a.key() + "@" + a.start(), a);
          }
        }
        cleanOut.addAll(t.clean.readValuesToList());
      }
      assertThat(t.late.isEmpty()).isTrue();
      assertThat(t.quarantine.isEmpty()).isTrue();
    }
    return hourly;
  }

  /**
   * Independent: group the CSV's P2 values by sensor and UTC hour, leaving out the excluded
   * readings.
   */
  private static Map<String, List<Double>> expectedByHour(Set<String> excluded) {
    Map<String, List<Double>> out = new TreeMap<>();
    for (Map.Entry<Row, Map<Quantity, Double>> e : READINGS.entrySet()) {
      Double p2 = e.getValue().get(Quantity.PM25);
      String id = e.getKey().sensor() + "@" + e.getKey().time();
      if (p2 == null || excluded.contains(id)) {
        continue;
      }
      Instant hour = e.getKey().time().truncatedTo(ChronoUnit.HOURS);
      out.computeIfAbsent(e.getKey().sensor() + "@" + hour, k -> new ArrayList<>()).add(p2);
    }
    return out;
  }

  private static void assertHourlyMeansMatch(
      Map<String, WindowAverage> hourly, Map<String, List<Double>> expected) {
    assertThat(hourly.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, List<Double>> e : expected.entrySet()) {
      List<Double> v = e.getValue();
      double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      WindowAverage a = hourly.get(e.getKey());
      assertThat(a.count()).as(e.getKey()).isEqualTo(v.size());
      assertThat(a.rawMean()).as(e.getKey()).isCloseTo(mean, within(1e-9));
      // no co-located humidity on the PM sensors themselves: PM2.5 stays uncorrected
      assertThat(a.mean()).as(e.getKey()).isCloseTo(mean, within(1e-9));
      assertThat(a.min())
          .isEqualTo(v.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
      assertThat(a.max())
          .isEqualTo(v.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      assertThat(a.expectedCount()).isEqualTo(24);
    }
  }

  @Test
  void everySensorHourPm25MeanEqualsTheMeanComputedFromTheCsvWhenNoRuleFires() {
    QaSettings relaxed = new QaSettings(100000, 10, 5, 1e9, 1e9, 95, 5, 0.7);
    StreamsSettings settings = new StreamsSettings("", null, null, 75, relaxed, null);
    List<CleanReading> clean = new ArrayList<>();
    Map<String, WindowAverage> hourly = replay(settings, clean);
    assertThat(clean).hasSize(READINGS.size());
    assertThat(clean.stream().filter(c -> c.flagged(Quantity.PM25))).isEmpty();
    assertThat(hourly).hasSizeGreaterThan(200);
    assertHourlyMeansMatch(hourly, expectedByHour(Set.of()));
  }
}
