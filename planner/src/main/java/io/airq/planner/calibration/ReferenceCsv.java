package io.airq.planner.calibration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reference station's hourly series in CSV, e.g. a council's export: a header row, then one hour
 * a row; ';' or ',' separated (whichever the header uses); the first column is the time. Times
 * without an offset are local times of {@code zone}. Each row's hour is labelled by its end (the
 * usual convention of UK and EU reference networks: "01:00" is 00:00–01:00) unless {@code
 * labelledByStart}. Cells that are not numbers (empty, {@code NA}, …) are no value.
 */
public final class ReferenceCsv {
  private ReferenceCsv() {}

  /**
   * The hourly values of one column, keyed by the hour's start.
   *
   * @param column the column's name; matched ignoring case, spaces, '.', '_' and '-' (so {@code
   *     pm25} finds {@code PM2.5})
   * @throws IllegalArgumentException naming the columns there are, or the line that is not read
   */
  public static Map<Instant, Double> hourly(
      List<String> lines, String column, ZoneId zone, boolean labelledByStart) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("the reference file is empty");
    }
    String header = lines.get(0);
    String sep = header.contains(";") ? ";" : ",";
    List<String> names = new ArrayList<>();
    for (String h : header.split(sep, -1)) {
      names.add(h.strip().replace("\"", ""));
    }
    int col = -1;
    for (int i = 1; i < names.size(); i++) {
      if (norm(names.get(i)).equals(norm(column))) {
        col = i;
      }
    }
    if (col < 0) {
      throw new IllegalArgumentException(
          "the reference file has no column " + column + "; its columns: " + names);
    }
    Map<Instant, Double> out = new TreeMap<>();
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(sep, -1);
      Instant t = time(cells[0].strip().replace("\"", ""), zone, n + 1);
      Instant hour = labelledByStart ? t : t.minus(Duration.ofHours(1));
      if (col < cells.length) {
        try {
          double v = Double.parseDouble(cells[col].strip().replace("\"", ""));
          if (Double.isFinite(v)) {
            out.put(hour, v);
          }
        } catch (NumberFormatException e) {
          // no value this hour
        }
      }
    }
    return out;
  }

  private static Instant time(String s, ZoneId zone, int line) {
    String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.replaceFirst(" ", "T") : s;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(iso).atZone(zone).toInstant();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "line " + line + ": the time is not an ISO-8601 date-time: " + s);
      }
    }
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[\\s._-]", "");
  }
}
