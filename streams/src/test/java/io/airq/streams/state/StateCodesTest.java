package io.airq.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCodesTest {
  /** Stored state holds these codes: they must never change (append new ones only). */
  @Test
  void theQuantityCodesArePinnedAndCoverEveryQuantity() {
    List<Quantity> pinned =
        List.of(
            Quantity.PM1,
            Quantity.PM25,
            Quantity.PM10,
            Quantity.NO2,
            Quantity.O3,
            Quantity.SO2,
            Quantity.CO,
            Quantity.CO2,
            Quantity.TEMPERATURE,
            Quantity.HUMIDITY,
            Quantity.PRESSURE,
            Quantity.WIND_SPEED,
            Quantity.WIND_DIR,
            Quantity.RAIN);
    for (int i = 0; i < pinned.size(); i++) {
      assertThat(StateCodes.code(pinned.get(i))).isEqualTo(i);
    }
    for (Quantity q : Quantity.values()) {
      assertThat(StateCodes.code(q)).isBetween(0, 255);
    }
  }

  @Test
  void correctionIdsAreCodedWhenKnownAndWrittenOutOtherwise() throws IOException {
    for (String id : List.of("none", "us-epa-2021-ext2022", "cal-2024-03 ✓", "")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      StateCodes.writeCorrection(new DataOutputStream(bytes), id);
      byte[] b = bytes.toByteArray();
      assertThat(StateCodes.readCorrection(new ByteArrayDataInput(b))).isEqualTo(id);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    StateCodes.writeCorrection(out, "none");
    StateCodes.writeCorrection(out, "us-epa-2021-ext2022");
    assertThat(bytes.toByteArray()).containsExactly(1, 2);
  }
}
