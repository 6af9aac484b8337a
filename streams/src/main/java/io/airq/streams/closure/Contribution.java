package io.airq.streams.closure;

import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What one sensor-hour adds to one (closure, group, phase, quantity) aggregate: its mean on its
 * local day when valid, or one invalid hour.
 */
public record Contribution(
    String closureId,
    Group group,
    Phase phase,
    Quantity quantity,
    String sensorId,
    Instant hourStart,
    LocalDate day,
    boolean valid,
    double mean) {

  /** Key of the aggregate: "closure/group/phase/quantity". */
  public String aggregateKey() {
    return closureId + "/" + group.id() + "/" + phase.id() + "/" + quantity.id();
  }

  /** Key of this sensor-hour inside its aggregate. */
  public String contributionKey() {
    return aggregateKey() + "/" + sensorId + "/" + hourStart.toEpochMilli();
  }
}
