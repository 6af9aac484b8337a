package io.airq.planner.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AverageQueryTest {
  @Test
  void selectsTheSchemaTagsAndEscapesKeys() {
    String q =
        AverageQuery.select(
            Scope.SENSOR,
            List.of("a", "o'brien"),
            AverageWindow.HOUR,
            Quantity.NO2,
            Instant.parse("2023-09-22T06:00:00Z"),
            Instant.parse("2023-09-22T18:00:00Z"));
    assertThat(q)
        .isEqualTo(
            "SELECT \"key\", \"mean\", \"raw_mean\", \"count\", \"expected\" FROM \"average\" WHERE"
                + " \"scope\" = 'sensor' AND \"window\" = '1h' AND \"quantity\" = 'no2' AND"
                + " (\"key\" = 'a' OR \"key\" = 'o\\'brien') AND time >="
                + " '2023-09-22T06:00:00Z' AND time < '2023-09-22T18:00:00Z'");
  }
}
