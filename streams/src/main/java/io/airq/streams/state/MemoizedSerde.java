package io.airq.streams.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
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
  private final Map<Content, T> seen = new ConcurrentHashMap<>();

  public MemoizedSerde(Serde<T> inner, int capacity) {
    this.inner = inner;
    this.capacity = capacity;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    Content key = new Content(data);
    T v = seen.get(key);
    if (v == null) {
      v = inner.deserializer().deserialize(topic, data);
      if (v == null) {
        return null; // (JSON null) nothing to remember; a map cannot hold it
      }
      if (seen.size() >= capacity) {
        seen.clear();
      }
      seen.put(key, v);
    }
    return v;
  }

  /**
   * Bytes as a map key. {@code ByteBuffer}'s hash reads one byte at a time through the buffer; this
   * one reads eight at a time (the key is hashed on every reading, a sensor's JSON is a few hundred
   * bytes). Equality compares every byte.
   */
  static final class Content {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final int hash;

    Content(byte[] bytes) {
      this.bytes = bytes;
      this.hash = hash(bytes);
    }

    static int hash(byte[] b) {
      long h = b.length;
      int i = 0;
      for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
        h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(b, i);
      }
      for (; i < b.length; i++) {
        h = h * 31 + b[i];
      }
      h ^= h >>> 29;
      h *= 0xBF58476D1CE4E5B9L;
      return (int) (h ^ (h >>> 32));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Content c && c.hash == hash && Arrays.equals(c.bytes, bytes);
    }
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
