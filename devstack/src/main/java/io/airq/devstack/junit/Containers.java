package io.airq.devstack.junit;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers fallback for machines with Docker but without the local binaries. Containers
 * live until the JVM exits (Testcontainers' reaper removes them).
 */
final class Containers {
  private Containers() {}

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // lives until the JVM exits
  static String mosquitto() {
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0"))
            .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf")
            .withExposedPorts(1883)
            .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofSeconds(60)));
    c.start();
    return "tcp://" + c.getHost() + ":" + c.getMappedPort(1883);
  }

  @SuppressWarnings("resource")
  static String influxdb() {
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse("influxdb:1.11"))
            .withExposedPorts(8086)
            .waitingFor(Wait.forHttp("/ping").forStatusCode(204));
    c.start();
    return "http://" + c.getHost() + ":" + c.getMappedPort(8086);
  }
}
