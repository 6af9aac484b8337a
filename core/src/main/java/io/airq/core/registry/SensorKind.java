package io.airq.core.registry;

/** What a sensor measures: air quality, or the weather (for the weather-impact analyses). */
public enum SensorKind {
  AIR("air"),
  WEATHER("weather");

  private final String id;

  SensorKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The kind with this id, or empty. */
  public static java.util.Optional<SensorKind> byId(String id) {
    for (SensorKind k : values()) {
      if (k.id.equals(id)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
