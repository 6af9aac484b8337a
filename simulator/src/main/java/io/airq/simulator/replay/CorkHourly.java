package io.airq.simulator.replay;

import io.airq.core.closure.Closure;
import io.airq.core.closure.ComparisonPeriod;
import io.airq.core.closure.SensorSelection;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Cork hourly NO2 files ({@code <SITE>_combined.csv}: one row per local hour with its
 * offset, the site's low-cost NO2 hourly mean in µg/m³ or {@code NA}, and Cork Airport weather).
 * Each row with an NO2 value becomes one reading at the hour's start, with the airport's {@code
 * temp} and {@code rhum} as temperature and humidity when they are given.
 */
public final class CorkHourly {
  public static final ZoneId ZONE = ZoneId.of("Europe/Dublin");
  public static final Duration INTERVAL = Duration.ofHours(1);
  public static final String GATEWAY = "cork-city-centre";
  public static final String MODEL = "low-cost NO2";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

  /**
   * A monitoring site. Positions are approximate street midpoints (about ±100 m), looked up for
   * this replay; the source data gives none.
   */
  public record Site(String code, String sensorId, String street, double lat, double lon) {}

  public static final List<Site> SITES =
      List.of(
          new Site("SPS", "cork-sps", "St Patrick's Street", 51.8988, -8.4737),
          new Site("OP", "cork-op", "Oliver Plunkett Street", 51.8977, -8.4700),
          new Site("GP", "cork-gp", "Grand Parade", 51.8966, -8.4771),
          new Site("BS", "cork-bs", "Beasley Street", 51.8972, -8.4663));

  /** One hour of one site: NO2 and the airport weather, canonical units. */
  public record HourlyReading(Site site, Instant time, Map<Quantity, Double> values) {}

  /** What a file held: readings to send, rows read, rows without NO2, rows that did not parse. */
  public record Read(List<HourlyReading> readings, long rows, long missingNo2, long badRows) {}

  private CorkHourly() {}

  /**
   * Whether a file's header is a Cork combined file's (a quoted "Timestamp" and an "NO2" column).
   */
  public static boolean isCorkHeader(String header) {
    return header != null && header.startsWith("\"Timestamp\"") && columns(header).contains("NO2");
  }

  /** The site a file belongs to, from its name {@code <SITE>_combined.csv}. */
  public static Site site(Path file) {
    String code = file.getFileName().toString().split("_", 2)[0];
    return SITES.stream()
        .filter(s -> s.code().equalsIgnoreCase(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    file + ": not a Cork site file (SPS, OP, GP or BS _combined.csv)"));
  }

  public static Read read(Path file) {
    Site site = site(file);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (!isCorkHeader(header)) {
        throw new IllegalArgumentException(
            file + ": not a Cork hourly file (header " + header + ")");
      }
      List<String> columns = columns(header);
      int time = columns.indexOf("Timestamp");
      int no2 = columns.indexOf("NO2");
      int temp = columns.indexOf("temp");
      int rhum = columns.indexOf("rhum");
      List<HourlyReading> out = new ArrayList<>();
      long rows = 0;
      long missing = 0;
      long bad = 0;
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        rows++;
        String[] f = line.split(",", -1);
        try {
          Instant t = OffsetDateTime.parse(unquote(f[time]), TIME).toInstant();
          if (isMissing(f[no2])) {
            missing++;
            continue;
          }
          Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
          values.put(Quantity.NO2, Double.parseDouble(f[no2]));
          if (temp >= 0 && !isMissing(f[temp])) {
            values.put(Quantity.TEMPERATURE, Double.parseDouble(f[temp]));
          }
          if (rhum >= 0 && !isMissing(f[rhum])) {
            values.put(Quantity.HUMIDITY, Double.parseDouble(f[rhum]));
          }
          out.add(new HourlyReading(site, t, values));
        } catch (RuntimeException e) {
          bad++;
        }
      }
      return new Read(out, rows, missing, bad);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One registry entry per site. */
  public static Sensor sensor(Site s) {
    return new Sensor(
        s.sensorId(),
        GATEWAY,
        s.lat(),
        s.lon(),
        "Cork city centre",
        s.street(),
        "Cork",
        false,
        HostType.PUBLIC,
        INTERVAL,
        MODEL,
        Map.of());
  }

  /** Cork Car-Free Day, Friday 22 September 2023, 07:00 to 19:00 Irish time. */
  public static final LocalDate CAR_FREE_DAY = LocalDate.of(2023, 9, 22);

  /**
   * The Car-Free Day as a closure of the given sites: treated = those sites (the data has no
   * control site outside the closed area), baseline = the same hours on the three Fridays before
   * (1, 8 and 15 September 2023, school term, like the day itself), after = the default seven days.
   */
  public static Closure carFreeDay(List<String> sensorIds) {
    List<ComparisonPeriod> baseline = new ArrayList<>();
    for (int weeks = 3; weeks >= 1; weeks--) {
      LocalDate d = CAR_FREE_DAY.minusWeeks(weeks);
      baseline.add(new ComparisonPeriod(d.atTime(7, 0), d.atTime(19, 0)));
    }
    return new Closure(
        "cork-car-free-day-2023",
        "Cork Car-Free Day 2023",
        new SensorSelection(sensorIds, List.of()),
        new SensorSelection(List.of(), List.of()),
        LocalDateTime.of(CAR_FREE_DAY, java.time.LocalTime.of(7, 0)),
        LocalDateTime.of(CAR_FREE_DAY, java.time.LocalTime.of(19, 0)),
        null,
        null,
        ZONE,
        baseline);
  }

  private static boolean isMissing(String cell) {
    return cell.isEmpty() || cell.equals("NA");
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private static List<String> columns(String header) {
    return Arrays.stream(header.split(",", -1)).map(CorkHourly::unquote).toList();
  }
}
