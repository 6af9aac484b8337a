package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DeadLetterHandlerTest {

  @Test
  void anUndeserializableReadingGoesToTheDeadLetterTopicWithItsReasonAndOrigin() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "airq-dead-letter-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG, "target/kafka-streams-test/" + java.util.UUID.randomUUID());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandler.class.getName());
    props.put(DeadLetterHandler.TOPIC_CONFIG, "p." + Topics.READINGS_DEAD_LETTER.name());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    props.put(DeadLetterHandler.METERS_CONFIG, new StreamsMeters(registry));
    try (TopologyTestDriver d =
        new TopologyTestDriver(AirqTopology.build(StreamsSettings.defaults("p.")), props)) {
      TestInputTopic<String, byte[]> in =
          d.createInputTopic(
              "p." + Topics.READINGS.name(), new StringSerializer(), new ByteArraySerializer());
      TestOutputTopic<String, byte[]> dead =
          d.createOutputTopic(
              "p." + Topics.READINGS_DEAD_LETTER.name(),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
      in.pipeInput("s1", garbage);
      TestRecord<String, byte[]> r = dead.readRecord();
      assertThat(r.key()).isEqualTo("s1");
      assertThat(r.value()).isEqualTo(garbage);
      assertThat(header(r, RecordHeaders.REASON_CODE)).isEqualTo("deserialization");
      assertThat(header(r, RecordHeaders.REASON)).contains("Reading");
      assertThat(header(r, RecordHeaders.ORIGIN)).startsWith("p.airq.readings/0/");
      assertThat(
              registry
                  .get(StreamsMeters.READINGS)
                  .tag("outcome", "dead-lettered")
                  .counter()
                  .count())
          .isEqualTo(1);
    }
  }

  private static String header(TestRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
