package io.airq.core.topic;

/** Kafka record header names. Provenance travels in headers; the value stays the domain message. */
public final class RecordHeaders {
  private RecordHeaders() {}

  /** The MQTT topic the message arrived on (or {@code http:/v1/push-sensor-data/}). */
  public static final String MQTT_TOPIC = "airq.mqtt-topic";

  /** The gateway that delivered the message. */
  public static final String GATEWAY = "airq.gateway";

  /** The payload format id, e.g. {@code sensor-community}. */
  public static final String FORMAT = "airq.format";

  /** Receive time at the bridge, ISO-8601. */
  public static final String RECEIVED_AT = "airq.received-at";

  /**
   * On the readings of a payload without a time of its own (their time is the receive time): a
   * digest of the channel (MQTT topic, or the push's sensor) and the payload bytes, the same for
   * every delivery of the message.
   */
  public static final String PAYLOAD_DIGEST = "airq.payload-digest";

  /** Why a record was dead-lettered or quarantined, in plain words. */
  public static final String REASON = "airq.reason";

  /** A short machine-readable reason code, e.g. {@code malformed-json}. */
  public static final String REASON_CODE = "airq.reason-code";

  /** The component that rejected the record: ingest, streams or sink. */
  public static final String ORIGIN = "airq.origin";
}
