package io.airq.planner.health;

import io.airq.core.registry.Sensor;
import io.airq.planner.influx.AverageReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The health of many sensors at once: two InfluxDB queries on the raw readings for all of them. */
public final class NetworkHealth {
  private final AverageReader reader;
  private final Clock clock;

  public NetworkHealth(AverageReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  /** Each sensor's health over the last {@code days} local days of {@code zone}, by id. */
  public List<SensorHealth> of(Collection<Sensor> sensors, ZoneId zone, int days) {
    Instant now = Instant.now(clock);
    LocalDate first = now.atZone(zone).toLocalDate().minusDays(days - 1L);
    List<String> ids = sensors.stream().map(Sensor::id).sorted().toList();
    Map<String, Instant> last = reader.lastReadings(ids);
    Map<String, Map<LocalDate, Long>> perDay =
        reader.readingsPerDay(ids, first.atStartOfDay(zone).toInstant(), now, zone);
    return sensors.stream()
        .sorted(Comparator.comparing(Sensor::id))
        .map(
            s ->
                SensorHealth.of(
                    s,
                    last.get(s.id()),
                    perDay.getOrDefault(s.id(), Map.of()),
                    first,
                    days,
                    zone,
                    now))
        .toList();
  }
}
