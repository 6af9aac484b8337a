package io.airq.planner.onboarding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A registry CSV: a header row naming the columns, then one sensor a row. Columns are the Sensor
 * fields of docs/schema.md ({@link #COLUMNS}); {@code id}, {@code lat} and {@code lon} are
 * required, the others may be left out or empty. A field may be double-quoted to hold a comma.
 */
public final class SensorCsv {
  /** The columns a registry CSV may have, in no required order. */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "lat",
          "lon",
          "area",
          "street",
          "county",
          "indoor",
          "hostType",
          "reportingInterval",
          "model",
          "kind",
          "installed",
          "retired",
          "licence",
          "attribution",
          "gatewayId",
          "zone");

  private static final Set<String> NUMBERS = Set.of("lat", "lon");

  private SensorCsv() {}

  /** Sensor JSON bodies for the API, or every problem of the file. */
  public static Parsed parse(String text) {
    List<String> lines = text.lines().toList();
    List<String> errors = new ArrayList<>();
    List<ObjectNode> sensors = new ArrayList<>();
    if (lines.isEmpty()) {
      return new Parsed(
          sensors, List.of("the file is empty; the first line must name the columns"));
    }
    List<String> header = fields(lines.get(0).replace("\uFEFF", ""));
    for (String h : header) {
      if (!COLUMNS.contains(h)) {
        errors.add("line 1: unknown column " + h + " (known: " + String.join(", ", COLUMNS) + ")");
      }
    }
    for (String required : List.of("id", "lat", "lon")) {
      if (!header.contains(required)) {
        errors.add("line 1: the column " + required + " is required");
      }
    }
    if (!errors.isEmpty()) {
      return new Parsed(List.of(), errors);
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = fields(line);
      if (f.size() != header.size()) {
        errors.add(
            "line " + (i + 1) + ": " + f.size() + " fields, the header has " + header.size());
        continue;
      }
      ObjectNode o = Json.mapper().createObjectNode();
      for (int c = 0; c < header.size(); c++) {
        String name = header.get(c);
        String v = f.get(c).strip();
        if (v.isEmpty()) {
          continue;
        }
        if (NUMBERS.contains(name)) {
          try {
            o.put(name, Double.parseDouble(v));
          } catch (NumberFormatException e) {
            errors.add("line " + (i + 1) + ": " + name + " is not a number: " + v);
          }
        } else if (name.equals("indoor")) {
          if (!v.equals("true") && !v.equals("false")) {
            errors.add("line " + (i + 1) + ": indoor must be true or false: " + v);
          }
          o.put(name, Boolean.parseBoolean(v));
        } else {
          o.put(name, v);
        }
      }
      sensors.add(o);
    }
    return new Parsed(sensors, errors);
  }

  /** One CSV line's fields; a double-quoted field may hold commas and doubled quotes. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
