package io.airq.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayAccountsTest {
  @TempDir Path dir;

  @Test
  void readsGatewayIdEqualsPasswordLines() throws Exception {
    Path f =
        Files.writeString(dir.resolve("a.properties"), "# mine\ngw-cbd-1=one\ngw-west = two \n");
    assertThat(GatewayAccounts.read(f)).isEqualTo(Map.of("gw-cbd-1", "one", "gw-west", "two"));
  }

  @Test
  void takesOnlyTheGatewayLinesOfTheStacksCredentialsFile() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("credentials.properties"),
            "planner.token=t\nmqtt.simulator.user=airq-simulator\nmqtt.simulator.password=s\n"
                + "mqtt.gateway.gw-local=l\nmqtt.gateway.gw-cbd-1=c\n");
    assertThat(GatewayAccounts.read(f)).isEqualTo(Map.of("gw-local", "l", "gw-cbd-1", "c"));
  }

  @Test
  void refusesAMissingFileAnEmptyOneAnEmptyPasswordAndAnIdThatIsNoTopicSegment() throws Exception {
    assertThatThrownBy(() -> GatewayAccounts.read(dir.resolve("none")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read the gateway accounts");
    Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
    assertThatThrownBy(() -> GatewayAccounts.read(empty)).hasMessageContaining("holds no");
    Path blank = Files.writeString(dir.resolve("blank"), "gw-a=\n");
    assertThatThrownBy(() -> GatewayAccounts.read(blank))
        .hasMessageContaining("gateway gw-a has no password");
    Path wild = Files.writeString(dir.resolve("wild"), "gw+a=x\n");
    assertThatThrownBy(() -> GatewayAccounts.read(wild)).hasMessageContaining("'gw+a'");
  }
}
