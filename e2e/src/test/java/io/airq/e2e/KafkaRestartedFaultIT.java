package io.airq.e2e;

import io.airq.devstack.KafkaBroker;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: the Kafka broker is stopped mid-stream and started again on the same ports and data.
 * A broker of its own, so that the other tests' broker is not disturbed.
 */
@RealServers
class KafkaRestartedFaultIT {
  static final long DOWN_MS = 15_000;

  @Test
  void kafkaStoppedAndStartedMidStreamLosesAndDuplicatesNoReading(Servers servers)
      throws Exception {
    KafkaBroker kafka = KafkaBroker.start(servers.newDirectory("fault-kafka"), 0);
    try {
      FaultCase.run(
          "kafka-restart",
          servers.mqttUrl(),
          kafka.endpoint(),
          servers.influxUrl(),
          servers.newDirectory("fault-kafka-services"),
          pass -> {
            long t = System.nanoTime();
            kafka.stop();
            double stopped = (System.nanoTime() - t) / 1e9;
            Thread.sleep(DOWN_MS);
            t = System.nanoTime();
            kafka.start();
            return String.format(
                "Kafka stopped (%.1f s to stop), down %d s, answering again %.1f s after start",
                stopped, DOWN_MS / 1000, (System.nanoTime() - t) / 1e9);
          });
    } finally {
      kafka.stop();
    }
  }
}
