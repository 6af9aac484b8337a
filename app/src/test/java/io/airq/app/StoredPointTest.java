package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.sink.line.LineResult;
import io.airq.sink.line.PointMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When {@code airq recompute} must delete a stored window before writing it: only when the new
 * point, written as the sink writes it, would leave part of the stored one behind.
 */
class StoredPointTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final IndexValue NOWCAST =
      new IndexValue("aqi_us_nowcast", "us-epa-2024", 74, "Moderate", Quantity.PM25, "nowcast-12h");

  private static WindowAverage hour(String county, IndexValue... indices) {
    return new WindowAverage(
        Scope.AREA,
        "cbd",
        "cbd",
        county,
        AverageWindow.HOUR,
        T,
        T.plusSeconds(3600),
        Quantity.PM25,
        3,
        3,
        100,
        20,
        30,
        24,
        24,
        "none",
        List.of(indices));
  }

  /** A row of {@code SELECT * … GROUP BY "quantity"} holding the fields of {@code a}'s line. */
  private static StoredPoint storedAs(WindowAverage a, String... more) {
    String line = ((LineResult.Lines) PointMapper.average(a)).lines().get(0);
    List<String> cols =
        new ArrayList<>(List.of("time", "area", "county", "key", "scope", "window"));
    List<Object> row =
        new ArrayList<>(Arrays.asList(T.toString(), a.area(), null, a.key(), "area", "1h"));
    if (!a.county().isEmpty()) {
      row.set(2, a.county());
    }
    StoredPoint.fieldsOf(line)
        .forEach(
            (k, v) -> {
              cols.add(k);
              row.add(v instanceof Long n ? (Object) n.doubleValue() : v); // as InfluxDB answers
            });
    for (String m : more) {
      cols.add(m);
      row.add(1.0);
    }
    assertThat(cols).contains("mean", "coverage", "correction");
    return StoredPoint.of(cols, row);
  }

  /** Whether writing {@code a} over {@code p} leaves nothing of {@code p}. */
  private static boolean overwrites(WindowAverage a, StoredPoint p) {
    return p.overwrittenBy(a, StoredPoint.written(a));
  }

  @Test
  void theSameWindowWrittenAgainOverwritesItsPoint() {
    assertThat(overwrites(hour("Nairobi"), storedAs(hour("Nairobi")))).isTrue();
    assertThat(overwrites(hour("Nairobi", NOWCAST), storedAs(hour("Nairobi", NOWCAST)))).isTrue();
    assertThat(overwrites(hour(""), storedAs(hour("")))).isTrue();
    assertThat(overwrites(hour("Nairobi", NOWCAST), storedAs(hour("Nairobi"))))
        .as("a new index adds fields")
        .isTrue();
  }

  @Test
  void anIndexTheWindowNoLongerHasAnotherTagOrAnOldFieldNeedsADelete() {
    assertThat(overwrites(hour("Nairobi"), storedAs(hour("Nairobi", NOWCAST)))).isFalse();
    assertThat(overwrites(hour("Kiambu"), storedAs(hour("Nairobi")))).isFalse();
    assertThat(overwrites(hour("Nairobi"), storedAs(hour("")))).isFalse();
    assertThat(overwrites(hour("Nairobi"), storedAs(hour("Nairobi"), "aqi"))).isFalse();
  }

  @Test
  void aFieldTheSinkNowLeavesOutAsNaNNeedsADelete() {
    WindowAverage nanMin = withMin(hour("Nairobi"), Double.NaN);
    assertThat(StoredPoint.written(nanMin)).doesNotContainKey("min");
    assertThat(overwrites(nanMin, storedAs(hour("Nairobi")))).isFalse();
  }

  @Test
  void aWindowFoundInTwoSeriesNeedsADelete() {
    assertThat(overwrites(hour("Nairobi"), storedAs(hour("Nairobi")).asDuplicated())).isFalse();
  }

  @Test
  void aWindowChangedWhenAnyWrittenFieldDiffersNotOnlyItsMeanOrCorrection() {
    StoredPoint p = storedAs(hour("Nairobi", NOWCAST));
    assertThat(p.sameAs(StoredPoint.written(hour("Nairobi", NOWCAST)))).isTrue();
    assertThat(p.sameAs(StoredPoint.written(hour("Nairobi")))).as("an index less").isFalse();
    IndexValue other =
        new IndexValue(
            "aqi_us_nowcast", "us-epa-2024", 75, "Moderate", Quantity.PM25, "nowcast-12h");
    assertThat(p.sameAs(StoredPoint.written(hour("Nairobi", other)))).as("its value").isFalse();
    WindowAverage a = hour("Nairobi", NOWCAST);
    WindowAverage lessCoverage =
        new WindowAverage(
            a.scope(),
            a.key(),
            a.area(),
            a.county(),
            a.window(),
            a.start(),
            a.end(),
            a.quantity(),
            a.count(),
            a.expectedCount() + 1,
            75,
            a.min(),
            a.max(),
            a.rawMean(),
            a.mean(),
            a.correction(),
            a.indices());
    assertThat(p.sameMean(StoredPoint.written(lessCoverage))).isTrue();
    assertThat(p.sameAs(StoredPoint.written(lessCoverage))).as("coverage, expected").isFalse();
  }

  @Test
  void theFieldsOfALineAreReadWithTheirTypes() {
    assertThat(
            StoredPoint.fieldsOf(
                "average,key=a\\ b,area=x mean=2.5,count=3i,correction=\"v\\\"1, x\",min=1 1000"))
        .containsExactly(
            java.util.Map.entry("mean", 2.5),
            java.util.Map.entry("count", 3L),
            java.util.Map.entry("correction", "v\"1, x"),
            java.util.Map.entry("min", 1.0));
  }

  private static WindowAverage withMin(WindowAverage a, double min) {
    return new WindowAverage(
        a.scope(),
        a.key(),
        a.area(),
        a.county(),
        a.window(),
        a.start(),
        a.end(),
        a.quantity(),
        a.count(),
        a.expectedCount(),
        a.coverage(),
        min,
        a.max(),
        a.rawMean(),
        a.mean(),
        a.correction(),
        a.indices());
  }

  @Test
  void itsMeanAndCorrectionAreRead() {
    StoredPoint p = storedAs(hour("Nairobi"));
    assertThat(p.mean()).isEqualTo(24.0);
    assertThat(p.correction()).isEqualTo("none");
    assertThat(p.county()).isEqualTo("Nairobi");
    assertThat(p.area()).isEqualTo("cbd");
  }
}
