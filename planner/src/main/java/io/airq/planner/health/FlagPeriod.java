package io.airq.planner.health;

import java.time.Duration;

/**
 * The periods over which QA-flag shares are counted, as a sensor's health has them ({@link
 * QaFlagShares}): the 24 hours and the 7 days before now.
 */
public enum FlagPeriod {
  LAST_24H("last24h", "24h", Duration.ofDays(1), Duration.ofMinutes(1)),
  LAST_7D("last7d", "7d", Duration.ofDays(7), Duration.ofMinutes(15));

  private final String field;
  private final String label;
  private final Duration length;
  private final Duration gaugeRefresh;

  FlagPeriod(String field, String label, Duration length, Duration gaugeRefresh) {
    this.field = field;
    this.label = label;
    this.length = length;
    this.gaugeRefresh = gaugeRefresh;
  }

  /** Its name in the API's JSON ({@code last24h}, {@code last7d}). */
  public String field() {
    return field;
  }

  /** Its {@code period} label on the Prometheus gauge ({@code 24h}, {@code 7d}). */
  public String label() {
    return label;
  }

  public Duration length() {
    return length;
  }

  /**
   * How long the network's counts of it are kept ({@link NetworkFlagCounts}, for {@code GET
   * /api/network} and the Prometheus gauges): the 7 days' count reads 7 times the raw readings of
   * the 24 hours' and moves little in a minute, so it is counted every 15 minutes.
   */
  public Duration gaugeRefresh() {
    return gaugeRefresh;
  }
}
