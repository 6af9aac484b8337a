package io.airq.streams.quality;

import io.airq.core.reading.Quantity;
import io.airq.streams.state.BinarySerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The last few raw values per quantity of one sensor, most recent last (state of the stuck and
 * spike rules).
 */
public record SensorHistory(Map<Quantity, List<Double>> recent) {
  public static final SensorHistory EMPTY = new SensorHistory(Map.of());
  public static final BinarySerde<SensorHistory> SERDE =
      BinarySerde.of("sensor history", 1, SensorHistory::write, SensorHistory::read);

  public SensorHistory {
    recent = recent == null ? Map.of() : recent;
  }

  public List<Double> of(Quantity q) {
    return recent.getOrDefault(q, List.of());
  }

  public SensorHistory with(Map<Quantity, Double> values, int keep) {
    Map<Quantity, List<Double>> next = new EnumMap<>(Quantity.class);
    next.putAll(recent);
    for (Map.Entry<Quantity, Double> e : values.entrySet()) {
      List<Double> l = new ArrayList<>(of(e.getKey()));
      l.add(e.getValue());
      while (l.size() > keep) {
        l.remove(0);
      }
      next.put(e.getKey(), List.copyOf(l));
    }
    return new SensorHistory(next);
  }

  private static void write(SensorHistory h, DataOutput out) throws IOException {
    out.writeByte(h.recent.size());
    for (Map.Entry<Quantity, List<Double>> e : h.recent.entrySet()) {
      out.writeUTF(e.getKey().id());
      out.writeShort(e.getValue().size());
      for (double v : e.getValue()) {
        out.writeDouble(v);
      }
    }
  }

  private static SensorHistory read(DataInput in) throws IOException {
    int n = in.readUnsignedByte();
    Map<Quantity, List<Double>> recent = new EnumMap<>(Quantity.class);
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      Quantity q = Quantity.byId(id).orElseThrow(() -> new IOException("unknown quantity " + id));
      int size = in.readUnsignedShort();
      List<Double> values = new ArrayList<>(size);
      for (int j = 0; j < size; j++) {
        values.add(in.readDouble());
      }
      recent.put(q, List.copyOf(values));
    }
    return new SensorHistory(recent);
  }
}
