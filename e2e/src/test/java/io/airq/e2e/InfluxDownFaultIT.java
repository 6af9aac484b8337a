package io.airq.e2e;

import io.airq.devstack.InfluxServer;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: InfluxDB is down for 60 s mid-stream. An InfluxDB of its own, so that the other
 * tests' server is not disturbed.
 */
@RealServers
class InfluxDownFaultIT {
  static final long DOWN_MS = 60_000;

  @Test
  void influxDownForAMinuteMidStreamLosesAndDuplicatesNoReading(Servers servers) throws Exception {
    InfluxServer influx = InfluxServer.start(servers.newDirectory("fault-influx"), 0);
    try {
      FaultCase.run(
          "influx-down-60s",
          servers.mqttUrl(),
          servers.kafkaBootstrap(),
          influx.endpoint(),
          servers.newDirectory("fault-influx-services"),
          pass -> {
            influx.stop();
            long down = System.nanoTime();
            Thread.sleep(DOWN_MS);
            influx.start();
            return String.format(
                "InfluxDB stopped, answering again %.1f s later", (System.nanoTime() - down) / 1e9);
          });
    } finally {
      influx.stop();
    }
  }
}
