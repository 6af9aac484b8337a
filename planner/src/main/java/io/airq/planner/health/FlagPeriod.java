package io.airq.planner.health;

import java.time.Duration;

/**
 * The periods over which QA-flag shares are counted, as a sensor's health has them ({@link
 * QaFlagShares}): the 24 hours and the 7 days before now.
 */
public enum FlagPeriod {
  LAST_24H("last24h", "24h", Duration.ofDays(1)),
  LAST_7D("last7d", "7d", Duration.ofDays(7));

  private final String field;
  private final String label;
  private final Duration length;

  FlagPeriod(String field, String label, Duration length) {
    this.field = field;
    this.label = label;
    this.length = length;
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
}
