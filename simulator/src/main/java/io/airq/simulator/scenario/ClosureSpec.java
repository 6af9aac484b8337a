package io.airq.simulator.scenario;

import java.time.LocalTime;
import java.util.List;

/**
 * The closure: the listed streets' traffic is multiplied by {@code trafficFactor} during the
 * closure. Sensors on those streets are the treated group, all others the control group.
 *
 * <p>{@code startTime} and {@code endTime} (local, in the scenario's zone; null = midnight) make a
 * closure shorter than a day or not aligned to midnight: it starts at {@code startTime} on its
 * first day and ends at {@code endTime} on its last day ({@code daysDuring} days later, counting
 * the first), or on the day after that when {@code endTime} is not after {@code startTime} (an
 * overnight closure). Without either, the closure runs whole days from midnight to midnight.
 */
public record ClosureSpec(
    String id,
    String name,
    List<String> streets,
    double trafficFactor,
    LocalTime startTime,
    LocalTime endTime) {
  public ClosureSpec {
    streets = streets == null ? List.of() : List.copyOf(streets);
    id = id == null ? "closure" : id;
    name = name == null ? id : name;
  }

  /** A closure of whole days, midnight to midnight. */
  public ClosureSpec(String id, String name, List<String> streets, double trafficFactor) {
    this(id, name, streets, trafficFactor, null, null);
  }

  /** The same closure with another traffic factor (1 = the closure changes no traffic). */
  public ClosureSpec withTrafficFactor(double factor) {
    return new ClosureSpec(id, name, streets, factor, startTime, endTime);
  }

  /** {@code startTime}, or midnight. */
  public LocalTime startOfClosure() {
    return startTime == null ? LocalTime.MIDNIGHT : startTime;
  }

  /** {@code endTime}, or midnight. */
  public LocalTime endOfClosure() {
    return endTime == null ? LocalTime.MIDNIGHT : endTime;
  }

  /** Whether the closure's last day ends on the next calendar day (e.g. 22:00 to 06:00). */
  public boolean endsNextDay() {
    return !endOfClosure().isAfter(startOfClosure());
  }
}
