package io.airq.planner.onboarding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An import file read: the sensors as API JSON bodies, and every problem found (with its line or
 * node). Nothing is imported while there are problems.
 */
public record Parsed(List<ObjectNode> sensors, List<String> errors) {
  public Parsed {
    sensors = List.copyOf(sensors);
    errors = List.copyOf(errors);
  }
}
