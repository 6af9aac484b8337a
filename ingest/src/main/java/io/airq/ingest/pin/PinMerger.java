package io.airq.ingest.pin;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the per-pin pushes of one device into one reading. A device's first pin opens a group; its
 * later pins join it until {@code window} after the first pin's receive time, or until a pin the
 * group already has arrives again (the device's next measurement cycle). The merged reading has the
 * first pin's time; each quantity keeps the value of the first pin that had it.
 *
 * <p>Pure: the pins come with their Kafka partition and offset, the time with the caller. {@link
 * #committable()} says up to where each partition's pins are merged and published, so a restart
 * reads the pins of open groups again and merges them the same way (the same first pin gives the
 * same reading time, so a reading published twice is a duplicate the streams job drops).
 */
public final class PinMerger {

  /**
   * One staged push.
   *
   * @param partition its partition on the pins topic
   * @param offset its offset there
   * @param reading what the push became
   * @param pin the {@code X-PIN} value
   */
  public record Pin(int partition, long offset, Reading reading, String pin) {}

  /** A merged reading and the pins it came from, in arrival order. */
  public record Merged(Reading reading, List<String> pins) {}

  private static final class Group {
    final int partition;
    final long firstOffset;
    final Reading first;
    final Instant deadline;
    final Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
    final Map<Quantity, Double> channelB = new EnumMap<>(Quantity.class);
    final List<String> pins = new ArrayList<>(4);

    Group(Pin p, Duration window) {
      this.partition = p.partition();
      this.firstOffset = p.offset();
      this.first = p.reading();
      this.deadline = first.receivedAt().plus(window);
      join(p);
    }

    void join(Pin p) {
      pins.add(p.pin());
      p.reading().values().forEach(values::putIfAbsent);
      p.reading().channelB().forEach(channelB::putIfAbsent);
    }

    Merged merged() {
      return new Merged(
          new Reading(
              first.sensorId(),
              first.time(),
              first.receivedAt(),
              first.gatewayId(),
              first.format(),
              values,
              channelB,
              List.of()),
          List.copyOf(pins));
    }
  }

  private final Duration window;
  private final Map<String, Group> open = new LinkedHashMap<>();

  /** Per partition: the offset after the last pin added. */
  private final Map<Integer, Long> next = new HashMap<>();

  /** Per partition: the latest receive time of a pin added. */
  private final Map<Integer, Instant> streamTime = new HashMap<>();

  public PinMerger(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the pin window must be positive, was " + window);
    }
    this.window = window;
  }

  /** Adds a pin; returns the device's group it closed (a new cycle or a late pin), if any. */
  public List<Merged> add(Pin p) {
    next.put(p.partition(), p.offset() + 1);
    streamTime.merge(p.partition(), p.reading().receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
    String sensor = p.reading().sensorId();
    Group g = open.get(sensor);
    if (g != null && p.reading().receivedAt().isBefore(g.deadline) && !g.pins.contains(p.pin())) {
      g.join(p);
      return List.of();
    }
    open.put(sensor, new Group(p, window));
    return g == null ? List.of() : List.of(g.merged());
  }

  /**
   * Closes the groups whose window is over: by a later pin of their partition, or by {@code now}
   * when their partition is read to its end ({@code caughtUp}; while it is not, a pin of the group
   * may still be waiting to be read).
   */
  public List<Merged> closeDue(Instant now, Set<Integer> caughtUp) {
    List<Merged> out = new ArrayList<>();
    for (Iterator<Group> it = open.values().iterator(); it.hasNext(); ) {
      Group g = it.next();
      Instant seen = streamTime.get(g.partition);
      boolean passed = seen != null && !seen.isBefore(g.deadline);
      if (passed || (caughtUp.contains(g.partition) && !now.isBefore(g.deadline))) {
        out.add(g.merged());
        it.remove();
      }
    }
    return out;
  }

  /**
   * Per partition, the offset from which a restart must read: the first pin of its oldest open
   * group, else the offset after the last pin added.
   */
  public Map<Integer, Long> committable() {
    Map<Integer, Long> out = new HashMap<>(next);
    for (Group g : open.values()) {
      out.merge(g.partition, g.firstOffset, Math::min);
    }
    return out;
  }

  /** Drops what is known of these partitions (they were assigned to another bridge). */
  public void forget(Collection<Integer> partitions) {
    open.values().removeIf(g -> partitions.contains(g.partition));
    next.keySet().removeAll(partitions);
    streamTime.keySet().removeAll(partitions);
  }

  /** The number of devices with an open group. */
  public int openGroups() {
    return open.size();
  }
}
