package io.airq.streams;

import io.airq.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backstop for records that cannot be deserialized: they go, as they are, to the readings
 * dead-letter topic with the reason and their origin (topic/partition/offset) in headers, and
 * processing continues. Kafka Streams counts them in its dropped-records metric.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
  /** Config key (set by StreamsApp) holding the dead-letter topic name. */
  public static final String TOPIC_CONFIG = "airq.dead-letter.topic";

  /** Config key (set by StreamsApp) holding the {@link StreamsMeters} to count in. */
  public static final String METERS_CONFIG = "airq.streams.meters";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
  private String topic = Topics.READINGS_DEAD_LETTER.name();
  private StreamsMeters meters = StreamsMeters.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    Object t = configs.get(TOPIC_CONFIG);
    if (t != null) {
      topic = t.toString();
    }
    if (configs.get(METERS_CONFIG) instanceof StreamsMeters m) {
      meters = m;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.debug(
        "undeserializable record {}/{}/{} to {}",
        context.topic(),
        context.partition(),
        context.offset(),
        topic,
        exception);
    meters.deadLettered();
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.remove(io.airq.core.topic.RecordHeaders.REASON);
    headers.remove(io.airq.core.topic.RecordHeaders.REASON_CODE);
    headers.remove(io.airq.core.topic.RecordHeaders.ORIGIN);
    headers.add(
        io.airq.core.topic.RecordHeaders.REASON,
        String.valueOf(exception.getMessage()).getBytes(StandardCharsets.UTF_8));
    headers.add(
        io.airq.core.topic.RecordHeaders.REASON_CODE,
        "deserialization".getBytes(StandardCharsets.UTF_8));
    headers.add(
        io.airq.core.topic.RecordHeaders.ORIGIN,
        (context.topic() + "/" + context.partition() + "/" + context.offset())
            .getBytes(StandardCharsets.UTF_8));
    return Response.resume(
        List.of(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
  }
}
