package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfluxWriterTest {
  @Test
  void theLimitAnswersOfInfluxdb16AreRetriedOtherRefusalsAreNot() {
    // the answers of influxd 1.6.7 (SinkLimitIT provokes the second against a real server)
    assertThat(
            InfluxWriter.isLimit(
                "partial write: max-series-per-database limit exceeded: (3) dropped=5"))
        .isTrue();
    assertThat(
            InfluxWriter.isLimit(
                "partial write: max-values-per-tag limit exceeded (100000/100000):"
                    + " measurement=\"reading\" tag=\"sensor\" value=\"zz-new-sensor-2\" dropped=1"))
        .isTrue();
    assertThat(
            InfluxWriter.isLimit(
                "partial write: field type conflict: input field \"pm25\" on measurement"
                    + " \"reading\" is type string, already exists as type float dropped=1"))
        .isFalse();
    assertThat(InfluxWriter.isLimit("partial write: points beyond retention policy dropped=1"))
        .isFalse();
    assertThat(InfluxWriter.isLimit(null)).isFalse();
  }
}
