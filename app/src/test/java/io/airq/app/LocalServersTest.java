package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ./airq up's Mosquitto applies the ACL docker-compose.yml ships, plus one rule for its own
 * simulator account, which the shipped ACL must not have.
 */
class LocalServersTest {
  @Test
  void theLocalStacksAclIsTheShippedAclPlusItsSimulatorsRule() throws Exception {
    List<String> shipped =
        Files.readAllLines(Path.of("..", "deploy", "mosquitto", "acl")).stream()
            .filter(l -> !l.startsWith("#"))
            .toList();
    assertThat(String.join("\n", shipped) + "\n")
        .as("deploy/mosquitto/acl's rules and LocalServers.SHIPPED_RULES")
        .isEqualTo(LocalServers.SHIPPED_RULES);
    assertThat(shipped)
        .as("a broker real gateways use has no account that writes every gateway's topic")
        .doesNotContain("user " + Credentials.SIMULATOR_USER)
        .doesNotContain("topic write airq/v1/#");
    assertThat(LocalServers.ACL)
        .as("the local stack's ACL, the only difference being its simulator's rule")
        .isEqualTo(
            LocalServers.SHIPPED_RULES
                + "\nuser "
                + Credentials.SIMULATOR_USER
                + "\ntopic write airq/v1/#\n");
  }
}
