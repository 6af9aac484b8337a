package io.airq.streams.quality;

import io.airq.core.reading.Quantity;
import io.airq.streams.state.BinarySerde;
import io.airq.streams.state.StateCodes;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The last few raw values per quantity of one sensor, most recent last (state of the stuck and
 * spike rules), and the sensor's own clock: the latest measurement time it has sent ({@code
 * Long.MIN_VALUE} before its first reading). Whether a reading is late is judged against its own
 * sensor's clock, not against the other sensors sharing its partition: gateways buffer offline and
 * replays run at different paces, so readings of different sensors are not in time order on Kafka.
 */
public record SensorHistory(Map<Quantity, List<Double>> recent, long latest) {
  public static final SensorHistory EMPTY = new SensorHistory(Map.of(), Long.MIN_VALUE);
  public static final BinarySerde<SensorHistory> SERDE =
      BinarySerde.of("sensor history", 3, SensorHistory::write, SensorHistory::read)
          .readingAlso(2, SensorHistory::readV2)
          .readingAlso(1, in -> new SensorHistory(readRecentV1(in), Long.MIN_VALUE));

  public SensorHistory {
    recent = recent == null ? Map.of() : recent;
  }

  public List<Double> of(Quantity q) {
    return recent.getOrDefault(q, List.of());
  }

  /** {@link #of} without boxing. */
  Doubles values(Quantity q) {
    List<Double> l = recent.get(q);
    return l == null ? Doubles.EMPTY : Doubles.of(l);
  }

  /** This history after a reading measured at {@code time} with these raw values. */
  public SensorHistory with(Map<Quantity, Double> values, long time, int keep) {
    Map<Quantity, List<Double>> next = new EnumMap<>(Quantity.class);
    next.putAll(recent);
    for (Map.Entry<Quantity, Double> e : values.entrySet()) {
      if (keep <= 0) {
        next.put(e.getKey(), Doubles.EMPTY);
        continue;
      }
      Doubles past = values(e.getKey());
      // the last keep - 1 values and the new one, in one array (this runs for every reading)
      int from = Math.max(0, past.size() + 1 - keep);
      double[] l = new double[past.size() - from + 1];
      for (int i = from; i < past.size(); i++) {
        l[i - from] = past.at(i);
      }
      l[l.length - 1] = e.getValue();
      next.put(e.getKey(), new Doubles(l));
    }
    return new SensorHistory(next, Math.max(latest, time));
  }

  /** Version 3: the clock, then the values per quantity, quantities as {@link StateCodes}. */
  private static void write(SensorHistory h, DataOutput out) throws IOException {
    out.writeLong(h.latest);
    out.writeByte(h.recent.size());
    for (Map.Entry<Quantity, List<Double>> e : h.recent.entrySet()) {
      StateCodes.writeQuantity(out, e.getKey());
      Doubles values = Doubles.of(e.getValue());
      out.writeShort(values.size());
      for (int i = 0; i < values.size(); i++) {
        out.writeDouble(values.at(i));
      }
    }
  }

  private static SensorHistory read(DataInput in) throws IOException {
    long latest = in.readLong();
    return new SensorHistory(readRecent(in, StateCodes::readQuantity), latest);
  }

  /** Version 2: the clock, then the values per quantity, quantity ids in modified UTF-8. */
  private static SensorHistory readV2(DataInput in) throws IOException {
    long latest = in.readLong();
    return new SensorHistory(readRecentV1(in), latest);
  }

  private interface QuantityReader {
    Quantity read(DataInput in) throws IOException;
  }

  /** The values per quantity of versions 1 and 2: quantity ids in modified UTF-8. */
  private static Map<Quantity, List<Double>> readRecentV1(DataInput in) throws IOException {
    return readRecent(
        in,
        i -> {
          String id = i.readUTF();
          return Quantity.byId(id).orElseThrow(() -> new IOException("unknown quantity " + id));
        });
  }

  private static Map<Quantity, List<Double>> readRecent(DataInput in, QuantityReader quantities)
      throws IOException {
    int n = in.readUnsignedByte();
    Map<Quantity, List<Double>> recent = new EnumMap<>(Quantity.class);
    for (int i = 0; i < n; i++) {
      Quantity q = quantities.read(in);
      double[] values = new double[in.readUnsignedShort()];
      for (int j = 0; j < values.length; j++) {
        values[j] = in.readDouble();
      }
      recent.put(q, new Doubles(values));
    }
    return recent;
  }
}
