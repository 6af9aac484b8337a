package io.airq.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the records InfluxDB refuses in a batch it refused as bad points: writes the halves, and
 * their halves, until each refused record is alone, and marks those rejected ({@code
 * influx-rejected}, with InfluxDB's message); every other record is written. A batch without a bad
 * point costs one write; each bad point about 2·log2(n) more. A retriable failure stops it: the
 * whole batch is retried later (what was written is written again, as the same points).
 */
final class Bisection {
  /** Reason code of a record whose points InfluxDB refused. */
  static final String REJECTED = "influx-rejected";

  /** One write of records' lines to InfluxDB. */
  @FunctionalInterface
  interface Write {
    void write(List<Pending> records) throws InfluxWriter.BadPoints, InfluxWriter.Unavailable;
  }

  private Bisection() {}

  /** Writes the records; returns them in the same order, the refused ones rejected. */
  static List<Pending> write(List<Pending> records, Write write) throws InfluxWriter.Unavailable {
    try {
      write.write(records);
      return records;
    } catch (InfluxWriter.BadPoints e) {
      if (records.stream().filter(p -> !p.lines().isEmpty()).count() <= 1) {
        List<Pending> out = new ArrayList<>(records.size());
        for (Pending p : records) {
          out.add(p.lines().isEmpty() ? p : p.reject(REJECTED, e.getMessage()));
        }
        return out;
      }
      int half = records.size() / 2;
      List<Pending> out = new ArrayList<>(write(List.copyOf(records.subList(0, half)), write));
      out.addAll(write(List.copyOf(records.subList(half, records.size())), write));
      return out;
    }
  }
}
