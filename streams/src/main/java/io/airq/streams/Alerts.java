package io.airq.streams;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import java.util.Optional;

/** An hourly or 24-hour mean that is valid and above its threshold is an alert. Pure. */
final class Alerts {
  private Alerts() {}

  static Optional<Alert> of(WindowAverage a, StreamsSettings settings) {
    Double threshold = settings.alertThresholds().get(a.quantity());
    if (threshold == null
        || a.window() == AverageWindow.MINUTE
        || a.coverage() < settings.coverageGate()
        || !(a.mean() > threshold)) {
      return Optional.empty();
    }
    return Optional.of(
        new Alert(
            a.scope(),
            a.key(),
            a.quantity(),
            a.window(),
            a.start(),
            a.end(),
            a.mean(),
            threshold,
            StreamsSettings.WHO_2021_24H));
  }
}
