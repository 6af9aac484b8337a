package io.airq.ingest.pin;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PinMergerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final PinMerger merger = new PinMerger(Duration.ofSeconds(10));

  private static PinMerger.Pin pin(
      long offset, String sensor, double secondsAfter, String pin, Map<Quantity, Double> values) {
    Instant at = T0.plusMillis((long) (secondsAfter * 1000));
    return new PinMerger.Pin(
        0, offset, Reading.of(sensor, at, at, sensor, SourceFormat.SENSOR_COMMUNITY, values), pin);
  }

  @Test
  void pinsOfOneDeviceWithinTheWindowBecomeOneReadingAtTheFirstPinsTime() {
    assertThat(merger.add(pin(0, "esp-1", 0, "1", Map.of(Quantity.PM25, 13.4)))).isEmpty();
    assertThat(merger.add(pin(1, "esp-1", 1.2, "7", Map.of(Quantity.HUMIDITY, 61.3)))).isEmpty();
    assertThat(merger.closeDue(T0.plusSeconds(9), Set.of(0))).isEmpty();
    List<PinMerger.Merged> done = merger.closeDue(T0.plusSeconds(10), Set.of(0));
    assertThat(done).hasSize(1);
    Reading r = done.get(0).reading();
    assertThat(r.time()).isEqualTo(T0);
    assertThat(r.values()).isEqualTo(Map.of(Quantity.PM25, 13.4, Quantity.HUMIDITY, 61.3));
    assertThat(done.get(0).pins()).containsExactly("1", "7");
    assertThat(merger.committable()).isEqualTo(Map.of(0, 2L));
  }

  @Test
  void aWindowIsNotClosedByTheClockWhileItsPartitionIsStillBeingRead() {
    merger.add(pin(0, "esp-1", 0, "1", Map.of(Quantity.PM25, 13.4)));
    assertThat(merger.closeDue(T0.plusSeconds(3600), Set.of())).isEmpty();
    assertThat(merger.committable()).isEqualTo(Map.of(0, 0L));
  }

  @Test
  void aLaterPinOfThePartitionPastTheWindowClosesIt() {
    merger.add(pin(0, "esp-1", 0, "1", Map.of(Quantity.PM25, 13.4)));
    merger.add(pin(1, "esp-2", 11, "1", Map.of(Quantity.PM25, 2.0)));
    List<PinMerger.Merged> done = merger.closeDue(T0.plusSeconds(11), Set.of());
    assertThat(done).extracting(m -> m.reading().sensorId()).containsExactly("esp-1");
    assertThat(merger.committable()).isEqualTo(Map.of(0, 1L));
  }

  @Test
  void aRepeatedPinOrOneAfterTheWindowStartsTheDevicesNextReading() {
    merger.add(pin(0, "esp-1", 0, "1", Map.of(Quantity.PM25, 13.4)));
    List<PinMerger.Merged> again = merger.add(pin(1, "esp-1", 2, "1", Map.of(Quantity.PM25, 9.0)));
    assertThat(again).hasSize(1);
    assertThat(again.get(0).reading().values()).isEqualTo(Map.of(Quantity.PM25, 13.4));
    List<PinMerger.Merged> late =
        merger.add(pin(2, "esp-1", 12.5, "7", Map.of(Quantity.HUMIDITY, 50.0)));
    assertThat(late).hasSize(1);
    assertThat(late.get(0).reading().time()).isEqualTo(T0.plusSeconds(2));
    assertThat(merger.committable()).isEqualTo(Map.of(0, 2L));
  }

  @Test
  void theFirstPinWithAQuantityKeepsItsValue() {
    merger.add(
        pin(0, "esp-1", 0, "7", Map.of(Quantity.TEMPERATURE, 24.1, Quantity.HUMIDITY, 61.0)));
    merger.add(
        pin(1, "esp-1", 1, "11", Map.of(Quantity.TEMPERATURE, 23.0, Quantity.PRESSURE, 1006.1)));
    Reading r = merger.closeDue(T0.plusSeconds(10), Set.of(0)).get(0).reading();
    assertThat(r.values())
        .isEqualTo(
            Map.of(Quantity.TEMPERATURE, 24.1, Quantity.HUMIDITY, 61.0, Quantity.PRESSURE, 1006.1));
  }

  @Test
  void forgottenPartitionsLeaveNoOpenGroupAndNoOffset() {
    merger.add(pin(0, "esp-1", 0, "1", Map.of(Quantity.PM25, 13.4)));
    merger.forget(List.of(0));
    assertThat(merger.openGroups()).isZero();
    assertThat(merger.committable()).isEmpty();
  }
}
