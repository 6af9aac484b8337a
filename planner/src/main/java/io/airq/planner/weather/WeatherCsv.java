package io.airq.planner.weather;

import io.airq.core.reading.PhysicalRange;
import io.airq.core.reading.Quantity;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a weather station's hourly history from CSV (docs/weather.md). Pure. Every problem is
 * reported with its line number and nothing is imported while there is one; a value written {@code
 * NA} or left empty is missing (counted per column), and a row with no value at all is listed.
 */
public final class WeatherCsv {
  private WeatherCsv() {}

  /**
   * What a file holds.
   *
   * @param hours the hours in file order, values in canonical units
   * @param errors problems, each with its line number; nothing may be imported when not empty
   * @param emptyRows rows (line numbers) with a time but no value: not imported, and said so
   * @param missing per column, how many of its cells were {@code NA} or empty
   */
  public record Result(
      WeatherFormat format,
      WeatherFormat.WindUnit windUnit,
      List<WeatherHour> hours,
      List<String> errors,
      List<Integer> emptyRows,
      Map<String, Integer> missing) {}

  /**
   * @param format the layout; empty: detected from the header
   * @param windUnit the wind speed's unit; empty: the format's (knots for cork, m/s for plain)
   */
  public static Result parse(
      List<String> lines,
      Optional<WeatherFormat> format,
      Optional<WeatherFormat.WindUnit> windUnit) {
    List<String> errors = new ArrayList<>();
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      return failed(format, windUnit, "line 1: the file is empty (a header line is expected)");
    }
    List<String> header = cells(lines.get(0));
    Optional<WeatherFormat> f = format.isPresent() ? format : WeatherFormat.detect(header);
    if (f.isEmpty()) {
      return failed(
          format,
          windUnit,
          "line 1: neither a cork header (Timestamp,...,wdsp,wddir,...) nor a plain one"
              + " (time,wind_speed,wind_dir,temperature,humidity,rain); give --format");
    }
    WeatherFormat fmt = f.get();
    WeatherFormat.WindUnit unit = windUnit.orElse(fmt.defaultWindUnit());
    int timeAt = header.indexOf(fmt.timeColumn());
    if (timeAt < 0) {
      errors.add("line 1: no " + fmt.timeColumn() + " column (" + fmt.id() + " format)");
    }
    Map<Integer, Quantity> columns = new LinkedHashMap<>();
    Map<Integer, String> names = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      Quantity q = fmt.columns().get(name);
      if (q != null) {
        columns.put(i, q);
        names.put(i, name);
      } else if (fmt.strictColumns() && i != timeAt) {
        errors.add(
            "line 1: unknown column "
                + name
                + " (plain columns: time, "
                + String.join(", ", fmt.columns().keySet())
                + ")");
      }
    }
    if (columns.isEmpty()) {
      errors.add("line 1: no weather column (" + String.join(", ", fmt.columns().keySet()) + ")");
    }
    if (!errors.isEmpty()) {
      return new Result(fmt, unit, List.of(), errors, List.of(), Map.of());
    }
    List<WeatherHour> hours = new ArrayList<>();
    List<Integer> emptyRows = new ArrayList<>();
    Map<String, Integer> missing = new LinkedHashMap<>();
    Map<Instant, Integer> seen = new HashMap<>();
    for (int n = 1; n < lines.size(); n++) {
      int line = n + 1;
      if (lines.get(n).isBlank()) {
        continue;
      }
      List<String> c = cells(lines.get(n));
      if (c.size() != header.size()) {
        errors.add("line " + line + ": " + c.size() + " cells, the header has " + header.size());
        continue;
      }
      Instant start = time(c.get(timeAt), line, errors);
      if (start == null) {
        continue;
      }
      Integer before = seen.putIfAbsent(start, line);
      if (before != null) {
        errors.add("line " + line + ": hour " + start + " is already on line " + before);
        continue;
      }
      Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
      for (Map.Entry<Integer, Quantity> e : columns.entrySet()) {
        String name = names.get(e.getKey());
        String cell = c.get(e.getKey()).strip();
        if (cell.isEmpty() || cell.equalsIgnoreCase("NA") || cell.equalsIgnoreCase("NaN")) {
          missing.merge(name, 1, Integer::sum);
          continue;
        }
        Double v = value(e.getValue(), cell, unit, line, name, errors);
        if (v != null) {
          values.put(e.getValue(), v);
        }
      }
      if (values.isEmpty()) {
        emptyRows.add(line);
      } else {
        hours.add(new WeatherHour(start, values));
      }
    }
    return new Result(fmt, unit, errors.isEmpty() ? hours : List.of(), errors, emptyRows, missing);
  }

  private static Result failed(
      Optional<WeatherFormat> f, Optional<WeatherFormat.WindUnit> u, String error) {
    return new Result(
        f.orElse(null), u.orElse(null), List.of(), List.of(error), List.of(), Map.of());
  }

  /** The hour's start: an ISO-8601 date-time with Z or an offset, on the hour. */
  private static Instant time(String cell, int line, List<String> errors) {
    String s = cell.strip().replace(' ', 'T');
    Instant t;
    try {
      t = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException e) {
      errors.add(
          "line "
              + line
              + ": time "
              + cell
              + " is not an ISO-8601 date-time with Z or an offset (2023-09-22T07:00:00Z,"
              + " 2023-09-22 08:00:00+01:00)");
      return null;
    }
    if (t.getEpochSecond() % 3600 != 0 || t.getNano() != 0) {
      errors.add("line " + line + ": time " + cell + " is not on the hour (hourly values only)");
      return null;
    }
    return t;
  }

  private static Double value(
      Quantity q,
      String cell,
      WeatherFormat.WindUnit unit,
      int line,
      String name,
      List<String> errors) {
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      errors.add("line " + line + ": " + name + " " + cell + " is not a number");
      return null;
    }
    if (!Double.isFinite(v)) {
      errors.add("line " + line + ": " + name + " " + cell + " is not a finite number");
      return null;
    }
    if (q == Quantity.WIND_SPEED) {
      v = unit.toMetresPerSecond(v);
    } else if (q == Quantity.WIND_DIR && v == 360) {
      v = 0; // north, written 360 by Met Éireann and most stations
    }
    PhysicalRange range = PhysicalRange.of(q);
    if (!range.contains(v)) {
      errors.add(
          "line "
              + line
              + ": "
              + name
              + " "
              + cell
              + " is outside "
              + q.id()
              + "'s range "
              + range
              + " "
              + q.unit());
      return null;
    }
    return v;
  }

  /** The cells of a CSV line: comma-separated, double quotes around a cell removed. */
  static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch == ',' && !quoted) {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString().stripTrailing());
    return out;
  }
}
