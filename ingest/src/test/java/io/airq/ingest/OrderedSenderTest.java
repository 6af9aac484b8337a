package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedSenderTest {
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService kafkaThread = Executors.newSingleThreadExecutor();

  /** A Kafka that takes or refuses sends, answering on its own thread like the producer. */
  private final class FakeKafka implements OrderedSender.Delivery<Integer> {
    volatile boolean down;
    final List<Integer> log = new ArrayList<>();
    final List<Integer> acked = new ArrayList<>();
    int failures;

    @Override
    public CompletableFuture<?> send(Integer m) {
      boolean refuse = down;
      return CompletableFuture.supplyAsync(
          () -> {
            if (refuse) {
              throw new IllegalStateException("Kafka is down");
            }
            synchronized (log) {
              log.add(m);
            }
            return 0;
          },
          kafkaThread);
    }

    @Override
    public void delivered(Integer m, Object answer, long start) {
      acked.add(m);
    }

    @Override
    public void failed(Integer m, Throwable cause, int attempt, long backoffMs) {
      failures++;
    }
  }

  @AfterEach
  void stop() {
    worker.shutdownNow();
    timer.shutdownNow();
    kafkaThread.shutdownNow();
  }

  private void submit(OrderedSender<Integer> s, int from, int to) throws Exception {
    worker.submit(() -> IntStream.rangeClosed(from, to).forEach(s::submit)).get();
  }

  /** Reads the sender's side on its own thread, as the sender does. */
  private <T> T onWorker(java.util.concurrent.Callable<T> read) {
    try {
      return worker.submit(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(java.util.function.BooleanSupplier ok) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!ok.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void messagesArrivingDuringAnOutageReachKafkaAfterTheFailedOnesInArrivalOrder() throws Exception {
    FakeKafka kafka = new FakeKafka();
    OrderedSender<Integer> s = new OrderedSender<>(worker, timer, kafka);
    submit(s, 1, 5);
    await(() -> onWorker(() -> kafka.acked.size()) == 5);
    kafka.down = true;
    submit(s, 6, 10);
    await(() -> onWorker(() -> kafka.failures) >= 5);
    submit(s, 11, 15); // held behind 6..10 without being sent
    Thread.sleep(700); // at least one resend fails while Kafka is still down
    kafka.down = false;
    submit(s, 16, 20);
    await(() -> onWorker(() -> kafka.acked.size()) == 20);
    List<Integer> inOrder = IntStream.rangeClosed(1, 20).boxed().toList();
    synchronized (kafka.log) {
      assertThat(kafka.log).containsExactlyElementsOf(inOrder);
    }
    assertThat(worker.submit(() -> List.copyOf(kafka.acked)).get())
        .containsExactlyElementsOf(inOrder);
    assertThat(worker.submit(s::waiting).get()).isZero();
  }

  @Test
  void afterRecoveryMessagesGoStraightThroughAgain() throws Exception {
    FakeKafka kafka = new FakeKafka();
    OrderedSender<Integer> s = new OrderedSender<>(worker, timer, kafka);
    kafka.down = true;
    submit(s, 1, 1);
    await(() -> onWorker(() -> kafka.failures) >= 1);
    kafka.down = false;
    await(() -> onWorker(() -> kafka.acked.size()) == 1);
    long t0 = System.nanoTime();
    submit(s, 2, 2);
    await(() -> onWorker(() -> kafka.acked.size()) == 2);
    // no backoff on the way: well under the 500 ms first backoff
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(400);
  }
}
