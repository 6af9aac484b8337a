package io.airq.core.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for one message type, using {@link Json}'s mapping. Null stays null (tombstones). A
 * busy type may have a hand-written writer and reader on Jackson's streaming API ({@link
 * TopicCodecs}, {@link TopicReaders}, {@link CleanReadingDecoder}) that produce and accept the same
 * JSON as data binding, only faster.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
  /** Writes one value with the generator of {@link Json#mapper()}. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(JsonGenerator g, T value) throws IOException;
  }

  /**
   * Reads one value from a parser at the document's start, or returns null when the document is not
   * of the shape it handles (the serde then uses data binding).
   */
  @FunctionalInterface
  public interface Reader<T> {
    T read(JsonParser p) throws IOException;
  }

  /**
   * The parsers the hand-written readers get: FastDoubleParser rounds correctly, as {@code
   * Double.parseDouble} does, so the same doubles, sooner.
   */
  static final JsonFactory READ_FACTORY =
      Json.mapper()
          .getFactory()
          .rebuild()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build();

  private final Class<T> type;
  private final Writer<T> writer;
  private final Reader<T> reader;

  private JsonSerde(Class<T> type, Writer<T> writer, Reader<T> reader) {
    this.type = type;
    this.writer = writer;
    this.reader = reader;
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type, null, null);
  }

  /**
   * A serde writing with {@code writer} and reading with {@code reader} (falling back to data
   * binding); either may be null for data binding. Both must match data binding's JSON exactly.
   */
  public static <T> JsonSerde<T> of(Class<T> type, Writer<T> writer, Reader<T> reader) {
    return new JsonSerde<>(type, writer, reader);
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
      return writer == null ? Json.mapper().writeValueAsBytes(data) : write(data);
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
    if (reader != null) {
      T fast = tryRead(data);
      if (fast != null) {
        return fast;
      }
    }
    try {
      return Json.mapper().readValue(data, type);
    } catch (Exception e) {
      throw new SerializationException(
          "not a valid " + type.getSimpleName() + " on " + topic + ": " + e.getMessage(), e);
    }
  }

  private byte[] write(T data) throws IOException {
    ExactOutput bytes = new ExactOutput();
    try (JsonGenerator g = Json.mapper().createGenerator(bytes, JsonEncoding.UTF8)) {
      writer.write(g, data);
    }
    return bytes.bytes();
  }

  /**
   * Collects what the generator flushes: a message fits its (recycled) buffer, so the generator
   * writes it in one call on close and this keeps an exact copy, one allocation per message.
   */
  private static final class ExactOutput extends OutputStream {
    private byte[] bytes = new byte[0];

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (bytes.length == 0) {
        bytes = Arrays.copyOfRange(b, off, off + len);
      } else {
        byte[] more = Arrays.copyOf(bytes, bytes.length + len);
        System.arraycopy(b, off, more, bytes.length, len);
        bytes = more;
      }
    }

    byte[] bytes() {
      return bytes;
    }
  }

  /** The hand-written reader's value, or null to use data binding (which reports any error). */
  private T tryRead(byte[] data) {
    try (JsonParser p = READ_FACTORY.createParser(data)) {
      return reader.read(p);
    } catch (IOException | RuntimeException e) {
      return null;
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
