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
 * of the area repartition topic, keyed by area), and as the area store keeps it per sensor.
 */
public record AreaInput(
    String sensor, String county, AverageWindow window, long start, List<SensorMean> means) {
  /**
   * Format 2 writes quantities and corrections as one-byte codes; format 1 (text ids, records still
   * in the repartition topic from an earlier release) is still read.
   */
  public static final BinarySerde<AreaInput> SERDE =
      BinarySerde.of("area input", 2, AreaInput::writeTo, in -> readFrom(in, 2))
          .readingAlso(1, in -> readFrom(in, 1));

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

  private static AreaInput readFrom(DataInput in, int version) throws IOException {
    String sensor = in.readUTF();
    String county = in.readUTF();
    String w = in.readUTF();
    AverageWindow window =
        AverageWindow.byId(w).orElseThrow(() -> new IOException("unknown window " + w));
    long start = in.readLong();
    int n = in.readUnsignedByte();
    List<SensorMean> means = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      means.add(SensorMean.read(in, version));
    }
    return new AreaInput(sensor, county, window, start, means);
  }
}
