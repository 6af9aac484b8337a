package io.airq.core.registry;

/**
 * Who hosts a sensor. A resident-hosted sensor's exact position is personal data: anything public
 * coarsens it.
 */
public enum HostType {
  PUBLIC("public"),
  RESIDENT("resident");

  private final String id;

  HostType(String id) {
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
