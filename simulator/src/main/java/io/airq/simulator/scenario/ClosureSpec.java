package io.airq.simulator.scenario;

import java.util.List;

/**
 * The closure: the listed streets' traffic is multiplied by {@code trafficFactor} during the
 * closure. Sensors on those streets are the treated group, all others the control group.
 */
public record ClosureSpec(String id, String name, List<String> streets, double trafficFactor) {
  public ClosureSpec {
    streets = streets == null ? List.of() : List.copyOf(streets);
    id = id == null ? "closure" : id;
    name = name == null ? id : name;
  }
}
