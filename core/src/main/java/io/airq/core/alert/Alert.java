package io.airq.core.alert;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import java.time.Instant;

/**
 * A complete window whose mean exceeds a WHO 2021 level ({@code raised}), or an alerted window that
 * late data brought back under its guideline level ({@code cleared}). docs/quality.md, "Alerts".
 *
 * @param scope sensor or area
 * @param key sensor id or area name
 * @param quantity the pollutant
 * @param window 1h, 24h or day (the local calendar day)
 * @param start window start
 * @param end window end
 * @param mean the corrected mean
 * @param threshold the concentration of {@code level} (µg/m³): exceeded when raised, the guideline
 *     level the mean is back under when cleared
 * @param guideline where the levels come from: {@code who-2021}
 * @param level the highest level exceeded: {@code guideline} (the air quality guideline level) or
 *     {@code interim-target-4} ... {@code interim-target-1}; {@code guideline} when cleared
 * @param status {@code raised} or {@code cleared}
 * @param averaging the averaging the level is defined on: {@code 1h}, {@code 24h-rolling} or {@code
 *     calendar-day}
 */
public record Alert(
    Scope scope,
    String key,
    Quantity quantity,
    AverageWindow window,
    Instant start,
    Instant end,
    double mean,
    double threshold,
    String guideline,
    String level,
    String status,
    String averaging) {
  public static final String RAISED = "raised";
  public static final String CLEARED = "cleared";
}
