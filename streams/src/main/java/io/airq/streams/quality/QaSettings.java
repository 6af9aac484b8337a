package io.airq.streams.quality;

/**
 * Thresholds of the QA rules (see docs/quality.md).
 *
 * @param stuckCount a value repeated in this many consecutive readings is flagged stuck
 * @param medianWindow how many previous readings form the rolling median for the spike rule
 * @param spikeMinHistory the spike rule applies once this many previous readings exist
 * @param spikeFactor a value above median × factor ...
 * @param spikeMinDelta ... and more than this above the median is a spike
 * @param highHumidity RH at or above this (%) flags optical PM
 * @param channelAbs PurpleAir A/B disagreement: absolute difference above this (µg/m³) ...
 * @param channelRel ... and relative difference |A−B| / mean(A,B) above this
 */
public record QaSettings(
    int stuckCount,
    int medianWindow,
    int spikeMinHistory,
    double spikeFactor,
    double spikeMinDelta,
    double highHumidity,
    double channelAbs,
    double channelRel) {

  public static final QaSettings DEFAULTS = new QaSettings(10, 10, 5, 4.0, 50.0, 95.0, 5.0, 0.7);

  public int historySize() {
    return Math.max(stuckCount, medianWindow);
  }
}
