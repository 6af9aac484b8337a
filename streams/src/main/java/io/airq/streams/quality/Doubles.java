package io.airq.streams.quality;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list of doubles backed by a {@code double[]}: a sensor history's values of one
 * quantity. It equals any list of the same {@code Double}s; the QA rules read {@link #at} without
 * boxing (they scan every quantity's values for every reading).
 */
final class Doubles extends AbstractList<Double> implements RandomAccess {
  static final Doubles EMPTY = new Doubles(new double[0]);

  private final double[] values;

  /** Takes the array; the caller must not change it afterwards. */
  Doubles(double[] values) {
    this.values = values;
  }

  /** The values of any list: itself when it is one, else a copy. */
  static Doubles of(java.util.List<Double> list) {
    if (list instanceof Doubles d) {
      return d;
    }
    double[] a = new double[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = list.get(i);
    }
    return new Doubles(a);
  }

  double at(int i) {
    return values[i];
  }

  @Override
  public Double get(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return values.length;
  }
}
