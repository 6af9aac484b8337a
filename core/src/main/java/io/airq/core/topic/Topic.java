package io.airq.core.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with its key and value serdes, so that a producer and its consumers cannot
 * disagree.
 *
 * @param name the topic name
 * @param keySerde the key serde
 * @param valueSerde the value serde
 * @param compacted whether the topic is log-compacted (latest value per key is the state)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  /**
   * The same topic under a name prefix, e.g. {@code "test42."}: lets services and tests share one
   * broker without seeing each other's records.
   */
  public Topic<K, V> prefixed(String prefix) {
    return prefix == null || prefix.isEmpty()
        ? this
        : new Topic<>(prefix + name, keySerde, valueSerde, compacted);
  }

  public byte[] serializeKey(K key) {
    return keySerde.serializer().serialize(name, key);
  }

  public byte[] serializeValue(V value) {
    return valueSerde.serializer().serialize(name, value);
  }

  public K deserializeKey(byte[] key) {
    return keySerde.deserializer().deserialize(name, key);
  }

  public V deserializeValue(byte[] value) {
    return valueSerde.deserializer().deserialize(name, value);
  }
}
