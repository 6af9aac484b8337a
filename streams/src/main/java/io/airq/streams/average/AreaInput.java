package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.streams.state.BinarySerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One sensor's means of one window (every quantity) on their way to its area's aggregate (the value
 * of the area repartition topic, keyed by area).
 */
public record AreaInput(
    String sensor, String county, AverageWindow window, long start, List<SensorMean> means) {
  public static final BinarySerde<AreaInput> SERDE =
      BinarySerde.of("area input", 1, AreaInput::writeTo, AreaInput::readFrom);

  public AreaInput {
    county = county == null ? "" : county;
    means = List.copyOf(means);
  }

  static void writeTo(AreaInput a, DataOutput out) throws IOException {
    out.writeUTF(a.sensor);
    out.writeUTF(a.county);
    out.writeUTF(a.window.id());
    out.writeLong(a.start);
    out.writeByte(a.means.size());
    for (SensorMean m : a.means) {
      m.writeTo(out);
    }
  }

  static AreaInput readFrom(DataInput in) throws IOException {
    String sensor = in.readUTF();
    String county = in.readUTF();
    String w = in.readUTF();
    AverageWindow window =
        AverageWindow.byId(w).orElseThrow(() -> new IOException("unknown window " + w));
    long start = in.readLong();
    int n = in.readUnsignedByte();
    List<SensorMean> means = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      means.add(SensorMean.readFrom(in));
    }
    return new AreaInput(sensor, county, window, start, means);
  }
}
