package io.airq.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one worker's messages to Kafka in the order they arrived, also across a Kafka outage. Once
 * a send fails, every later message of the worker waits behind it, and the waiting messages are
 * sent again, in arrival order, after a backoff, until Kafka has taken them all; only then do new
 * messages go straight through again. Without this a retried reading reached Kafka behind newer
 * readings of its sensor, missed its window's grace in a fast replay, and the QA rules saw the
 * sensor's history out of order (found by the fault suite's Kafka restart).
 *
 * <p>Its state is touched only on the worker's own thread: completions hop back onto it, and a
 * failure also raises a flag at once, so that messages already queued on the worker do not slip
 * past it while its answer waits its turn.
 */
final class OrderedSender<M> {
  private static final Logger LOG = LoggerFactory.getLogger(OrderedSender.class);
  static final long MAX_BACKOFF_MS = 30_000;

  /** What the bridge does with a message and with the answer. */
  interface Delivery<M> {
    /** Sends to Kafka; completes when Kafka acknowledged every record of the message. */
    CompletableFuture<?> send(M message);

    void delivered(M message, Object answer, long sendStartNanos);

    void failed(M message, Throwable cause, int attempt, long backoffMs);
  }

  private final ExecutorService worker;
  private final ScheduledExecutorService timer;
  private final Delivery<M> delivery;
  private final TreeMap<Long, M> waiting = new TreeMap<>();
  private final java.util.Map<M, Long> sequence = new java.util.IdentityHashMap<>();
  private long next;
  private boolean blocked;
  private boolean resendScheduled;
  private int resending;
  private boolean resendFailed;
  private boolean probe;
  private final java.util.concurrent.atomic.AtomicBoolean failureSeen =
      new java.util.concurrent.atomic.AtomicBoolean();
  private int attempt;

  OrderedSender(ExecutorService worker, ScheduledExecutorService timer, Delivery<M> delivery) {
    this.worker = worker;
    this.timer = timer;
    this.delivery = delivery;
  }

  /** On the worker thread: sends now, or queues behind a message Kafka has not yet taken. */
  void submit(M message) {
    long seq = next++;
    sequence.put(message, seq);
    if (blocked || failureSeen.get()) {
      waiting.put(seq, message);
      blocked = true;
    } else {
      dispatch(message, false);
    }
  }

  /** Messages waiting for Kafka (for tests and metrics). */
  int waiting() {
    return waiting.size() + resending;
  }

  private void dispatch(M message, boolean resend) {
    long start = System.nanoTime();
    CompletableFuture<?> answer;
    try {
      answer = delivery.send(message);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete(
        (v, e) -> {
          if (e != null) {
            // seen at once by submit(): the answer itself waits its turn on the worker's queue,
            // behind messages that must not overtake this one
            failureSeen.set(true);
          }
          onWorker(() -> answered(message, resend, v, e, start));
        });
  }

  private void answered(M message, boolean resend, Object answer, Throwable e, long start) {
    if (resend) {
      resending--;
    }
    if (e == null) {
      sequence.remove(message);
      delivery.delivered(message, answer, start);
    } else {
      blocked = true;
      resendFailed |= resend;
      waiting.put(sequence.get(message), message);
      delivery.failed(message, e, attempt, backoff());
    }
    if (!blocked || resendScheduled || resending > 0) {
      return; // nothing to decide yet
    }
    if (e != null && !resend) {
      scheduleResend(); // a first send failed: wait out the backoff
    } else if (resend) {
      // the last answer of a resend
      if (resendFailed) {
        scheduleResend();
      } else if (!waiting.isEmpty()) {
        resendWaiting(); // it all went through; what arrived meanwhile goes next
      } else {
        blocked = false;
        failureSeen.set(false);
        attempt = 0;
        LOG.debug("every held message is on Kafka; sending straight through again");
      }
    }
  }

  private long backoff() {
    return Math.min(MAX_BACKOFF_MS, 500L << Math.min(attempt, 6));
  }

  private void scheduleResend() {
    long backoffMs = backoff();
    attempt++;
    resendFailed = false;
    probe = true;
    schedule(backoffMs);
  }

  private void schedule(long backoffMs) {
    resendScheduled = true;
    try {
      timer.schedule(
          () ->
              onWorker(
                  () -> {
                    resendScheduled = false;
                    resendWaiting();
                  }),
          backoffMs,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      LOG.debug("closing: {} messages left unacknowledged for redelivery", waiting.size());
    }
  }

  private void resendWaiting() {
    if (waiting.isEmpty()) {
      if (resending == 0) {
        blocked = false;
        failureSeen.set(false);
      }
      return;
    }
    // After a failure only the oldest message goes first: while Kafka is coming back one send can
    // still time out while the next one gets through, which would put them out of order. Once it
    // is on Kafka, the rest follow together.
    List<M> batch =
        probe ? List.of(waiting.firstEntry().getValue()) : new ArrayList<>(waiting.values());
    probe = false;
    batch.forEach(m -> waiting.remove(sequence.get(m)));
    resending += batch.size();
    for (M m : batch) {
      dispatch(m, true);
    }
  }

  private void onWorker(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException closing) {
      LOG.debug("closing: a message stays unacknowledged for redelivery");
    }
  }
}
