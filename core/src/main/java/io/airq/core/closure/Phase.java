package io.airq.core.closure;

/** Where an instant falls relative to a closure. */
public enum Phase {
  BEFORE("before"),
  DURING("during"),
  AFTER("after");

  private final String id;

  Phase(String id) {
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
