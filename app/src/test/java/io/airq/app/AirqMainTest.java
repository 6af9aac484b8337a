package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AirqMainTest {
  private static final Endpoints STACK =
      new Endpoints(
          "tcp://127.0.0.1:18830",
          "127.0.0.1:19092",
          "http://127.0.0.1:18086",
          "http://127.0.0.1:8080",
          "");

  @Test
  void simulatorCommandsGoToTheLocalStackUnlessToldOtherwise() {
    assertThat(
            AirqMain.withLocalStack(
                new String[] {"replay", "../shared/data/cork/"}, Optional.of(STACK), Map.of()))
        .containsExactly(
            "replay",
            "--mqtt=tcp://127.0.0.1:18830",
            "--kafka=127.0.0.1:19092",
            "../shared/data/cork/");
    // an option or its environment variable wins; load registers nothing
    assertThat(
            AirqMain.withLocalStack(
                new String[] {"simulate", "--mqtt", "tcp://broker:1883", "nairobi-closure"},
                Optional.of(STACK),
                Map.of("AIRQ_KAFKA_BOOTSTRAP", "kafka:9092")))
        .containsExactly("simulate", "--mqtt", "tcp://broker:1883", "nairobi-closure");
    assertThat(AirqMain.withLocalStack(new String[] {"load"}, Optional.of(STACK), Map.of()))
        .containsExactly("load", "--mqtt=tcp://127.0.0.1:18830");
    assertThat(AirqMain.withLocalStack(new String[] {"load"}, Optional.empty(), Map.of()))
        .containsExactly("load");
  }
}
