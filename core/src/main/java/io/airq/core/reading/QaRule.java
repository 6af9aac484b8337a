package io.airq.core.reading;

/** The quality rules; docs/quality.md gives each threshold. */
public enum QaRule {
  OUT_OF_RANGE("out-of-range"),
  NEGATIVE("negative"),
  STUCK("stuck"),
  SPIKE("spike"),
  HIGH_HUMIDITY("high-humidity"),
  CHANNEL_DISAGREEMENT("channel-disagreement");

  private final String id;

  QaRule(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
