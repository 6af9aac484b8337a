package io.airq.streams.average;

import io.airq.streams.state.StateCodes;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Running statistics of the unflagged values of one quantity in one window. For a circular quantity
 * (wind direction, {@link Circular}) {@code sum} and {@code rawSum} hold the sums of the sines and
 * of the cosines of the values ({@link #addAngle}); min and max stay in degrees.
 */
public record Accumulator(
    long count, double sum, double rawSum, double min, double max, Set<String> corrections) {
  public static final Accumulator EMPTY =
      new Accumulator(0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Set.of());

  public Accumulator {
    corrections = corrections == null ? Set.of() : Set.copyOf(corrections);
  }

  public Accumulator add(double raw, double value, String correction) {
    return new Accumulator(
        count + 1,
        sum + value,
        rawSum + raw,
        Math.min(min, value),
        Math.max(max, value),
        corrections.contains(correction) ? corrections : union(corrections, Set.of(correction)));
  }

  /** Adds an angle in degrees of a circular quantity (no correction applies to it). */
  public Accumulator addAngle(double degrees, String correction) {
    return new Accumulator(
        count + 1,
        sum + Circular.sin(degrees),
        rawSum + Circular.cos(degrees),
        Math.min(min, degrees),
        Math.max(max, degrees),
        corrections.contains(correction) ? corrections : union(corrections, Set.of(correction)));
  }

  /** The statistics of both windows together (e.g. hours into a day). */
  public Accumulator plus(Accumulator o) {
    return new Accumulator(
        count + o.count,
        sum + o.sum,
        rawSum + o.rawSum,
        Math.min(min, o.min),
        Math.max(max, o.max),
        corrections.containsAll(o.corrections) ? corrections : union(corrections, o.corrections));
  }

  public double mean() {
    return sum / count;
  }

  public double rawMean() {
    return rawSum / count;
  }

  /** The mean of a circular quantity's angles ({@link #addAngle}), NaN when they cancel out. */
  public double meanAngle() {
    return Circular.meanDegrees(sum, rawSum, count);
  }

  public String correction() {
    return String.join("+", new TreeSet<>(corrections));
  }

  /** Format 2 (window accumulators version 2): correction ids as {@link StateCodes}. */
  void writeTo(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeDouble(sum);
    out.writeDouble(rawSum);
    out.writeDouble(min);
    out.writeDouble(max);
    out.writeByte(corrections.size());
    for (String c : corrections) {
      StateCodes.writeCorrection(out, c);
    }
  }

  static Accumulator readFrom(DataInput in) throws IOException {
    return readFrom(in, StateCodes::readCorrection);
  }

  /** Format 1 (window accumulators version 1): correction ids in modified UTF-8. */
  static Accumulator readFromV1(DataInput in) throws IOException {
    return readFrom(in, DataInput::readUTF);
  }

  private interface CorrectionReader {
    String read(DataInput in) throws IOException;
  }

  private static Accumulator readFrom(DataInput in, CorrectionReader ids) throws IOException {
    long count = in.readLong();
    double sum = in.readDouble();
    double rawSum = in.readDouble();
    double min = in.readDouble();
    double max = in.readDouble();
    int n = in.readUnsignedByte();
    Set<String> corrections = n == 1 ? Set.of(ids.read(in)) : new TreeSet<>();
    for (int i = n == 1 ? 1 : 0; i < n; i++) {
      corrections.add(ids.read(in));
    }
    return new Accumulator(count, sum, rawSum, min, max, corrections);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new TreeSet<>(a);
    s.addAll(b);
    return s;
  }
}
