package io.airq.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {
  @Test
  void clientSettingsAreKnownAndTheTestKitsShortNameIsNot() {
    assertThat(KafkaClientSettings.CLIENTS)
        .accepts("bootstrap.servers", "max.poll.records", "linger.ms", "sasl.jaas.config")
        .rejects("bootstrap", "max.poll", "");
  }
}
