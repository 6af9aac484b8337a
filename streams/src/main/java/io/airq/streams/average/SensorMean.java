package io.airq.streams.average;

import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import io.airq.streams.state.StateCodes;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** One sensor's statistics of one window and quantity, as an area mean needs them. */
public record SensorMean(
    Quantity quantity,
    long count,
    long expectedCount,
    double min,
    double max,
    double rawMean,
    double mean,
    String correction) {

  public static SensorMean of(WindowAverage a) {
    return new SensorMean(
        a.quantity(),
        a.count(),
        a.expectedCount(),
        a.min(),
        a.max(),
        a.rawMean(),
        a.mean(),
        a.correction());
  }

  public double coverage() {
    return 100.0 * count / expectedCount;
  }

  /** Whether it counts in its area's mean: its coverage reaches the gate. */
  boolean valid(double coverageGate) {
    return coverage() >= coverageGate;
  }

  /** Format 2: the quantity and correction as one-byte {@link StateCodes}. */
  void writeTo(DataOutput out) throws IOException {
    StateCodes.writeQuantity(out, quantity);
    out.writeLong(count);
    out.writeLong(expectedCount);
    out.writeDouble(min);
    out.writeDouble(max);
    out.writeDouble(rawMean);
    out.writeDouble(mean);
    StateCodes.writeCorrection(out, correction);
  }

  /**
   * Reads format 2, or format 1 (releases before the one-byte codes: the quantity and correction
   * ids as text).
   */
  static SensorMean read(DataInput in, int format) throws IOException {
    Quantity q;
    if (format == 1) {
      String id = in.readUTF();
      q = Quantity.byId(id).orElseThrow(() -> new IOException("unknown quantity " + id));
    } else {
      q = StateCodes.readQuantity(in);
    }
    long count = in.readLong();
    long expected = in.readLong();
    double min = in.readDouble();
    double max = in.readDouble();
    double rawMean = in.readDouble();
    double mean = in.readDouble();
    String correction = format == 1 ? in.readUTF() : StateCodes.readCorrection(in);
    return new SensorMean(q, count, expected, min, max, rawMean, mean, correction);
  }
}
