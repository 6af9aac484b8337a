package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ./airq up's Mosquitto applies the ACL docker-compose.yml ships. */
class LocalServersTest {
  @Test
  void theLocalStacksAclHasTheRulesOfTheShippedAcl() throws Exception {
    List<String> shipped =
        Files.readAllLines(Path.of("..", "deploy", "mosquitto", "acl")).stream()
            .filter(l -> !l.startsWith("#"))
            .toList();
    assertThat(String.join("\n", shipped) + "\n").isEqualTo(LocalServers.ACL);
  }
}
