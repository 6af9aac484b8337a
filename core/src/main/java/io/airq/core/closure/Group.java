package io.airq.core.closure;

/** Treated sensors are on the closed streets; control sensors are comparable sites elsewhere. */
public enum Group {
  TREATED("treated"),
  CONTROL("control");

  private final String id;

  Group(String id) {
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
