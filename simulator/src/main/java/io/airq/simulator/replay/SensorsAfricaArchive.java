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
 * Reads the sensors.AFRICA archive CSV ({@code sensor_id;sensor_type;location;lat;lon;timestamp;
 * value_type;value}, gzip or plain), groups its rows into device readings and joins each PM reading
 * with the co-located DHT22's humidity and temperature when their timestamps are within a minute.
 */
public final class SensorsAfricaArchive {
  /** DHT22 sensor id → the PM sensor beside it (from the archive's documentation). */
  public static final Map<String, String> PAIRS =
      Map.of("945", "944", "159", "158", "175", "176", "947", "946");

  public static final Duration PAIRING_TOLERANCE = Duration.ofMinutes(1);

  private SensorsAfricaArchive() {}

  /** The result of reading an archive: readings to publish and what was dropped. */
  public record Replay(
      List<DeviceReading> readings, long rows, long joined, long unpairedDropped, long badRows) {}

  public static Replay read(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Replay read(BufferedReader reader) throws IOException {
    Map<String, List<ArchiveRow>> groups = new LinkedHashMap<>();
    long rows = 0;
    long bad = 0;
    String line = reader.readLine(); // header
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      rows++;
      String[] f = line.split(";", -1);
      if (f.length < 8) {
        bad++;
        continue;
      }
      try {
        ArchiveRow row =
            new ArchiveRow(
                f[0],
                f[1],
                f[2],
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                f[5],
                OffsetDateTime.parse(f[5]).toInstant(),
                f[6],
                f[7]);
        groups
            .computeIfAbsent(row.sensorId() + "|" + row.timestamp(), k -> new ArrayList<>())
            .add(row);
      } catch (RuntimeException e) {
        bad++;
      }
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
    return pair(devices, rows, bad);
  }

  /**
   * Joins each PM reading with the nearest unused reading of its DHT22 within the tolerance. DHT22
   * readings of a paired sensor that join nothing are dropped; readings of unpaired sensors are
   * kept as they are.
   */
  static Replay pair(List<DeviceReading> devices, long rows, long bad) {
    Map<String, List<DeviceReading>> dhtByPm = new LinkedHashMap<>();
    List<DeviceReading> others = new ArrayList<>();
    for (DeviceReading d : devices) {
      String pm = PAIRS.get(d.sensorId());
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
