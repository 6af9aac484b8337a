package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {
  @TempDir Path dir;

  @Test
  void theFileListsEveryServicesHealthAndMetricsUrlAndReadsBackAsWritten() throws Exception {
    Endpoints e =
        new Endpoints(
            "tcp://127.0.0.1:18830",
            "127.0.0.1:19092",
            "http://127.0.0.1:18086",
            "http://127.0.0.1:8080",
            "",
            Map.of(
                "planner", "http://127.0.0.1:8080",
                "sink", "http://127.0.0.1:8082",
                "ingest", "http://127.0.0.1:8081",
                "streams", "http://127.0.0.1:8083"));
    e.write(dir);
    String text = Files.readString(dir.resolve(Endpoints.FILE));
    // pipeline order, readable as it is (./airq status prints the file)
    assertThat(text)
        .containsSubsequence(
            "ingest.health=http://127.0.0.1:8081/health",
            "ingest.metrics=http://127.0.0.1:8081/metrics",
            "streams.health=http://127.0.0.1:8083/health",
            "sink.health=http://127.0.0.1:8082/health",
            "planner.health=http://127.0.0.1:8080/health",
            "planner.metrics=http://127.0.0.1:8080/metrics");
    assertThat(Endpoints.read(dir)).contains(e);
    assertThat(Endpoints.read(dir.resolve("none"))).isEmpty();
  }
}
