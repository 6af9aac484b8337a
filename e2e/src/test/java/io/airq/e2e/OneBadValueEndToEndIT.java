package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
      // nine more sensors registered in the area that never report: its hours are ~10 % covered
      List<Sensor> registered = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        registered.add(
            Sensor.builder(i == 0 ? sensor : "cork-no2-silent-" + i)
                .position(51.9, -8.47)
                .gatewayId("gw-batch")
                .area("cork-centre")
                .county("Cork")
                .reportingInterval(Duration.ofMinutes(1))
                .model("alphasense-no2-b43f")
                .build());
      }
      h.register(registered, List.of());
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

      // the readings and every window of them written: streams and sink caught up for two intervals
      PipelineHarness.awaitSettled(
          () -> h.count("SELECT count(no2_raw) FROM \"raw_90d\".\"reading\""),
          Duration.ofSeconds(1),
          Duration.ofMinutes(3));
      h.awaitDrained(PipelineHarness.SUITE_EMIT_INTERVAL.multipliedBy(2), Duration.ofMinutes(2));
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

      assertAreaHoursAreTenPercentCovered(h, sensor, end);
      assertAreaMinutesAreTenPercentCovered(h, end);

      TopicCounts kafka = new TopicCounts(servers.kafkaBootstrap());
      String dead = Topics.READINGS_DEAD_LETTER.prefixed(h.prefix).name();
      assertThat(kafka.byHeader(dead, RecordHeaders.REASON_CODE))
          .isEqualTo(Map.of("future-timestamp", 1L));
      assertThat(kafka.byHeader(dead, "airq.batch-index"))
          .isEqualTo(Map.of(Integer.toString(FUTURE_AT), 1L));
    }
  }

  /**
   * The area's 1-minute windows, read through the planner's {@code /api/series}: one per minute
   * with a reading (the 2099 one is not), each the sensor's temperature, 1 of 10 expected readings.
   */
  private static void assertAreaMinutesAreTenPercentCovered(PipelineHarness h, Instant end)
      throws Exception {
    JsonNode series =
        h.getJson(
            "/api/series?area=cork-centre&window=1m&quantity=temperature&from="
                + end.minusSeconds(60L * 1000)
                + "&to="
                + end);
    JsonNode points = series.get("points");
    assertThat(points).as("area minutes").hasSize(999);
    for (JsonNode p : points) {
      long i = 1000 - Duration.between(Instant.parse(p.get("time").asText()), end).toMinutes();
      assertThat(p.get("mean").asDouble())
          .as(p.toString())
          .isCloseTo(12 + (i % 13) * 0.1, within(1e-6));
      assertThat(p.get("count").asLong()).as(p.toString()).isEqualTo(1);
      assertThat(p.get("expected").asLong()).as(p.toString()).isEqualTo(10);
      assertThat(p.get("coverage").asDouble()).as(p.toString()).isEqualTo(10.0);
    }
  }

  /**
   * The area's hours in InfluxDB count 10 registered sensors of which one reported: the full hours
   * have its 60 readings (59 in the hour that lost the 2099 one) of 600 expected, about 10 %, and
   * no index, while the sensor's own hours, fully covered, have one.
   */
  private static void assertAreaHoursAreTenPercentCovered(
      PipelineHarness h, String sensor, Instant end) throws Exception {
    Instant first =
        end.minusSeconds(60L * 1000).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    Instant last = end.truncatedTo(ChronoUnit.HOURS); // the last full hour ends here
    long fullHours = Duration.between(first, last).toHours();
    String area =
        "SELECT * FROM average WHERE scope = 'area' AND \"key\" = 'cork-centre' AND \"window\" ="
            + " '1h' AND quantity = 'no2' AND time >= '"
            + first
            + "' AND time < '"
            + last
            + "'";
    QueryResult.Series hours =
        h.influx.query(new Query(area, h.database)).getResults().get(0).getSeries().get(0);
    assertThat(hours.getValues()).as("full area hours").hasSize((int) fullHours);
    List<String> cols = hours.getColumns();
    for (List<Object> row : hours.getValues()) {
      long count = ((Number) row.get(cols.indexOf("count"))).longValue();
      assertThat(count).as(row.toString()).isBetween(59L, 60L);
      assertThat(((Number) row.get(cols.indexOf("expected"))).longValue()).isEqualTo(600);
      assertThat(((Number) row.get(cols.indexOf("coverage"))).doubleValue())
          .as(row.toString())
          .isEqualTo(100.0 * count / 600);
      for (int i = 0; i < cols.size(); i++) {
        if (cols.get(i).endsWith("_category")) {
          assertThat(row.get(i)).as("below the gate, no index: " + cols.get(i)).isNull();
        }
      }
    }
    QueryResult.Series own =
        h.influx
            .query(
                new Query(
                    area.replace(
                        "scope = 'area' AND \"key\" = 'cork-centre'",
                        "scope = 'sensor' AND \"key\" = '" + sensor + "'"),
                    h.database))
            .getResults()
            .get(0)
            .getSeries()
            .get(0);
    assertThat(own.getValues()).as("the sensor's full hours").hasSize((int) fullHours);
    for (List<Object> row : own.getValues()) {
      assertThat(((Number) row.get(own.getColumns().indexOf("coverage"))).doubleValue())
          .as(row.toString())
          .isGreaterThan(98.0);
      assertThat(
              java.util.stream.IntStream.range(0, row.size())
                  .filter(i -> own.getColumns().get(i).endsWith("_category"))
                  .anyMatch(i -> row.get(i) != null))
          .as("the sensor's own hour has an index: " + row)
          .isTrue();
    }
  }
}
