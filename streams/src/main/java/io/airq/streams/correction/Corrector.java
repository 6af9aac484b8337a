package io.airq.streams.correction;

import io.airq.core.correction.EpaPurpleAirCorrection;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses and applies the correction of each value: the sensor's own linear calibration from the
 * registry wins (the version that applied at the reading's measurement time, whose id the corrected
 * value carries); otherwise PM2.5 of a Plantower-class sensor with a usable co-located RH gets the
 * US EPA correction; otherwise the value is kept as it is. The raw value is always kept.
 */
public final class Corrector {
  private Corrector() {}

  public static Map<Quantity, CorrectedValue> correct(Reading r, Sensor s, List<QaFlag> flags) {
    Map<Quantity, CorrectedValue> out = new EnumMap<>(Quantity.class);
    for (Map.Entry<Quantity, Double> e : r.values().entrySet()) {
      Quantity q = e.getKey();
      double raw = e.getValue();
      LinearCalibration cal = s.calibrationAt(q, r.time());
      if (cal != null) {
        out.put(q, new CorrectedValue(raw, cal.apply(raw), cal.id()));
      } else if (q == Quantity.PM25 && EpaPurpleAirCorrection.appliesToModel(s.model())) {
        Double rh = r.value(Quantity.HUMIDITY);
        if (rh != null && !flagged(flags, Quantity.HUMIDITY)) {
          Double b = r.channelB().get(q);
          double x =
              b == null || flagged(flags, q, QaRule.CHANNEL_DISAGREEMENT) ? raw : (raw + b) / 2;
          out.put(
              q,
              new CorrectedValue(
                  raw, EpaPurpleAirCorrection.apply(x, rh), EpaPurpleAirCorrection.ID));
        } else {
          out.put(q, CorrectedValue.uncorrected(raw));
        }
      } else {
        out.put(q, CorrectedValue.uncorrected(raw));
      }
    }
    return out;
  }

  private static boolean flagged(List<QaFlag> flags, Quantity q) {
    return flags.stream().anyMatch(f -> f.quantity() == q);
  }

  private static boolean flagged(List<QaFlag> flags, Quantity q, QaRule rule) {
    return flags.stream().anyMatch(f -> f.quantity() == q && f.rule() == rule);
  }
}
