package io.airq.streams.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorHistoryTest {
  @Test
  void theSensorsClockIsItsLatestMeasurementTimeAndRoundTrips() {
    SensorHistory h =
        SensorHistory.EMPTY
            .with(Map.of(Quantity.PM25, 7.0), 2_000L, 3)
            .with(Map.of(Quantity.PM25, 8.0), 1_000L, 3);
    assertThat(h.latest()).isEqualTo(2_000L);
    assertThat(h.of(Quantity.PM25)).containsExactly(7.0, 8.0);
    assertThat(SensorHistory.SERDE.deserialize("t", SensorHistory.SERDE.serialize("t", h)))
        .isEqualTo(h);
  }

  @Test
  void stateOfTheFirstFormatIsReadWithAnUnknownClock() throws IOException {
    // version 1: no clock, then the values per quantity
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(1);
    out.writeByte(1);
    out.writeUTF(Quantity.PM25.id());
    out.writeShort(2);
    out.writeDouble(5.0);
    out.writeDouble(6.0);
    SensorHistory h = SensorHistory.SERDE.deserialize("t", bytes.toByteArray());
    assertThat(h.recent()).isEqualTo(Map.of(Quantity.PM25, List.of(5.0, 6.0)));
    assertThat(h.latest()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void stateOfTheSecondFormatIsStillRead() throws IOException {
    // version 2: the clock, then the values per quantity with the quantity ids in UTF-8
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(2);
    out.writeLong(7_000L);
    out.writeByte(2);
    out.writeUTF(Quantity.PM25.id());
    out.writeShort(2);
    out.writeDouble(5.0);
    out.writeDouble(6.0);
    out.writeUTF(Quantity.HUMIDITY.id());
    out.writeShort(1);
    out.writeDouble(61.5);
    SensorHistory h = SensorHistory.SERDE.deserialize("t", bytes.toByteArray());
    assertThat(h.recent())
        .isEqualTo(Map.of(Quantity.PM25, List.of(5.0, 6.0), Quantity.HUMIDITY, List.of(61.5)));
    assertThat(h.latest()).isEqualTo(7_000L);
  }

  @Test
  void theCurrentFormatCodesQuantitiesInOneByte() {
    SensorHistory h = SensorHistory.EMPTY.with(Map.of(Quantity.PM25, 7.0), 2_000L, 3);
    byte[] bytes = SensorHistory.SERDE.serialize("t", h);
    // version, clock, count, quantity code, size, one value
    assertThat(bytes).hasSize(1 + 8 + 1 + 1 + 2 + 8);
    assertThat(bytes[0]).isEqualTo((byte) 3);
    assertThat(bytes[10]).isEqualTo((byte) 1);
  }

  @Test
  void aHistoryKeepsTheLastValuesOfEachQuantityUpToItsLength() {
    SensorHistory h = SensorHistory.EMPTY;
    for (int i = 1; i <= 5; i++) {
      h = h.with(Map.of(Quantity.PM25, (double) i, Quantity.PM10, 10.0 * i), i, 3);
      assertThat(h.of(Quantity.PM25)).hasSize(Math.min(i, 3)).endsWith((double) i);
    }
    assertThat(h.of(Quantity.PM25)).containsExactly(3.0, 4.0, 5.0);
    assertThat(h.of(Quantity.PM10)).containsExactly(30.0, 40.0, 50.0);
    assertThat(h.with(Map.of(Quantity.PM25, 6.0), 6, 0).of(Quantity.PM25)).isEmpty();
  }
}
