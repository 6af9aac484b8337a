package io.airq.streams.state;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Wraps a serde and remembers what it deserialized, by the bytes' content: a global table (sensors,
 * closures) is read on every reading, and each read would otherwise be a JSON parse of the same few
 * hundred bytes. The values must be immutable. At most {@code capacity} entries; when full it
 * starts over. Safe for the stream threads sharing a global store.
 */
public final class MemoizedSerde<T> implements Serde<T>, Deserializer<T> {
  private final Serde<T> inner;
  private final int capacity;
  private final Map<ByteBuffer, T> seen = new ConcurrentHashMap<>();

  public MemoizedSerde(Serde<T> inner, int capacity) {
    this.inner = inner;
    this.capacity = capacity;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    ByteBuffer key = ByteBuffer.wrap(data);
    T v = seen.get(key);
    if (v == null) {
      v = inner.deserializer().deserialize(topic, data);
      if (seen.size() >= capacity) {
        seen.clear();
      }
      seen.put(key, v);
    }
    return v;
  }

  @Override
  public Serializer<T> serializer() {
    return inner.serializer();
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
