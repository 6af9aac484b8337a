package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfluxAnswerTest {
  static final String RETENTION =
      "failure writing points to database: partial write: points beyond retention policy dropped=1";

  @Test
  void badPointsAnswersOfInfluxdb1And2ArePermanent() {
    // 1.x answers 400, 2.x (v1 compatibility and /api/v2/write) 422
    assertThat(InfluxAnswer.of(400, "partial write: points beyond retention policy dropped=1"))
        .isEqualTo(InfluxAnswer.BAD_POINTS);
    assertThat(InfluxAnswer.of(422, RETENTION)).isEqualTo(InfluxAnswer.BAD_POINTS);
    assertThat(InfluxAnswer.of(400, "unable to parse 'x y=': missing field value"))
        .isEqualTo(InfluxAnswer.BAD_POINTS);
    assertThat(InfluxAnswer.of(400, null)).isEqualTo(InfluxAnswer.BAD_POINTS);
  }

  @Test
  void outagesOverloadAndAuthorisationAreRetriedNotDeadLettered() {
    for (int status : new int[] {0, 401, 403, 404, 408, 413, 429, 500, 502, 503, 504}) {
      assertThat(InfluxAnswer.of(status, "anything"))
          .as("status %d", status)
          .isEqualTo(InfluxAnswer.RETRIABLE);
    }
  }

  @Test
  void theLimitAnswersOfInfluxdb16AreWaitedOutOtherRefusalsAreNot() {
    // the answers of influxd 1.6.7 (SinkLimitIT provokes the second against a real server)
    assertThat(
            InfluxAnswer.of(
                400, "partial write: max-series-per-database limit exceeded: (3) dropped=5"))
        .isEqualTo(InfluxAnswer.SERIES_LIMIT);
    assertThat(
            InfluxAnswer.of(
                400,
                "partial write: max-values-per-tag limit exceeded (100000/100000):"
                    + " measurement=\"reading\" tag=\"sensor\" value=\"zz-new-sensor-2\" dropped=1"))
        .isEqualTo(InfluxAnswer.SERIES_LIMIT);
    assertThat(
            InfluxAnswer.of(
                400,
                "partial write: field type conflict: input field \"pm25\" on measurement"
                    + " \"reading\" is type string, already exists as type float dropped=1"))
        .isEqualTo(InfluxAnswer.BAD_POINTS);
    assertThat(InfluxAnswer.isLimit(null)).isFalse();
  }
}
