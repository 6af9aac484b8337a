package io.airq.streams.average;

import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.state.BinarySerde;
import io.airq.streams.state.StateCodes;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The state of one sensor window: an accumulator per quantity, the latest measurement time in it,
 * and whether its averages still have to be emitted ({@code pending}, with its sensor's clock when
 * it became pending). Keeping the pending mark in the store, not only in memory, means a crash
 * between an update and its emission (exactly-once: both or neither are committed) still emits it.
 */
public record WindowAccumulators(
    Map<Quantity, Accumulator> quantities, long maxTime, boolean pending, long pendingSince) {
  public static final WindowAccumulators EMPTY =
      new WindowAccumulators(Map.of(), Long.MIN_VALUE, false, Long.MIN_VALUE);

  public static final BinarySerde<WindowAccumulators> SERDE =
      BinarySerde.of("window accumulators", 2, WindowAccumulators::write, WindowAccumulators::read)
          .readingAlso(1, WindowAccumulators::readV1);

  public WindowAccumulators {
    quantities = quantities == null ? Map.of() : quantities;
  }

  /**
   * Adds every value of the reading that carries no QA flag (flagged values are left out of the
   * averages; a wind direction as an angle, {@link Accumulator#addAngle}) and marks the window
   * pending since {@code sensorTime}, its sensor's clock (kept if already pending).
   */
  public WindowAccumulators add(CleanReading r, long sensorTime) {
    Map<Quantity, Accumulator> next = new EnumMap<>(Quantity.class);
    next.putAll(quantities);
    for (Map.Entry<Quantity, CorrectedValue> e : r.values().entrySet()) {
      if (r.flagged(e.getKey())) {
        continue;
      }
      CorrectedValue v = e.getValue();
      Accumulator a = next.getOrDefault(e.getKey(), Accumulator.EMPTY);
      next.put(
          e.getKey(),
          e.getKey().circular()
              ? a.addAngle(v.value(), v.correction())
              : a.add(v.raw(), v.value(), v.correction()));
    }
    return new WindowAccumulators(
        next,
        Math.max(maxTime, r.time().toEpochMilli()),
        true,
        pending ? pendingSince : sensorTime);
  }

  /** The most values any one quantity holds: the window's readings, flagged values left out. */
  public long count() {
    long n = 0;
    for (Accumulator a : quantities.values()) {
      n = Math.max(n, a.count());
    }
    return n;
  }

  /** Both windows together, not pending (the 24-hour window from its hours). */
  public WindowAccumulators plus(WindowAccumulators o) {
    Map<Quantity, Accumulator> next = new EnumMap<>(Quantity.class);
    next.putAll(quantities);
    o.quantities.forEach((q, a) -> next.merge(q, a, Accumulator::plus));
    return new WindowAccumulators(next, Math.max(maxTime, o.maxTime), false, Long.MIN_VALUE);
  }

  /** The same statistics, emitted. */
  public WindowAccumulators emitted() {
    return new WindowAccumulators(quantities, maxTime, false, Long.MIN_VALUE);
  }

  private static void write(WindowAccumulators w, DataOutput out) throws IOException {
    out.writeBoolean(w.pending);
    out.writeLong(w.pendingSince);
    out.writeLong(w.maxTime);
    out.writeByte(w.quantities.size());
    for (Map.Entry<Quantity, Accumulator> e : w.quantities.entrySet()) {
      StateCodes.writeQuantity(out, e.getKey());
      e.getValue().writeTo(out);
    }
  }

  /** Version 2: quantities and correction ids as one-byte {@link StateCodes}. */
  private static WindowAccumulators read(DataInput in) throws IOException {
    boolean pending = in.readBoolean();
    long pendingSince = in.readLong();
    long maxTime = in.readLong();
    int n = in.readUnsignedByte();
    Map<Quantity, Accumulator> q = new EnumMap<>(Quantity.class);
    for (int i = 0; i < n; i++) {
      Quantity quantity = StateCodes.readQuantity(in);
      q.put(quantity, Accumulator.readFrom(in));
    }
    return new WindowAccumulators(q, maxTime, pending, pendingSince);
  }

  /** Version 1 (before 2026-11): quantity and correction ids in modified UTF-8. */
  private static WindowAccumulators readV1(DataInput in) throws IOException {
    boolean pending = in.readBoolean();
    long pendingSince = in.readLong();
    long maxTime = in.readLong();
    int n = in.readUnsignedByte();
    Map<Quantity, Accumulator> q = new EnumMap<>(Quantity.class);
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      q.put(
          Quantity.byId(id).orElseThrow(() -> new IOException("unknown quantity " + id)),
          Accumulator.readFromV1(in));
    }
    return new WindowAccumulators(q, maxTime, pending, pendingSince);
  }
}
