package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  static final long MS = 1_000_000;

  @Test
  void waitsDoubleFrom250MsUpToTheMaximumAndASuccessEndsThem() {
    Backoff b = new Backoff(Duration.ofSeconds(3));
    assertThat(b.retrying()).isFalse();
    assertThat(b.mayAttempt(0)).isTrue();
    assertThat(b.failed(0)).isEqualTo(Duration.ofMillis(250));
    assertThat(b.failed(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(b.failed(0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(b.failed(0)).isEqualTo(Duration.ofMillis(2000));
    assertThat(b.failed(0)).isEqualTo(Duration.ofMillis(3000));
    assertThat(b.failed(0)).isEqualTo(Duration.ofMillis(3000));
    assertThat(b.retrying()).isTrue();
    assertThat(b.succeeded()).isTrue();
    assertThat(b.retrying()).isFalse();
    assertThat(b.succeeded()).isFalse();
    assertThat(b.failed(0)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void theNextAttemptWaitsForItsBackoffWhateverTheClocksOrigin() {
    for (long t0 : new long[] {0, -7_000 * MS, Long.MAX_VALUE - 100 * MS}) {
      Backoff b = new Backoff(Duration.ofSeconds(30));
      b.failed(t0);
      assertThat(b.mayAttempt(t0 + 249 * MS)).as("t0 %d", t0).isFalse();
      assertThat(b.mayAttempt(t0 + 250 * MS)).as("t0 %d", t0).isTrue();
    }
  }

  @Test
  void aMaximumBelowTheFirstWaitCapsItAndCenturiesDoNotOverflow() {
    assertThat(new Backoff(Duration.ofMillis(1)).failed(0)).isEqualTo(Duration.ofMillis(1));
    Backoff forever = new Backoff(Duration.ofMillis(Long.MAX_VALUE));
    for (int i = 0; i < 80; i++) {
      forever.failed(0);
    }
    assertThat(forever.mayAttempt(Long.MAX_VALUE / 8)).isFalse();
  }
}
