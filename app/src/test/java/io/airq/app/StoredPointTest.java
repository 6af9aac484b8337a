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
    for (String f :
        line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' ')).split(",(?=[a-z_0-9]+=)")) {
      cols.add(f.substring(0, f.indexOf('=')));
      row.add(f.substring(f.indexOf('=') + 1));
    }
    for (String m : more) {
      cols.add(m);
      row.add(1.0);
    }
    assertThat(cols).contains("mean", "coverage", "correction");
    return StoredPoint.of(cols, row);
  }

  @Test
  void theSameWindowWrittenAgainOverwritesItsPoint() {
    assertThat(storedAs(hour("Nairobi")).overwrittenBy(hour("Nairobi"))).isTrue();
    assertThat(storedAs(hour("Nairobi", NOWCAST)).overwrittenBy(hour("Nairobi", NOWCAST))).isTrue();
    assertThat(storedAs(hour("")).overwrittenBy(hour(""))).isTrue();
    assertThat(storedAs(hour("Nairobi")).overwrittenBy(hour("Nairobi", NOWCAST)))
        .as("a new index adds fields")
        .isTrue();
  }

  @Test
  void anIndexTheWindowNoLongerHasAnotherTagOrAnOldFieldNeedsADelete() {
    assertThat(storedAs(hour("Nairobi", NOWCAST)).overwrittenBy(hour("Nairobi"))).isFalse();
    assertThat(storedAs(hour("Nairobi")).overwrittenBy(hour("Kiambu"))).isFalse();
    assertThat(storedAs(hour("")).overwrittenBy(hour("Nairobi"))).isFalse();
    assertThat(storedAs(hour("Nairobi"), "aqi").overwrittenBy(hour("Nairobi"))).isFalse();
  }

  @Test
  void itsMeanAndCorrectionAreRead() {
    StoredPoint p = storedAs(hour("Nairobi"));
    assertThat(Double.parseDouble(String.valueOf(p.mean()))).isEqualTo(24.0);
    assertThat(p.county()).isEqualTo("Nairobi");
    assertThat(p.area()).isEqualTo("cbd");
  }
}
