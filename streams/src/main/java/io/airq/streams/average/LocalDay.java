package io.airq.streams.average;

import io.airq.core.registry.Sensor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The local calendar day an hour belongs to, as the hours that make it up (window {@code day},
 * docs/quality.md): the hours (UTC-aligned, as airq keeps them) whose start falls within the day in
 * {@code zone} (the sensor's own {@code zone}, else the job's {@code day.zone}). A day has 24
 * hours, or 23 and 25 on the days the clocks change. In a zone whose offset is not a whole number
 * of hours (India, +05:30) the day is the hours starting from 00:30 to 23:30 local time. Times are
 * epoch milliseconds. Pure.
 *
 * @param start the start of the day's first hour
 * @param end the end of its last hour (exclusive)
 */
public record LocalDay(long start, long end) {
  private static final long HOUR_MS = RollingDay.HOUR_MS;

  /** The day holding the hour that starts at {@code hour}. */
  public static LocalDay of(long hour, ZoneId zone) {
    LocalDate date = Instant.ofEpochMilli(hour).atZone(zone).toLocalDate();
    return new LocalDay(
        ceilHour(date.atStartOfDay(zone).toInstant().toEpochMilli()),
        ceilHour(date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli()));
  }

  /** The end of the day whose first hour starts at {@code start}. */
  public static long endOf(long start, ZoneId zone) {
    return of(start, zone).end;
  }

  /**
   * The end of an area's day whose first hour starts at {@code start}, in the zone of the area's
   * registered sensors ({@code Sensor.zone}: the first that has one; they are to share it), else in
   * {@code fallback} ({@code day.zone}).
   */
  public static long endOf(long start, List<Sensor> areaSensors, ZoneId fallback) {
    ZoneId zone = fallback;
    for (Sensor s : areaSensors == null ? List.<Sensor>of() : areaSensors) {
      if (s.zone() != null) {
        zone = s.dayZone(fallback);
        break;
      }
    }
    return endOf(start, zone);
  }

  /** The start of its last hour. */
  public long lastHour() {
    return end - HOUR_MS;
  }

  /** How many hours it has: 24, or 23 or 25 on a daylight-saving change. */
  public int hours() {
    return (int) ((end - start) / HOUR_MS);
  }

  private static long ceilHour(long t) {
    return Math.floorDiv(t + HOUR_MS - 1, HOUR_MS) * HOUR_MS;
  }
}
