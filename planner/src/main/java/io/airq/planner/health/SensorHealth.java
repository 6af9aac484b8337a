package io.airq.planner.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.CalibrationHistory;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sensor's health: when it last reported, its status against its reporting interval, and its
 * completeness per local day (readings seen / expected while it was in service).
 *
 * @param status {@code online} (last reading within 3 intervals), {@code stale} (within 24 h),
 *     {@code offline} (longer ago), {@code never seen} (no reading in the raw retention), or {@code
 *     retired}
 * @param completeness seen / expected over all {@code days}, 0..1 (may pass 1 when a sensor sends
 *     more often than registered); null when nothing was expected
 * @param calibration its calibration versions per quantity
 * @param qaFlags the share of its values flagged per QA rule (one sensor's health only)
 */
public record SensorHealth(
    String sensor,
    String status,
    Instant lastReading,
    Duration reportingInterval,
    List<Day> days,
    Double completeness,
    Map<Quantity, CalibrationHistory> calibration,
    @JsonInclude(JsonInclude.Include.NON_NULL) QaFlagShares qaFlags) {

  /** One local day: readings seen, readings expected, seen / expected (null when none expected). */
  public record Day(LocalDate date, long seen, long expected, Double completeness) {}

  public static final Duration STALE_AFTER = Duration.ofHours(24);

  /**
   * @param counts readings seen per local day
   * @param from the first local day reported
   * @param days how many days, up to and including today
   */
  public static SensorHealth of(
      Sensor s,
      Instant lastReading,
      Map<LocalDate, Long> counts,
      LocalDate from,
      int days,
      ZoneId zone,
      Instant now) {
    List<Day> out = new ArrayList<>();
    long seen = 0;
    long expected = 0;
    for (int i = 0; i < days; i++) {
      LocalDate d = from.plusDays(i);
      Instant start = d.atStartOfDay(zone).toInstant();
      Instant end = d.plusDays(1).atStartOfDay(zone).toInstant();
      end = end.isAfter(now) ? now : end;
      long exp =
          end.isAfter(start)
              ? s.activeWithin(start, end).toMillis() / s.reportingInterval().toMillis()
              : 0;
      long n = counts.getOrDefault(d, 0L);
      out.add(new Day(d, n, exp, exp == 0 ? null : (double) n / exp));
      seen += n;
      expected += exp;
    }
    return new SensorHealth(
        s.id(),
        status(s, lastReading, now),
        lastReading,
        s.reportingInterval(),
        out,
        expected == 0 ? null : (double) seen / expected,
        s.calibration(),
        null);
  }

  /** This health with the sensor's QA-flag shares (one sensor's health; not the network's). */
  public SensorHealth withQaFlags(QaFlagShares shares) {
    return new SensorHealth(
        sensor, status, lastReading, reportingInterval, days, completeness, calibration, shares);
  }

  static String status(Sensor s, Instant last, Instant now) {
    if (s.retired() != null && !now.isBefore(s.retired())) {
      return "retired";
    }
    if (last == null) {
      return "never seen";
    }
    Duration age = Duration.between(last, now);
    if (age.compareTo(s.reportingInterval().multipliedBy(3)) <= 0) {
      return "online";
    }
    return age.compareTo(STALE_AFTER) <= 0 ? "stale" : "offline";
  }
}
