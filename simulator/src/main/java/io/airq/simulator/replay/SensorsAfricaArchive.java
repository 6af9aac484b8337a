package io.airq.simulator.replay;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the sensors.AFRICA archive CSV (and Sensor.Community per-sensor files, see {@link
 * #read(List)}) ({@code sensor_id;sensor_type;location;lat;lon;timestamp; value_type;value}, gzip
 * or plain), groups its rows into device readings and joins each PM reading with the humidity and
 * temperature of the sensor paired with it ({@link #partners}) when their timestamps are within a
 * minute.
 */
public final class SensorsAfricaArchive {
  public static final Duration PAIRING_TOLERANCE = Duration.ofMinutes(1);

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SensorsAfricaArchive.class);

  private SensorsAfricaArchive() {}

  /** The result of reading an archive: readings to publish and what was dropped. */
  public record Replay(
      List<DeviceReading> readings, long rows, long joined, long unpairedDropped, long badRows) {}

  public static Replay read(Path file) {
    return read(List.of(file));
  }

  /**
   * Reads several files (or directories of {@code .csv}/{@code .csv.gz} files) together, so that
   * sensors in different files can be paired. Two layouts are accepted: the sensors.AFRICA archive
   * (one row per value type) and the Sensor.Community per-sensor daily files (one column per value
   * type, e.g. {@code ...;timestamp;P1;durP1;ratioP1;P2;durP2;ratioP2}). Files whose header does
   * not start with {@code sensor_id;} are skipped.
   */
  public static Replay read(List<Path> paths) {
    List<ArchiveRow> rows = new ArrayList<>();
    long[] counts = new long[2]; // rows, bad
    for (Path f : expand(paths)) {
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(f))) {
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        readRows(
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), rows, counts);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return group(rows, counts[0], counts[1]);
  }

  static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".csv.gz"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }

  /** Value columns of the per-sensor files that are not measurements. */
  private static final java.util.Set<String> NOT_VALUES =
      java.util.Set.of("durP1", "ratioP1", "durP2", "ratioP2", "altitude", "pressure_sealevel");

  private static void readRows(BufferedReader reader, List<ArchiveRow> out, long[] counts)
      throws IOException {
    String header = reader.readLine();
    if (header == null || !header.startsWith("sensor_id;")) {
      LOG.info("skipping a file that is not a sensor archive (header {})", header);
      return;
    }
    String[] columns = header.split(";", -1);
    boolean longFormat = header.contains(";value_type;");
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      counts[0]++;
      String[] f = line.split(";", -1);
      if (f.length < (longFormat ? 8 : 7)) {
        counts[1]++;
        continue;
      }
      try {
        double lat = Double.parseDouble(f[3]);
        double lon = Double.parseDouble(f[4]);
        Instant time = parseTime(f[5]);
        if (longFormat) {
          out.add(new ArchiveRow(f[0], f[1], f[2], lat, lon, f[5], time, f[6], f[7]));
        } else {
          for (int c = 6; c < Math.min(columns.length, f.length); c++) {
            if (!f[c].isEmpty() && !NOT_VALUES.contains(columns[c])) {
              out.add(new ArchiveRow(f[0], f[1], f[2], lat, lon, f[5], time, columns[c], f[c]));
            }
          }
        }
      } catch (RuntimeException e) {
        counts[1]++;
      }
    }
  }

  /** ISO-8601 with an offset, or without one (Sensor.Community files: UTC). */
  static Instant parseTime(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
    }
  }

  static Replay read(BufferedReader reader) throws IOException {
    List<ArchiveRow> rows = new ArrayList<>();
    long[] counts = new long[2];
    readRows(reader, rows, counts);
    return group(rows, counts[0], counts[1]);
  }

  private static Replay group(List<ArchiveRow> rows, long rowCount, long bad) {
    Map<String, List<ArchiveRow>> groups = new LinkedHashMap<>();
    for (ArchiveRow row : rows) {
      groups
          .computeIfAbsent(row.sensorId() + "|" + row.timestamp(), k -> new ArrayList<>())
          .add(row);
    }
    List<DeviceReading> devices = new ArrayList<>();
    for (List<ArchiveRow> g : groups.values()) {
      ArchiveRow first = g.get(0);
      Map<String, String> values = new LinkedHashMap<>();
      g.forEach(r -> values.put(r.valueType(), r.value()));
      devices.add(
          new DeviceReading(
              first.sensorId(),
              first.sensorType(),
              first.location(),
              first.lat(),
              first.lon(),
              first.time(),
              values));
    }
    devices.sort(Comparator.comparing(DeviceReading::time));
    return pair(devices, rowCount, bad);
  }

  /**
   * Humidity sensor → PM sensor, paired by the archive's own {@code location} column: at each
   * location the PM sensors and the other sensors (temperature, humidity, pressure), each in
   * ascending id order (whole-number ids as numbers), pair first with first, second with second;
   * sensors left over at a location, and sensors without a location, stay unpaired. A sensor counts
   * as a PM sensor when its first reading carries P0, P1 or P2. The archives register a station's
   * sensors one after the other, so where two stations share a location their sensors pair in order
   * (sensors.AFRICA's Nairobi location 3505: PM 944 with DHT22 945, PM 946 with DHT22 947).
   */
  static Map<String, String> partners(List<DeviceReading> devices) {
    Map<String, List<String>> pmAt = new LinkedHashMap<>();
    Map<String, List<String>> othersAt = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (DeviceReading d : devices) {
      if (!d.location().isBlank() && seen.add(d.sensorId())) {
        (d.particulate() ? pmAt : othersAt)
            .computeIfAbsent(d.location(), k -> new ArrayList<>())
            .add(d.sensorId());
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    othersAt.forEach(
        (location, others) -> {
          List<String> pm = new ArrayList<>(pmAt.getOrDefault(location, List.of()));
          List<String> rest = new ArrayList<>(others);
          pm.sort(SensorsAfricaArchive::compareIds);
          rest.sort(SensorsAfricaArchive::compareIds);
          for (int i = 0; i < Math.min(pm.size(), rest.size()); i++) {
            out.put(rest.get(i), pm.get(i));
          }
        });
    return out;
  }

  /** Whole-number ids as numbers, before the others, which go as text. */
  static int compareIds(String a, String b) {
    Long x = number(a);
    Long y = number(b);
    if (x != null && y != null) {
      return Long.compare(x, y);
    }
    if (x != null || y != null) {
      return x != null ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static Long number(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Joins each PM reading with the nearest unused reading of its DHT22 within the tolerance. DHT22
   * readings of a paired sensor that join nothing are dropped; readings of unpaired sensors are
   * kept as they are.
   */
  static Replay pair(List<DeviceReading> devices, long rows, long bad) {
    Map<String, List<DeviceReading>> dhtByPm = new LinkedHashMap<>();
    List<DeviceReading> others = new ArrayList<>();
    Map<String, String> partner = partners(devices);
    for (DeviceReading d : devices) {
      String pm = partner.get(d.sensorId());
      if (pm != null && !d.particulate()) {
        dhtByPm.computeIfAbsent(pm, k -> new ArrayList<>()).add(d);
      } else {
        others.add(d);
      }
    }
    Map<String, boolean[]> used = new LinkedHashMap<>();
    dhtByPm.forEach((k, v) -> used.put(k, new boolean[v.size()]));
    List<DeviceReading> out = new ArrayList<>(others.size());
    long joined = 0;
    Map<String, Integer> cursor = new LinkedHashMap<>();
    for (DeviceReading d : others) {
      List<DeviceReading> dht = dhtByPm.get(d.sensorId());
      if (dht == null || !d.particulate()) {
        out.add(d);
        continue;
      }
      boolean[] u = used.get(d.sensorId());
      int i = cursor.getOrDefault(d.sensorId(), 0);
      Instant from = d.time().minus(PAIRING_TOLERANCE);
      while (i < dht.size() && dht.get(i).time().isBefore(from)) {
        i++;
      }
      cursor.put(d.sensorId(), i);
      int best = -1;
      long bestGap = Long.MAX_VALUE;
      for (int j = i; j < dht.size(); j++) {
        long gap = Math.abs(Duration.between(d.time(), dht.get(j).time()).toMillis());
        if (dht.get(j).time().isAfter(d.time().plus(PAIRING_TOLERANCE))) {
          break;
        }
        if (!u[j] && gap < bestGap) {
          best = j;
          bestGap = gap;
        }
      }
      if (best >= 0) {
        u[best] = true;
        joined++;
        out.add(d.joined(dht.get(best).values()));
      } else {
        out.add(d);
      }
    }
    long dropped = 0;
    for (boolean[] u : used.values()) {
      for (boolean b : u) {
        dropped += b ? 0 : 1;
      }
    }
    return new Replay(out, rows, joined, dropped, bad);
  }
}
