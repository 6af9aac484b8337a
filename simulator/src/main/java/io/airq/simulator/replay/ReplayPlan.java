package io.airq.simulator.replay;

import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.PayloadEncoder;
import io.airq.simulator.generate.SimMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a replay sends and registers, in time order. A replay registers sensors only: the
 * closures to measure are registered by whoever measures them ({@code airq closures add}).
 *
 * @param messages the messages, in publishing order
 * @param sensors the registry entries
 * @param rows data rows read
 * @param joined humidity-sensor readings joined into a PM reading
 * @param unpairedDropped humidity-sensor readings of a paired sensor that joined nothing
 * @param badRows rows that did not parse
 * @param missingSkipped hourly rows without an NO2 value ({@code NA}), not sent
 */
public record ReplayPlan(
    List<SimMessage> messages,
    List<Sensor> sensors,
    long rows,
    long joined,
    long unpairedDropped,
    long badRows,
    long missingSkipped) {

  /**
   * Reads the inputs (files or directories) and plans the replay: hourly site files (recognised by
   * their header) on one side, archive and Sensor.Community files (read and paired together) on the
   * other. {@code county} and {@code interval} apply to the archive sensors; the hourly sites come
   * from {@code sites} and report hourly.
   *
   * @param format a payload format, or null for each source's default
   * @throws IllegalArgumentException for an unknown format or one that cannot carry a quantity, or
   *     an hourly file whose site is not in {@code sites}
   */
  public static ReplayPlan of(
      List<Path> inputs, String format, String county, Duration interval, SiteList sites) {
    if (format != null) {
      PayloadEncoder.carries(format);
    }
    List<Path> hourly = new ArrayList<>();
    List<Path> archive = new ArrayList<>();
    for (Path f : SensorsAfricaArchive.expand(inputs)) {
      (HourlyNo2File.isHeader(firstLine(f)) ? hourly : archive).add(f);
    }
    List<SimMessage> messages = new ArrayList<>();
    List<Sensor> sensors = new ArrayList<>();
    long rows = 0;
    long joined = 0;
    long dropped = 0;
    long bad = 0;
    long missing = 0;
    if (!archive.isEmpty()) {
      SensorsAfricaArchive.Replay replay = SensorsAfricaArchive.read(archive);
      messages.addAll(ReplayMessages.messages(replay, format));
      sensors.addAll(ReplayMessages.sensors(replay, county, interval));
      rows += replay.rows();
      joined += replay.joined();
      dropped += replay.unpairedDropped();
      bad += replay.badRows();
    }
    Map<String, Sensor> hourlySensors = new LinkedHashMap<>();
    for (Path f : hourly) {
      SiteList.Site site = sites.siteOf(f);
      HourlyNo2File.Read read = HourlyNo2File.read(f, site);
      messages.addAll(ReplayMessages.hourlyMessages(read.readings(), format));
      if (!read.readings().isEmpty()) {
        hourlySensors.putIfAbsent(site.sensorId(), site.sensor(HourlyNo2File.INTERVAL));
      }
      rows += read.rows();
      bad += read.badRows();
      missing += read.missingNo2();
    }
    sensors.addAll(hourlySensors.values());
    messages.sort(Comparator.comparing(SimMessage::publishAt));
    return new ReplayPlan(
        List.copyOf(messages), List.copyOf(sensors), rows, joined, dropped, bad, missing);
  }

  private static String firstLine(Path f) {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
      return r.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
