package io.airq.ingest.payload;

import io.airq.core.reading.SourceFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * The MQTT topic scheme {@code airq/v1/<gateway>/<sensor>[/<format>]}: the sensor segment names the
 * sensor when the payload does not ({@code -} means: take it from the payload); the format segment,
 * a {@link SourceFormat} id, overrides shape detection, as does a configured default format.
 */
public final class TopicRoute {
  public static final String ROOT = "airq/v1/";

  private TopicRoute() {}

  /** Parses a message that arrived on {@code topic}. */
  public static ParseResult parse(
      PayloadParser parser,
      String topic,
      byte[] body,
      Instant receivedAt,
      Optional<SourceFormat> configuredFormat) {
    if (!topic.startsWith(ROOT)) {
      return ParseResult.rejected(
          RejectionCode.BAD_TOPIC, "topic " + topic + " is not under " + ROOT);
    }
    String[] s = topic.substring(ROOT.length()).split("/", -1);
    if (s.length < 2 || s.length > 3 || s[0].isEmpty() || s[1].isEmpty()) {
      return ParseResult.rejected(
          RejectionCode.BAD_TOPIC,
          "topic " + topic + " is not airq/v1/<gateway>/<sensor>[/<format>]");
    }
    Optional<SourceFormat> format = configuredFormat;
    if (s.length == 3) {
      format = SourceFormat.byId(s[2]);
      if (format.isEmpty()) {
        return ParseResult.rejected(
            RejectionCode.UNKNOWN_FORMAT, "topic format segment " + s[2] + " is no format id");
      }
    }
    Optional<String> sensor = s[1].equals("-") ? Optional.empty() : Optional.of(s[1]);
    return parser.parse(body, new Origin(topic, s[0], sensor, format, receivedAt));
  }

  /** The gateway segment, or empty when the topic does not follow the scheme. */
  public static Optional<String> gateway(String topic) {
    return segment(topic, 0);
  }

  /** The sensor segment ({@code -} excluded), or empty. */
  public static Optional<String> sensor(String topic) {
    return segment(topic, 1).filter(x -> !x.equals("-"));
  }

  private static Optional<String> segment(String topic, int i) {
    if (!topic.startsWith(ROOT)) {
      return Optional.empty();
    }
    String[] s = topic.substring(ROOT.length()).split("/", -1);
    return s.length > i && !s[i].isEmpty() ? Optional.of(s[i]) : Optional.empty();
  }
}
