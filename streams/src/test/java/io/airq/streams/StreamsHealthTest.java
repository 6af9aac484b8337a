package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.kit.Check;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {
  @Test
  void theJobIsUpOnlyWhileItRunsOrRebalances() {
    Set<State> up = EnumSet.of(State.RUNNING, State.REBALANCING);
    for (State s : State.values()) {
      Check c = StreamsHealth.of(s);
      assertThat(c.up()).as(s.name()).isEqualTo(up.contains(s));
      assertThat(c.detail()).contains(s.name());
    }
    assertThat(Arrays.stream(State.values()).filter(s -> StreamsHealth.of(s).up()))
        .containsExactlyInAnyOrder(State.RUNNING, State.REBALANCING);
  }

  @Test
  void errorShutdownAndStoppedAreDown() {
    for (State s : EnumSet.of(State.ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING)) {
      assertThat(StreamsHealth.of(s).up()).as(s.name()).isFalse();
    }
  }
}
