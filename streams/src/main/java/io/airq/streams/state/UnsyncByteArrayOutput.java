package io.airq.streams.state;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that is also a {@link DataOutput}, writing the same bytes as {@link
 * DataOutputStream} (big-endian, modified UTF-8) straight into its array: without the locking of
 * {@code ByteArrayOutputStream} and without {@code DataOutputStream}'s call to the stream for every
 * byte and field (the state of every reading is written through it).
 */
final class UnsyncByteArrayOutput extends OutputStream implements DataOutput {
  private byte[] buf;
  private int size;
  private DataOutputStream text;

  UnsyncByteArrayOutput(int capacity) {
    buf = new byte[capacity];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  @Override
  public void writeLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  /** Text in {@link DataOutputStream}'s encodings, which it writes into this array. */
  private DataOutputStream text() {
    if (text == null) {
      text = new DataOutputStream(this);
    }
    return text;
  }

  @Override
  public void writeBytes(String s) throws IOException {
    text().writeBytes(s);
  }

  @Override
  public void writeChars(String s) throws IOException {
    text().writeChars(s);
  }

  @Override
  public void writeUTF(String s) throws IOException {
    text().writeUTF(s);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
