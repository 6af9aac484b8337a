package io.airq.planner.impact.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StudyPlanTest {

  @Test
  void historyGivesAMinimumDetectableEffectAndTooLittleHistoryGivesNone() {
    SyntheticCity city = new SyntheticCity(13, 60, 1, 0.0, false);
    LocalDateTime start = SyntheticCity.TRAIN_START.plusDays(60).withHour(7);
    LocalDateTime end = start.withHour(19);

    StudyPlan.Estimate six =
        StudyPlan.estimate(
            start,
            end,
            SyntheticCity.ZONE,
            city.observed,
            new TreeMap<>(),
            0,
            city.weather,
            6,
            BauSettings.DEFAULT);
    StudyPlan.Estimate one =
        StudyPlan.estimate(
            start,
            end,
            SyntheticCity.ZONE,
            city.observed,
            new TreeMap<>(),
            0,
            city.weather,
            1,
            BauSettings.DEFAULT);

    assertThat(six.placebos()).isEqualTo(42);
    assertThat(six.trainingDays()).isEqualTo(43);
    assertThat(six.minimumDetectablePercent()).isBetween(5.0, 60.0);
    assertThat(one.trainingDays()).isEqualTo(8).isLessThan(BauSettings.DEFAULT.minTrainingDays());
    assertThat(one.minimumDetectablePercent()).isNaN();
    assertThat(one.placebos()).isZero();
  }
}
