package io.airq.streams.average;

import io.airq.core.reading.Quantity;
import io.airq.streams.state.BinarySerde;
import io.airq.streams.state.StateCodes;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The running aggregate of one area's window: {@link AreaStats} per quantity over the sensors whose
 * means are valid (coverage at or above the gate). A sensor's new means replace its earlier ones by
 * subtracting those and adding these, so an update costs the same in an area of 2 sensors or of
 * 2,000. Min and max cannot be subtracted: when the sensor that held one gives it up, {@link
 * #replace} answers empty and the caller rebuilds the aggregate from the sensors' stored means
 * ({@link #of}).
 */
public record AreaAggregate(Map<Quantity, AreaStats> quantities) {
  public static final AreaAggregate EMPTY = new AreaAggregate(Map.of());
  public static final BinarySerde<AreaAggregate> SERDE =
      BinarySerde.of("area aggregate", 1, AreaAggregate::write, AreaAggregate::read);

  public AreaAggregate {
    quantities = Collections.unmodifiableMap(copy(quantities));
  }

  /**
   * The county most of the area's valid sensor means are in, counted over every quantity (the first
   * by name on a tie), or "" when it has none.
   */
  public String county() {
    SortedMap<String, Integer> total = new TreeMap<>();
    for (AreaStats s : quantities.values()) {
      s.counties().forEach((county, n) -> total.merge(county, n, Integer::sum));
    }
    String best = "";
    int most = 0;
    for (Map.Entry<String, Integer> e : total.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /**
   * Per quantity with at least one valid sensor, the mean of their means: an area hour as the
   * indices of the area's later hours and windows read it ({@link AreaHourIndices}, {@link
   * AreaDayNaqi}).
   */
  Map<Quantity, Double> means() {
    Map<Quantity, Double> m = new EnumMap<>(Quantity.class);
    quantities.forEach(
        (q, s) -> {
          if (s.sensors() > 0) {
            m.put(q, s.mean());
          }
        });
    return m;
  }

  /** The aggregate of these sensors' means, from scratch. */
  public static AreaAggregate of(Collection<AreaInput> sensors, double coverageGate) {
    EnumMap<Quantity, AreaStats> q = new EnumMap<>(Quantity.class);
    for (AreaInput in : sensors) {
      for (SensorMean m : in.means()) {
        if (m.valid(coverageGate)) {
          q.put(m.quantity(), q.getOrDefault(m.quantity(), AreaStats.EMPTY).plus(m, in.county()));
        }
      }
    }
    return new AreaAggregate(q);
  }

  /**
   * This aggregate with a sensor's earlier means ({@code old}, null for its first) replaced by its
   * new ones; empty when a min or max held by the old means is no longer known.
   */
  public Optional<AreaAggregate> replace(AreaInput old, AreaInput neu, double coverageGate) {
    EnumMap<Quantity, AreaStats> q = copy(quantities);
    for (Quantity quantity : Quantity.values()) {
      SensorMean before = old == null ? null : valid(old, quantity, coverageGate);
      SensorMean after = valid(neu, quantity, coverageGate);
      if (before == null && after == null) {
        continue;
      }
      AreaStats s = q.getOrDefault(quantity, AreaStats.EMPTY);
      if (before != null) {
        if (s.sensors() == 0) {
          return Optional.empty(); // not in the aggregate: rebuild rather than go negative
        }
        boolean minKnown = before.min() > s.min() || (after != null && after.min() <= before.min());
        boolean maxKnown = before.max() < s.max() || (after != null && after.max() >= before.max());
        if (!minKnown || !maxKnown) {
          return Optional.empty();
        }
        s = s.minus(before, old.county());
      }
      if (after != null) {
        s = s.plus(after, neu.county());
      }
      if (s.sensors() == 0) {
        q.remove(quantity);
      } else {
        q.put(quantity, s);
      }
    }
    return Optional.of(new AreaAggregate(q));
  }

  private static SensorMean valid(AreaInput in, Quantity q, double coverageGate) {
    for (SensorMean m : in.means()) {
      if (m.quantity() == q && m.valid(coverageGate)) {
        return m;
      }
    }
    return null;
  }

  private static EnumMap<Quantity, AreaStats> copy(Map<Quantity, AreaStats> m) {
    return m.isEmpty() ? new EnumMap<>(Quantity.class) : new EnumMap<>(m);
  }

  private static void write(AreaAggregate a, DataOutput out) throws IOException {
    out.writeByte(a.quantities.size());
    for (Map.Entry<Quantity, AreaStats> e : a.quantities.entrySet()) {
      AreaStats s = e.getValue();
      StateCodes.writeQuantity(out, e.getKey());
      out.writeInt(s.sensors());
      out.writeLong(s.count());
      out.writeLong(s.expected());
      out.writeLong(s.meanSum());
      out.writeLong(s.rawSum());
      out.writeDouble(s.min());
      out.writeDouble(s.max());
      out.writeShort(s.corrections().size());
      for (Map.Entry<String, Integer> c : s.corrections().entrySet()) {
        StateCodes.writeCorrection(out, c.getKey());
        out.writeInt(c.getValue());
      }
      out.writeShort(s.counties().size());
      for (Map.Entry<String, Integer> c : s.counties().entrySet()) {
        out.writeUTF(c.getKey());
        out.writeInt(c.getValue());
      }
    }
  }

  private static AreaAggregate read(DataInput in) throws IOException {
    int n = in.readUnsignedByte();
    EnumMap<Quantity, AreaStats> q = new EnumMap<>(Quantity.class);
    for (int i = 0; i < n; i++) {
      Quantity quantity = StateCodes.readQuantity(in);
      int sensors = in.readInt();
      long count = in.readLong();
      long expected = in.readLong();
      long meanSum = in.readLong();
      long rawSum = in.readLong();
      double min = in.readDouble();
      double max = in.readDouble();
      SortedMap<String, Integer> corrections = new TreeMap<>();
      for (int c = in.readUnsignedShort(); c > 0; c--) {
        corrections.put(StateCodes.readCorrection(in), in.readInt());
      }
      SortedMap<String, Integer> counties = new TreeMap<>();
      for (int c = in.readUnsignedShort(); c > 0; c--) {
        counties.put(in.readUTF(), in.readInt());
      }
      q.put(
          quantity,
          new AreaStats(
              sensors, count, expected, meanSum, rawSum, min, max, corrections, counties));
    }
    return new AreaAggregate(q);
  }
}
