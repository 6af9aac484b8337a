package io.airq.core.reading;

/** The payload format a reading arrived in. */
public enum SourceFormat {
  AIRQ_JSON("airq"),
  SENSOR_COMMUNITY("sensor-community"),
  AIRGRADIENT("airgradient"),
  PURPLEAIR("purpleair"),
  SENML("senml"),
  SIMULATOR("simulator"),
  REPLAY("replay");

  private final String id;

  SourceFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static java.util.Optional<SourceFormat> byId(String id) {
    for (SourceFormat f : values()) {
      if (f.id.equals(id)) {
        return java.util.Optional.of(f);
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
