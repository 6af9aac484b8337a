package io.airq.core.json;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for one message type, using {@link Json}'s mapping. Null stays null (tombstones).
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
  private final Class<T> type;

  private JsonSerde(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      return Json.mapper().writeValueAsBytes(data);
    } catch (Exception e) {
      throw new SerializationException(
          "cannot serialize " + type.getSimpleName() + " for " + topic, e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return Json.mapper().readValue(data, type);
    } catch (Exception e) {
      throw new SerializationException(
          "not a valid " + type.getSimpleName() + " on " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {}

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }
}
