package io.airq.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTargetTest {
  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("kafka.properties");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void theFilesKafkaSettingsGoWithoutTheirPrefixAndItsOtherKeysAreIgnored() throws Exception {
    Path f =
        file(
            "mqtt.url=tcp://x:1883\n"
                + "kafka.bootstrap.servers=broker:9093\n"
                + "kafka.security.protocol=SASL_SSL\n"
                + "kafka.sasl.jaas.config=x required password=\"s3cret\";\n");

    KafkaTarget t = KafkaTarget.withSettingsFile(null, "p", f);

    assertThat(t.bootstrap()).isEqualTo("broker:9093");
    assertThat(t.topicPrefix()).isEqualTo("p");
    assertThat(t.settings())
        .isEqualTo(
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "x required password=\"s3cret\";"));
    assertThat(t.toString()).doesNotContain("s3cret").contains("sasl.jaas.config=****");
  }

  @Test
  void givenBootstrapServersWinOverTheFiles() throws Exception {
    Path f = file("kafka.bootstrap.servers=broker:9093\n");
    assertThat(KafkaTarget.withSettingsFile("other:9092", "", f).bootstrap())
        .isEqualTo("other:9092");
    assertThat(KafkaTarget.withSettingsFile("", "", f).bootstrap()).isEqualTo("broker:9093");
  }

  @Test
  void aKafkaNameNoClientKnowsIsRefusedNamingIt() throws Exception {
    Path f = file("kafka.security.protocol=SSL\nkafka.sasl.jass.config=typo\n");
    assertThatThrownBy(() -> KafkaTarget.withSettingsFile("b:9092", "", f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.sasl.jass.config")
        .hasMessageNotContaining("security.protocol");
  }

  @Test
  void withoutAFileOnlyTheBootstrapServersAreSet() {
    KafkaTarget t = KafkaTarget.withSettingsFile("b:9092", null, null);
    assertThat(t.enabled()).isTrue();
    assertThat(t.settings()).isEmpty();
    assertThat(t.topicPrefix()).isEmpty();
    assertThat(KafkaTarget.withSettingsFile(null, null, null).enabled()).isFalse();
  }
}
