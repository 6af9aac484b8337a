package io.airq.streams.quality;

import io.airq.core.reading.PhysicalRange;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates every QA rule on one reading given the sensor's recent history. Pure. */
public final class QaRules {
  private final QaSettings settings;

  public QaRules(QaSettings settings) {
    this.settings = settings;
  }

  public List<QaFlag> evaluate(Reading r, SensorHistory history) {
    List<QaFlag> flags = new ArrayList<>(r.flags());
    Double rh = r.value(Quantity.HUMIDITY);
    for (Map.Entry<Quantity, Double> e : r.values().entrySet()) {
      Quantity q = e.getKey();
      double v = e.getValue();
      PhysicalRange range = PhysicalRange.of(q);
      if (v < 0 && q != Quantity.TEMPERATURE) {
        flags.add(new QaFlag(QaRule.NEGATIVE, q, "value " + v + " < 0"));
      } else if (!range.contains(v)) {
        flags.add(new QaFlag(QaRule.OUT_OF_RANGE, q, "value " + v + " outside " + range));
      }
      if (!shapeRulesApply(q)) {
        continue;
      }
      Doubles past = history.values(q);
      if (stuck(past, v)) {
        flags.add(
            new QaFlag(
                QaRule.STUCK, q, "same value " + v + " in " + settings.stuckCount() + " readings"));
      }
      if (past.size() >= settings.spikeMinHistory()) {
        int from = Math.max(0, past.size() - settings.medianWindow());
        if (spikePossible(past, from, v)) {
          double median = median(past, from);
          if (spike(v, median)) {
            flags.add(new QaFlag(QaRule.SPIKE, q, "value " + v + " vs rolling median " + median));
          }
        }
      }
      if (q.particulate()) {
        if (rh != null && rh >= settings.highHumidity()) {
          flags.add(
              new QaFlag(QaRule.HIGH_HUMIDITY, q, "RH " + rh + " >= " + settings.highHumidity()));
        }
        Double b = r.channelB().get(q);
        if (b != null) {
          double diff = Math.abs(v - b);
          double mean = (v + b) / 2;
          if (diff > settings.channelAbs() && mean > 0 && diff / mean > settings.channelRel()) {
            flags.add(new QaFlag(QaRule.CHANNEL_DISAGREEMENT, q, "A " + v + " vs B " + b));
          }
        }
      }
    }
    return flags;
  }

  /**
   * Whether the stuck and spike rules judge this quantity. Not rain, wind speed and wind direction:
   * a dry spell or a calm reads the same value for hours, a shower is a spike by nature, and a
   * direction from 350° to 10° is no jump. Only the range rule judges them.
   */
  static boolean shapeRulesApply(Quantity q) {
    return q != Quantity.RAIN && q != Quantity.WIND_SPEED && q != Quantity.WIND_DIR;
  }

  private static final double HALF_MAX = Double.MAX_VALUE / 2;

  private boolean spike(double v, double median) {
    return v > median * settings.spikeFactor() && v - median > settings.spikeMinDelta();
  }

  /**
   * False only when no median of the window ({@code values} from index {@code from} on) can make
   * {@code v} a spike, checked without sorting (the median runs for every quantity of every
   * reading). The spike test is monotone in the median (for a positive factor): when a median m
   * makes v a spike, so does every value below m, in particular the lower middle value (m itself
   * for an odd count; the mean of the two middle values is never below the lower one, unless both
   * are below -Double.MAX_VALUE / 2 and their sum overflows to -Infinity, which this leaves to the
   * sort). Then at least (n + 1) / 2 of the n values make v a spike; with fewer, the median cannot,
   * and this returns false.
   */
  boolean spikePossible(Doubles values, int from, double v) {
    if (!(settings.spikeFactor() > 0)) {
      return true;
    }
    int n = values.size() - from;
    int need = (n + 1) / 2;
    int count = 0;
    for (int i = from; i < values.size() && count < need; i++) {
      double x = values.at(i);
      if (x < -HALF_MAX) {
        return true; // the mean of two such middle values is -Infinity, below both
      }
      if (spike(v, x)) {
        count++;
      }
    }
    return count >= need;
  }

  private boolean stuck(Doubles past, double v) {
    int need = settings.stuckCount() - 1;
    if (need <= 0 || past.size() < need) {
      return false;
    }
    for (int i = past.size() - need; i < past.size(); i++) {
      if (past.at(i) != v) {
        return false;
      }
    }
    return true;
  }

  /** The median of the values from index {@code from} on. */
  static double median(Doubles values, int from) {
    double[] s = new double[values.size() - from];
    for (int i = 0; i < s.length; i++) {
      s[i] = values.at(from + i);
    }
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
