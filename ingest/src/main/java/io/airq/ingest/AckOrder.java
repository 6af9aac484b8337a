package io.airq.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts PUBACKs in the order their PUBLISH packets arrived, as MQTT requires ([MQTT-4.6.0-2]): Kafka
 * acks the messages of different partitions in any order, so a message done early waits until every
 * message that arrived before it on the same connection is done too. A new connection starts a new
 * order ({@link #reset}); completions of messages from an earlier one release nothing (the broker
 * redelivers those anyway). Thread-safe: arrivals come from Paho's callback thread, completions
 * from the Kafka producer's.
 */
final class AckOrder {
  /** A message waiting for its PUBACK: its packet id and QoS, and the connection it came on. */
  record Ticket(long generation, long seq, int packetId, int qos) {}

  private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  private final Set<Long> done = new HashSet<>();
  private long generation;
  private long next;

  /** A message arrived (in arrival order). */
  synchronized Ticket arrived(int packetId, int qos) {
    Ticket t = new Ticket(generation, next++, packetId, qos);
    waiting.addLast(t);
    return t;
  }

  /**
   * A message is done (all its records in Kafka); returns the messages whose PUBACK may now be
   * sent, in arrival order: this one and those after it that were done already, once nothing before
   * them waits.
   */
  synchronized List<Ticket> done(Ticket t) {
    if (t.generation != generation) {
      return List.of();
    }
    done.add(t.seq);
    List<Ticket> ready = new ArrayList<>();
    while (!waiting.isEmpty() && done.remove(waiting.peekFirst().seq)) {
      ready.add(waiting.pollFirst());
    }
    return ready;
  }

  /** The connection was lost: what still waits is never acknowledged on the next one. */
  synchronized void reset() {
    generation++;
    waiting.clear();
    done.clear();
  }

  /** Messages waiting for their PUBACK. */
  synchronized int waiting() {
    return waiting.size();
  }
}
