package io.airq.core.average;

/** What an average is over: one sensor, or an area (the mean of its sensors' means). */
public enum Scope {
  SENSOR("sensor"),
  AREA("area");

  private final String id;

  Scope(String id) {
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
