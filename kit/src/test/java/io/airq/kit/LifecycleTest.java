package io.airq.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  @Test
  void aServiceThatStopsByItselfIsClosedOnceAndExitsWithStatusOne() throws Exception {
    AtomicBoolean alive = new AtomicBoolean(true);
    AtomicInteger closed = new AtomicInteger();
    Thread dies =
        new Thread(
            () -> {
              try {
                Thread.sleep(1500);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              alive.set(false);
            });
    dies.start();
    int status =
        Lifecycle.runUntilStopped(
            "test", new Lifecycle.Running(closed::incrementAndGet, alive::get));
    assertThat(status).isEqualTo(1);
    assertThat(closed).hasValue(1);
  }
}
