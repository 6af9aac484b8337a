package io.airq.streams;

import static io.airq.streams.SensorFixtures.cbd;
import static io.airq.streams.SensorFixtures.pm25;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.CleanReading;
import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DedupTopologyTest {
  private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

  private static void send(TopologyFixture f, Reading r, String digest) {
    RecordHeaders h = new RecordHeaders();
    if (digest != null) {
      h.add(
          new RecordHeader(
              io.airq.core.topic.RecordHeaders.PAYLOAD_DIGEST,
              digest.getBytes(StandardCharsets.UTF_8)));
    }
    f.readings.pipeInput(new TestRecord<>(r.sensorId(), r, h, r.time()));
  }

  @Test
  void aRedeliveredCopyOfATimestampLessPayloadIsDroppedByItsDigestWithinTheDigestHorizon() {
    try (TopologyFixture f = new TopologyFixture(StreamsSettings.defaults(""))) {
      Sensor s = cbd("ag-1", Duration.ofMinutes(1));
      f.register(s);
      send(f, pm25(s, T0, 12.0), "d1");
      // the bridge killed before its PUBACK: the copy arrives 40 s later with a new receive time
      send(f, pm25(s, T0.plusSeconds(40), 12.0), "d1");
      send(f, pm25(s, T0.plusSeconds(60), 12.0), "d2");
      // the same bytes three hours later are a new message (beyond the 2 h digest horizon)
      send(f, pm25(s, T0.plus(Duration.ofHours(3)), 12.0), "d1");
      List<Instant> kept = f.clean.readValuesToList().stream().map(CleanReading::time).toList();
      assertThat(kept).containsExactly(T0, T0.plusSeconds(60), T0.plus(Duration.ofHours(3)));
    }
  }

  @Test
  void theDedupHorizonIsTheLongestLagAtWhichWindowsStillTakeAReading() {
    StreamsSettings settings = StreamsSettings.defaults("");
    assertThat(settings.dedupHorizon())
        .isEqualTo(io.airq.streams.average.SensorWindowsProcessor.hourRetention(settings.grace()))
        .isGreaterThan(Duration.ofDays(3));
  }

  @Test
  void aThreeDayOfflineBacklogRedeliveredTwiceIsCountedOnce() {
    try (TopologyFixture f = new TopologyFixture(StreamsSettings.defaults(""))) {
      Sensor online = cbd("online-1", Duration.ofMinutes(10));
      Sensor offline = cbd("gateway-backlog-1", Duration.ofMinutes(10));
      f.register(online);
      f.register(offline);
      // the partition's stream time is now; the gateway's sensor comes back 3 days behind it
      f.send(pm25(online, T0, 10.0));
      int backlog = 3 * 24 * 6;
      for (int copy = 0; copy < 3; copy++) {
        for (int i = 0; i < backlog; i++) {
          send(
              f,
              pm25(
                  offline,
                  T0.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(10L * i)),
                  20.0 + i % 7),
              null);
        }
      }
      List<CleanReading> clean = f.clean.readValuesToList();
      assertThat(clean).filteredOn(c -> c.sensorId().equals(offline.id())).hasSize(backlog);
      assertThat(
              clean.stream()
                  .filter(c -> c.sensorId().equals(offline.id()))
                  .map(CleanReading::time)
                  .distinct()
                  .count())
          .isEqualTo(backlog);
    }
  }
}
