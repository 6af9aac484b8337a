package io.airq.streams.quality;

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
    for (Map.Entry<Quantity, Double> e : r.values().entrySet()) {
      Quantity q = e.getKey();
      double v = e.getValue();
      PhysicalRange range = PhysicalRange.of(q);
      if (v < 0 && q != Quantity.TEMPERATURE) {
        flags.add(new QaFlag(QaRule.NEGATIVE, q, "value " + v + " < 0"));
      } else if (!range.contains(v)) {
        flags.add(
            new QaFlag(
                QaRule.OUT_OF_RANGE,
                q,
                "value " + v + " outside [" + range.min() + ", " + range.max() + "]"));
      }
      List<Double> past = history.of(q);
      if (stuck(past, v)) {
        flags.add(
            new QaFlag(
                QaRule.STUCK, q, "same value " + v + " in " + settings.stuckCount() + " readings"));
      }
      if (past.size() >= settings.spikeMinHistory()) {
        double median =
            median(past.subList(Math.max(0, past.size() - settings.medianWindow()), past.size()));
        if (v > median * settings.spikeFactor() && v - median > settings.spikeMinDelta()) {
          flags.add(new QaFlag(QaRule.SPIKE, q, "value " + v + " vs rolling median " + median));
        }
      }
      if (q.particulate()) {
        Double rh = r.value(Quantity.HUMIDITY);
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

  private boolean stuck(List<Double> past, double v) {
    int need = settings.stuckCount() - 1;
    if (need <= 0 || past.size() < need) {
      return false;
    }
    for (int i = past.size() - need; i < past.size(); i++) {
      if (past.get(i) != v) {
        return false;
      }
    }
    return true;
  }

  static double median(List<Double> values) {
    double[] s = new double[values.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = values.get(i);
    }
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
