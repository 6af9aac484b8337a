package io.airq.core.alert;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import java.time.Instant;

/**
 * A window mean above its threshold.
 *
 * @param scope sensor or area
 * @param key sensor id or area name
 * @param quantity the pollutant
 * @param window 1h or 24h
 * @param start window start
 * @param end window end
 * @param mean the corrected mean
 * @param threshold the threshold it exceeded
 * @param guideline where the threshold comes from, e.g. {@code "WHO 2021 24-hour"}
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
    String guideline) {}
