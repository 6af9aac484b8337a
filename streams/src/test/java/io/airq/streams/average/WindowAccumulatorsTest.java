package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SourceFormat;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowAccumulatorsTest {
  private static CleanReading reading(long t, double pm25, String correction) {
    Map<Quantity, CorrectedValue> v = new EnumMap<>(Quantity.class);
    v.put(Quantity.PM25, new CorrectedValue(pm25, pm25 * 0.5, correction));
    v.put(Quantity.HUMIDITY, CorrectedValue.uncorrected(60));
    return new CleanReading(
        "s", Instant.ofEpochMilli(t), null, null, SourceFormat.AIRQ_JSON, null, v, List.of());
  }

  @Test
  void roundTripsWithKnownAndOtherCorrectionIds() {
    WindowAccumulators w =
        WindowAccumulators.EMPTY
            .add(reading(1_000, 10, "us-epa-2021-ext2022"), 1_000)
            .add(reading(2_000, 12, "cal-7 µ"), 2_000)
            .add(reading(3_000, 14, "none"), 3_000);
    byte[] bytes = WindowAccumulators.SERDE.serialize("t", w);
    assertThat(bytes[0]).isEqualTo((byte) 2);
    assertThat(WindowAccumulators.SERDE.deserialize("t", bytes)).isEqualTo(w);
    WindowAccumulators e = w.emitted();
    assertThat(
            WindowAccumulators.SERDE.deserialize("t", WindowAccumulators.SERDE.serialize("t", e)))
        .isEqualTo(e);
  }

  /** State written by the previous release (version 1) is still read. */
  @Test
  void stateOfTheFirstFormatIsStillRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(1);
    out.writeBoolean(true);
    out.writeLong(5_000L);
    out.writeLong(4_000L);
    out.writeByte(2);
    out.writeUTF("pm25");
    out.writeLong(2);
    out.writeDouble(11.0);
    out.writeDouble(22.0);
    out.writeDouble(5.0);
    out.writeDouble(6.0);
    out.writeByte(2);
    out.writeUTF("none");
    out.writeUTF("us-epa-2021-ext2022");
    out.writeUTF("humidity");
    out.writeLong(1);
    out.writeDouble(60.0);
    out.writeDouble(60.0);
    out.writeDouble(60.0);
    out.writeDouble(60.0);
    out.writeByte(1);
    out.writeUTF("none");
    WindowAccumulators w = WindowAccumulators.SERDE.deserialize("t", bytes.toByteArray());
    assertThat(w.pending()).isTrue();
    assertThat(w.pendingSince()).isEqualTo(5_000L);
    assertThat(w.maxTime()).isEqualTo(4_000L);
    assertThat(w.quantities())
        .containsExactly(
            Map.entry(
                Quantity.PM25,
                new Accumulator(2, 11.0, 22.0, 5.0, 6.0, Set.of("none", "us-epa-2021-ext2022"))),
            Map.entry(Quantity.HUMIDITY, new Accumulator(1, 60, 60, 60, 60, Set.of("none"))));
    assertThat(w.quantities().get(Quantity.PM25).correction())
        .isEqualTo("none+us-epa-2021-ext2022");
  }
}
