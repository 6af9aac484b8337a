package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ReceiveRoomTest {
  @Test
  void aFullRoomHoldsTheNextArrivalUntilAMessageIsDone() throws Exception {
    ReceiveRoom room = new ReceiveRoom(2);
    assertThat(room.tryTake()).isTrue();
    assertThat(room.tryTake()).isTrue();
    assertThat(room.tryTake()).isFalse();
    assertThat(room.taken()).isEqualTo(2);

    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(
            () -> {
              try {
                room.take();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      waiting.get(200, TimeUnit.MILLISECONDS);
      throw new AssertionError("took a place in a full room");
    } catch (TimeoutException expected) {
      // still waiting, as it should
    }
    room.release();
    waiting.get(10, TimeUnit.SECONDS);
    assertThat(room.taken()).isEqualTo(2);
  }

  @Test
  void awaitEmptyWaitsForEveryTakenPlace() throws Exception {
    ReceiveRoom room = new ReceiveRoom(3);
    assertThat(room.awaitEmpty(Duration.ZERO)).isTrue();
    room.take();
    assertThat(room.awaitEmpty(Duration.ofMillis(100))).isFalse();
    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(room::release);
    assertThat(room.awaitEmpty(Duration.ofSeconds(10))).isTrue();
    assertThat(room.taken()).isZero();
  }
}
