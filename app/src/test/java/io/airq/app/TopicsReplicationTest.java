package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsReplicationTest {
  @Test
  void unsetReplicationIsThreeOnABigClusterAndEveryBrokerOnASmallOne() {
    assertThat(TopicsCommand.replication(0, 1)).isEqualTo(1);
    assertThat(TopicsCommand.replication(0, 2)).isEqualTo(2);
    assertThat(TopicsCommand.replication(0, 3)).isEqualTo(3);
    assertThat(TopicsCommand.replication(0, 7)).isEqualTo(3);
    assertThat(TopicsCommand.replication(5, 7)).isEqualTo(5);
  }

  @Test
  void unsetMinInsyncIsTwoFromThreeReplicasOnAndOneBelow() {
    assertThat(TopicsCommand.minInsync(0, 1)).isEqualTo(1);
    assertThat(TopicsCommand.minInsync(0, 2)).isEqualTo(1);
    assertThat(TopicsCommand.minInsync(0, 3)).isEqualTo(2);
    assertThat(TopicsCommand.minInsync(3, 5)).isEqualTo(3);
  }
}
