package io.airq.e2e;

import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import org.junit.jupiter.api.Test;

/** Fault suite: the streams job is killed with SIGKILL mid-stream and a new instance takes over. */
@RealServers
class StreamsKilledFaultIT {

  @Test
  void streamsInstanceKilledMidStreamLosesAndDuplicatesNoReading(Servers servers) throws Exception {
    FaultCase.run(
        "streams-sigkill",
        servers.mqttUrl(),
        servers.kafkaBootstrap(),
        servers.influxUrl(),
        servers.newDirectory("fault-streams"),
        pass -> {
          long pid = pass.streams.pid();
          pass.streams.kill();
          long killed = System.nanoTime();
          // same application id and state directory, as a restarted container with its volume
          pass.streams.start();
          return String.format(
              "airq streams (pid %d) killed with SIGKILL; a new instance was RUNNING %.1f s later",
              pid, (System.nanoTime() - killed) / 1e9);
        });
  }
}
