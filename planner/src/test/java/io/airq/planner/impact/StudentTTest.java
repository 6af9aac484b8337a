package io.airq.planner.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {
  @Test
  void quantilesMatchPublishedTables() {
    assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.7062, within(1e-3));
    assertThat(StudentT.quantile(0.975, 2)).isCloseTo(4.30265, within(1e-4));
    assertThat(StudentT.quantile(0.975, 3)).isCloseTo(3.18245, within(1e-4));
    assertThat(StudentT.quantile(0.975, 10)).isCloseTo(2.22814, within(1e-4));
    assertThat(StudentT.quantile(0.975, 1000)).isCloseTo(1.96234, within(1e-4));
    assertThat(StudentT.quantile(0.025, 10)).isCloseTo(-2.22814, within(1e-4));
  }
}
