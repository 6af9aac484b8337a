package io.airq.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadReportTest {
  @Test
  void aSummaryLineReadsBackAsTheReportItStates() {
    LoadGenerator.LoadReport r =
        new LoadGenerator.LoadReport(591183, 591180, 3, 60.0, 9845.0, 4, 44, 88, 203);
    assertThat(LoadGenerator.LoadReport.parse("12:00:01 INFO load: " + r.summary())).isEqualTo(r);
  }

  @Test
  void aLineWithoutASummaryIsRefusedNamingIt() {
    assertThatThrownBy(() -> LoadGenerator.LoadReport.parse("connected to tcp://x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connected to tcp://x");
  }
}
