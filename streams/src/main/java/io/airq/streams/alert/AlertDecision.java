package io.airq.streams.alert;

import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverage;

/**
 * What one complete window's latest mean means for its alert, given what was sent for it before.
 * Pure.
 */
public final class AlertDecision {
  /** Nothing sent for the window yet (or what was sent is gone from the store). */
  public static final long NONE = -1;

  /** A {@code raised} alert was the last one sent for the window. */
  public static final long RAISED = 1;

  /** A {@code cleared} alert was the last one sent for the window. */
  public static final long CLEARED = 0;

  private AlertDecision() {}

  /**
   * The alert to send for a complete window, or null: {@code raised} when the mean is above a
   * level, the window meets the coverage gate and no raised alert stands for it; {@code cleared}
   * when a raised alert stands and the mean is no longer above the guideline level.
   *
   * @param previous {@link #NONE}, {@link #RAISED} or {@link #CLEARED}
   * @param gate the coverage gate, percent
   */
  public static Alert of(WindowAverage a, long previous, double gate) {
    WhoLevels.Level exceeded = WhoLevels.exceeded(a.quantity(), a.window(), a.mean());
    if (previous != RAISED && exceeded != null && a.coverage() >= gate) {
      return alert(a, exceeded, Alert.RAISED);
    }
    if (previous == RAISED && exceeded == null) {
      return alert(a, WhoLevels.guideline(a.quantity(), a.window()), Alert.CLEARED);
    }
    return null;
  }

  /** Whether a window of this quantity can ever alert. */
  public static boolean watched(WindowAverage a) {
    return WhoLevels.guideline(a.quantity(), a.window()) != null;
  }

  private static Alert alert(WindowAverage a, WhoLevels.Level l, String status) {
    return new Alert(
        a.scope(),
        a.key(),
        a.quantity(),
        a.window(),
        a.start(),
        a.end(),
        a.mean(),
        l.concentration(),
        WhoLevels.GUIDELINE,
        l.name(),
        status,
        WhoLevels.averaging(a.window()));
  }
}
