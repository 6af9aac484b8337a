package io.airq.ingest;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Room for messages received and not yet done (Kafka acked all their records): {@code
 * mqtt.receive-maximum} places. The broker should never send more (MQTT v5 Receive Maximum), but
 * Mosquitto 2.0.11 does once acks flow (docs/ingest.md); when the room is full, Paho's callback
 * thread waits in {@link #take}, Paho stops reading the socket, and the messages wait in the
 * broker's queue instead of this heap.
 */
final class ReceiveRoom {
  private final int size;
  private final Semaphore places;

  ReceiveRoom(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a receive room needs a place, got " + size);
    }
    this.size = size;
    this.places = new Semaphore(size);
  }

  /** Takes a place when one is free at once; false when the room is full. */
  boolean tryTake() {
    return places.tryAcquire();
  }

  /** Takes a place, waiting until one is freed. */
  void take() throws InterruptedException {
    places.acquire();
  }

  /** Frees a place: its message is done, or was never handed on. */
  void release() {
    places.release();
  }

  /** Places taken: messages received and not yet done. */
  int taken() {
    return size - places.availablePermits();
  }

  /** Waits until no place is taken, up to {@code timeout}; false when some still are. */
  boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (taken() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
