package io.airq.simulator.replay;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the sites of hourly files are: a CSV file with a header naming its columns, {@code
 * site,sensor,lat,lon} required, {@code gateway,area,street,county,model} optional, one row per
 * site; blank lines and lines starting with {@code #} are skipped. {@code site} is the code the
 * site's file names start with ({@code SPS} for {@code SPS_combined.csv}), matched ignoring case.
 * docs/simulator.md shows an example.
 */
public final class SiteList {
  private static final List<String> REQUIRED = List.of("site", "sensor", "lat", "lon");
  private static final List<String> OPTIONAL =
      List.of("gateway", "area", "street", "county", "model");

  /** One site and how to register its sensor; blank optional columns are empty. */
  public record Site(
      String code,
      String sensorId,
      double lat,
      double lon,
      String gateway,
      String area,
      String street,
      String county,
      String model) {

    /** The registry entry of the site's sensor, gateway = sensor id when none is given. */
    public Sensor sensor(Duration interval) {
      return Sensor.builder(sensorId)
          .position(lat, lon)
          .gatewayId(gateway.isBlank() ? sensorId : gateway)
          .area(area)
          .street(street)
          .county(county)
          .hostType(HostType.PUBLIC)
          .reportingInterval(interval)
          .model(model)
          .build();
    }

    /** The gateway in the site's MQTT topic. */
    public String topicGateway() {
      return gateway.isBlank() ? sensorId : gateway;
    }
  }

  private final Path file;
  private final Map<String, Site> byCode;

  private SiteList(Path file, Map<String, Site> byCode) {
    this.file = file;
    this.byCode = byCode;
  }

  /** No sites: every hourly file is refused with a message asking for a site list. */
  public static SiteList none() {
    return new SiteList(null, Map.of());
  }

  /**
   * Reads a site list.
   *
   * @throws IllegalArgumentException naming the file and line of each problem
   */
  public static SiteList read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the site list " + file, e);
    }
    List<String> header = null;
    Map<String, Site> sites = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int n = 1; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
      if (header == null) {
        header = cells;
        List<String> missing = REQUIRED.stream().filter(c -> !cells.contains(c)).toList();
        List<String> unknown =
            cells.stream().filter(c -> !REQUIRED.contains(c) && !OPTIONAL.contains(c)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
          throw new IllegalArgumentException(
              file
                  + ":"
                  + n
                  + ": the header needs the columns "
                  + REQUIRED
                  + " and may have "
                  + OPTIONAL
                  + (missing.isEmpty() ? "" : "; missing " + missing)
                  + (unknown.isEmpty() ? "" : "; unknown " + unknown));
        }
        continue;
      }
      try {
        Site s = site(header, cells);
        if (sites.putIfAbsent(s.code().toUpperCase(Locale.ROOT), s) != null) {
          problems.add(file + ":" + n + ": site " + s.code() + " is listed twice");
        }
      } catch (IllegalArgumentException e) {
        problems.add(file + ":" + n + ": " + e.getMessage());
      }
    }
    if (header == null) {
      problems.add(file + ": no header line");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new SiteList(file, sites);
  }

  private static Site site(List<String> header, List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          cells.size() + " cells, the header has " + header.size() + " columns");
    }
    Map<String, String> v = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      v.put(header.get(i), cells.get(i));
    }
    for (String c : REQUIRED) {
      if (v.get(c).isEmpty()) {
        throw new IllegalArgumentException("empty " + c);
      }
    }
    double lat = number(v, "lat");
    double lon = number(v, "lon");
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("position out of range: " + lat + "," + lon);
    }
    return new Site(
        v.get("site"),
        v.get("sensor"),
        lat,
        lon,
        v.getOrDefault("gateway", ""),
        v.getOrDefault("area", ""),
        v.getOrDefault("street", ""),
        v.getOrDefault("county", ""),
        v.getOrDefault("model", ""));
  }

  private static double number(Map<String, String> v, String column) {
    try {
      return Double.parseDouble(v.get(column));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " is not a number: " + v.get(column));
    }
  }

  /** The site of an hourly file, by the code its name starts with. */
  public Optional<Site> of(String code) {
    return Optional.ofNullable(byCode.get(code.toUpperCase(Locale.ROOT)));
  }

  /**
   * The site of an hourly file.
   *
   * @throws IllegalArgumentException when the list has no such site, or there is no list
   */
  public Site siteOf(Path hourlyFile) {
    String code = HourlyNo2File.siteCode(hourlyFile);
    return of(code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    file == null
                        ? hourlyFile
                            + " is an hourly site file: give its site's position with --sites"
                            + " FILE (docs/simulator.md)"
                        : hourlyFile + ": site " + code + " is not in the site list " + file));
  }
}
