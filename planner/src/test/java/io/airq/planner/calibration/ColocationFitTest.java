package io.airq.planner.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.airq.planner.calibration.ColocationFit.Pair;
import io.airq.planner.calibration.ColocationFit.Result;
import io.airq.planner.calibration.ColocationFit.Split;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColocationFitTest {
  private static final Instant DAY = Instant.parse("2019-05-01T00:00:00Z");

  /** A sensor reading 2 × the reference − 4, exactly, for {@code hours} hours. */
  private static List<Pair> line(int hours) {
    List<Pair> out = new ArrayList<>();
    for (int h = 0; h < hours; h++) {
      double ref = 5 + (h * 7) % 13;
      out.add(new Pair(DAY.plus(Duration.ofHours(h)), 2 * ref - 4, ref));
    }
    return out;
  }

  @Test
  void aSensorThatIsALinearFunctionOfTheReferenceIsCorrectedExactly() {
    Result r = ColocationFit.fit(line(24), Split.HOUR);
    assertThat(r.slope()).isCloseTo(0.5, within(1e-12));
    assertThat(r.intercept()).isCloseTo(2, within(1e-12));
    assertThat(r.train().n()).isEqualTo(12);
    assertThat(r.train().r2()).isCloseTo(1, within(1e-12));
    assertThat(r.after().rmse()).isCloseTo(0, within(1e-12));
    assertThat(r.after().n()).isEqualTo(12);
    assertThat(r.before().rmse()).isGreaterThan(1);
    // raw = 2 ref − 4: its bias is the mean of ref − 4 over the test hours
    double bias =
        line(24).stream()
            .filter(p -> p.hour().getEpochSecond() / 3600 % 2 == 1)
            .mapToDouble(p -> p.reference() - 4)
            .average()
            .orElseThrow();
    assertThat(r.before().bias()).isCloseTo(bias, within(1e-12));
  }

  @Test
  void splittingByDayHoldsOutEverySecondDay() {
    Result r = ColocationFit.fit(line(72), Split.DAY);
    assertThat(r.train().n()).isEqualTo(48);
    assertThat(r.after().n()).isEqualTo(24);
  }

  @Test
  void oneDaySplitByDayOrTooFewHoursOrARawSeriesThatDoesNotVaryIsRefused() {
    assertThatThrownBy(() -> ColocationFit.fit(line(24), Split.DAY))
        .hasMessageContaining("--split hour");
    assertThat(ColocationFit.fit(line(5), Split.HOUR).train().n()).isEqualTo(3);
    assertThatThrownBy(() -> ColocationFit.fit(line(4), Split.HOUR))
        .hasMessageContaining("too few co-located hours: 2 to fit (3 needed) and 2 to test");
    List<Pair> flat = new ArrayList<>();
    for (int h = 0; h < 8; h++) {
      flat.add(new Pair(DAY.plus(Duration.ofHours(h)), 10, h));
    }
    assertThatThrownBy(() -> ColocationFit.fit(flat, Split.HOUR)).hasMessageContaining("vary");
  }

  @Test
  void theHumidityAwareFitRecoversAnEpaLikeCorrectionFromThePairsWithHumidity() {
    List<Pair> pairs = new ArrayList<>();
    for (int h = 0; h < 48; h++) {
      double raw = 8 + (h * 7) % 23;
      double rh = 40 + (h * 11) % 50;
      Double humidity = h == 5 ? null : rh; // one hour without humidity: left out
      pairs.add(
          new Pair(DAY.plus(Duration.ofHours(h)), raw, 0.52 * raw - 0.086 * rh + 5.75, humidity));
    }
    ColocationFit.HumidityResult r = ColocationFit.fitWithHumidity(pairs, Split.DAY).orElseThrow();
    assertThat(r.slope()).isCloseTo(0.52, within(1e-9));
    assertThat(r.humidity()).isCloseTo(-0.086, within(1e-9));
    assertThat(r.intercept()).isCloseTo(5.75, within(1e-9));
    assertThat(r.train().n()).isEqualTo(23);
    assertThat(r.after().n()).isEqualTo(24);
    assertThat(r.after().rmse()).isCloseTo(0, within(1e-9));
    assertThat(r.before().rmse()).isGreaterThan(1);
  }

  @Test
  void noHumidityAwareFitWithoutHumidityOrWhenItMovesWithTheRawMeans() {
    assertThat(ColocationFit.fitWithHumidity(line(24), Split.HOUR)).isEmpty();
    List<Pair> collinear = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      double raw = 5 + h % 7;
      collinear.add(new Pair(DAY.plus(Duration.ofHours(h)), raw, raw + h % 3, 2 * raw + 1));
    }
    assertThat(ColocationFit.fitWithHumidity(collinear, Split.HOUR)).isEmpty();
  }
}
