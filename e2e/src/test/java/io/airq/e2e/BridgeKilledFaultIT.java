package io.airq.e2e;

import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import org.junit.jupiter.api.Test;

/** Fault suite: the MQTT bridge is killed with SIGKILL mid-stream and a new one resumes. */
@RealServers
class BridgeKilledFaultIT {

  @Test
  void bridgeKilledMidStreamLosesAndDuplicatesNoReading(Servers servers) throws Exception {
    FaultCase.run(
        "bridge-sigkill",
        servers.mqttUrl(),
        servers.kafkaBootstrap(),
        servers.influxUrl(),
        servers.newDirectory("fault-bridge"),
        pass -> {
          long pid = pass.ingest.pid();
          pass.ingest.kill();
          long killed = System.nanoTime();
          // same client id, so the broker resumes the session and redelivers what was unacked
          pass.ingest.start();
          return String.format(
              "airq ingest (pid %d) killed with SIGKILL; a new one with the same client id was"
                  + " ready %.1f s later",
              pid, (System.nanoTime() - killed) / 1e9);
        });
  }
}
