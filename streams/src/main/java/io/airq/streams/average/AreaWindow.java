package io.airq.streams.average;

import io.airq.streams.state.BinarySerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest means of every sensor of one area in one window, by sensor id: a sensor's update
 * replaces its earlier means.
 */
public record AreaWindow(Map<String, AreaInput> sensors) {
  public static final AreaWindow EMPTY = new AreaWindow(Map.of());
  public static final BinarySerde<AreaWindow> SERDE =
      BinarySerde.of("area window", 1, AreaWindow::write, AreaWindow::read);

  public AreaWindow with(AreaInput in) {
    Map<String, AreaInput> next = new TreeMap<>(sensors);
    next.put(in.sensor(), in);
    return new AreaWindow(next);
  }

  private static void write(AreaWindow a, DataOutput out) throws IOException {
    out.writeInt(a.sensors.size());
    for (AreaInput in : a.sensors.values()) {
      AreaInput.writeTo(in, out);
    }
  }

  private static AreaWindow read(DataInput in) throws IOException {
    int n = in.readInt();
    Map<String, AreaInput> m = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      AreaInput a = AreaInput.readFrom(in);
      m.put(a.sensor(), a);
    }
    return new AreaWindow(m);
  }
}
