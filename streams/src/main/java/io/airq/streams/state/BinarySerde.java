package io.airq.streams.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary serde for internal state (stores, repartition topics), in {@link
 * DataOutputStream}'s encoding. The first byte is a format version; an unknown version fails loudly
 * instead of being misread, and an older version still read ({@link #readingAlso}) is upgraded when
 * read. Null stays null.
 */
public final class BinarySerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
  /** Writes a value's fields. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(T value, DataOutput out) throws IOException;
  }

  /** Reads a value's fields back. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(DataInput in) throws IOException;
  }

  private final String name;
  private final int version;
  private final Writer<T> writer;
  private final Reader<T> reader;
  private final java.util.Map<Integer, Reader<T>> older;

  private BinarySerde(
      String name,
      int version,
      Writer<T> writer,
      Reader<T> reader,
      java.util.Map<Integer, Reader<T>> older) {
    this.name = name;
    this.version = version;
    this.writer = writer;
    this.reader = reader;
    this.older = older;
  }

  public static <T> BinarySerde<T> of(String name, int version, Writer<T> w, Reader<T> r) {
    return new BinarySerde<>(name, version, w, r, java.util.Map.of());
  }

  /**
   * The same serde that also reads an older format version (state written by an earlier release),
   * with that version's reader.
   */
  public BinarySerde<T> readingAlso(int olderVersion, Reader<T> olderReader) {
    java.util.Map<Integer, Reader<T>> m = new java.util.HashMap<>(older);
    m.put(olderVersion, olderReader);
    return new BinarySerde<>(name, version, writer, reader, java.util.Map.copyOf(m));
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      UnsyncByteArrayOutput out = new UnsyncByteArrayOutput(256);
      out.writeByte(version);
      writer.write(data, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new SerializationException("cannot write " + name, e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      DataInput in = new ByteArrayDataInput(data);
      int v = in.readUnsignedByte();
      if (v == version) {
        return reader.read(in);
      }
      Reader<T> old = older.get(v);
      if (old == null) {
        throw new SerializationException(
            name + " format version " + v + " is not " + version + " (state of another release?)");
      }
      return old.read(in);
    } catch (IOException e) {
      throw new SerializationException("cannot read " + name + " on " + topic, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
