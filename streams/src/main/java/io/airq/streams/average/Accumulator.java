package io.airq.streams.average;

import java.util.Set;
import java.util.TreeSet;

/** Running statistics of the unflagged values of one quantity in one window. */
public record Accumulator(
    long count, double sum, double rawSum, double min, double max, Set<String> corrections) {
  public static final Accumulator EMPTY =
      new Accumulator(0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Set.of());

  public Accumulator {
    corrections = corrections == null ? Set.of() : Set.copyOf(corrections);
  }

  public Accumulator add(double raw, double value, String correction) {
    Set<String> c = new TreeSet<>(corrections);
    c.add(correction);
    return new Accumulator(
        count + 1, sum + value, rawSum + raw, Math.min(min, value), Math.max(max, value), c);
  }

  public double mean() {
    return sum / count;
  }

  public double rawMean() {
    return rawSum / count;
  }

  public String correction() {
    return String.join("+", new TreeSet<>(corrections));
  }
}
