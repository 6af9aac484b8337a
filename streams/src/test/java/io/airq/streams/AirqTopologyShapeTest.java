package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class AirqTopologyShapeTest {

  /**
   * {@code StreamsApp} turns off {@code max.task.idle.ms} (-1) because no task has two input
   * partitions to keep in time order. A sub-topology that reads two topics (a stream-stream join, a
   * merge) would need it again: this fails first.
   */
  @Test
  void everySubTopologyReadsOneTopic() {
    List<TopologyDescription.Subtopology> subs =
        List.copyOf(AirqTopology.build(StreamsSettings.defaults("t-")).describe().subtopologies());

    assertThat(subs).hasSize(3);
    for (TopologyDescription.Subtopology sub : subs) {
      List<String> topics =
          sub.nodes().stream()
              .filter(n -> n instanceof TopologyDescription.Source)
              .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
              .toList();
      assertThat(topics).as("source topics of sub-topology %s", sub.id()).hasSize(1);
    }
  }
}
