package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.registry.Sensor;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

/**
 * One bad value costs one value, through the whole pipeline: a gateway's offline batch of 1000
 * readings with one negative NO2 and one reading from 2099 stores 999 readings in InfluxDB, the
 * negative one with its {@code no2:negative} flag, and the 2099 one is alone in the dead-letter
 * topic with its index in the batch.
 */
@RealServers
class OneBadValueEndToEndIT {
  private static final int NEGATIVE_AT = 321;
  private static final int FUTURE_AT = 654;

  @Test
  void aBatchOf1000WithANegativeNo2AndAReadingFrom2099Stores999(Servers servers) throws Exception {
    try (PipelineHarness h = new PipelineHarness(servers, "e2e-one-bad-value")) {
      String sensor = "cork-no2-batch";
      h.register(
          List.of(
              new Sensor(
                  sensor,
                  "gw-batch",
                  51.9,
                  -8.47,
                  "cork-centre",
                  "",
                  "Cork",
                  false,
                  null,
                  Duration.ofMinutes(1),
                  "alphasense-no2-b43f",
                  Map.of())),
          List.of());
      Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < 1000; i++) {
        Instant t =
            i == FUTURE_AT
                ? Instant.parse("2099-06-01T00:00:00Z")
                : end.minusSeconds(60L * (1000 - i));
        b.append(i == 0 ? "" : ",")
            .append("{\"time\":\"")
            .append(t)
            .append("\",\"values\":{\"no2\":")
            .append(i == NEGATIVE_AT ? "-1.8" : Double.toString(18 + (i * 7 % 23)))
            .append(",\"temperature\":")
            .append(12 + (i % 13) * 0.1)
            .append("}}");
      }
      MqttClient pub =
          new MqttClient(servers.mqttUrl(), "pub-" + h.prefix, new MemoryPersistence());
      pub.connect();
      pub.publish(
          "airq/v1/gw-batch/" + sensor,
          b.append(']').toString().getBytes(StandardCharsets.UTF_8),
          1,
          false);
      pub.disconnect();
      pub.close();

      PipelineHarness.awaitSettled(
          () -> h.count("SELECT count(no2_raw) FROM \"raw_90d\".\"reading\""),
          Duration.ofSeconds(5),
          Duration.ofMinutes(3));
      assertThat(h.count("SELECT count(no2_raw) FROM \"raw_90d\".\"reading\""))
          .as("readings stored")
          .isEqualTo(999);
      QueryResult flagged =
          h.influx.query(
              new Query(
                  "SELECT no2_raw, flags FROM \"raw_90d\".\"reading\" WHERE flags =~ /no2:negative/",
                  h.database));
      List<List<Object>> rows = flagged.getResults().get(0).getSeries().get(0).getValues();
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get(0))
          .isEqualTo(
              Instant.ofEpochSecond(end.getEpochSecond() - 60L * (1000 - NEGATIVE_AT)).toString());
      assertThat(((Number) rows.get(0).get(1)).doubleValue()).isEqualTo(-1.8);

      TopicCounts kafka = new TopicCounts(servers.kafkaBootstrap());
      String dead = Topics.READINGS_DEAD_LETTER.prefixed(h.prefix).name();
      assertThat(kafka.byHeader(dead, RecordHeaders.REASON_CODE))
          .isEqualTo(Map.of("future-timestamp", 1L));
      assertThat(kafka.byHeader(dead, "airq.batch-index"))
          .isEqualTo(Map.of(Integer.toString(FUTURE_AT), 1L));
    }
  }
}
