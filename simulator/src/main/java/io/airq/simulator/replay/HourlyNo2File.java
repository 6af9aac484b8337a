package io.airq.simulator.replay;

import io.airq.core.reading.Quantity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an hourly NO2 site file ({@code <SITE>_combined.csv}: one row per local hour, its time with
 * the offset in a quoted {@code "Timestamp"} column, the site's NO2 hourly mean in µg/m³ or {@code
 * NA} in {@code NO2}, and optional weather columns). Each row with an NO2 value becomes one reading
 * at the hour's start, with {@code temp} and {@code rhum} as temperature and humidity when they are
 * given. The file says nothing about where the site is: that comes from a {@link SiteList}.
 */
public final class HourlyNo2File {
  /** The files hold hourly means. */
  public static final Duration INTERVAL = Duration.ofHours(1);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

  /** One hour of one site: NO2 and the weather, canonical units. */
  public record HourlyReading(SiteList.Site site, Instant time, Map<Quantity, Double> values) {}

  /** What a file held: readings to send, rows read, rows without NO2, rows that did not parse. */
  public record Read(List<HourlyReading> readings, long rows, long missingNo2, long badRows) {}

  private HourlyNo2File() {}

  /**
   * Whether a file's header is an hourly site file's (a quoted "Timestamp" and an "NO2" column).
   */
  public static boolean isHeader(String header) {
    return header != null && header.startsWith("\"Timestamp\"") && columns(header).contains("NO2");
  }

  /** The site code a file belongs to, from its name {@code <SITE>_...csv}. */
  public static String siteCode(Path file) {
    return file.getFileName().toString().split("_", 2)[0];
  }

  /** Reads the file of {@code site}. */
  public static Read read(Path file, SiteList.Site site) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (!isHeader(header)) {
        throw new IllegalArgumentException(
            file + ": not an hourly NO2 site file (header " + header + ")");
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

  private static boolean isMissing(String cell) {
    return cell.isEmpty() || cell.equals("NA");
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private static List<String> columns(String header) {
    return Arrays.stream(header.split(",", -1)).map(HourlyNo2File::unquote).toList();
  }
}
