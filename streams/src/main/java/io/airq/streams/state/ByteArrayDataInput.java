package io.airq.streams.state;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link DataInput} straight over a byte array. {@code DataInputStream} over a {@code
 * ByteArrayInputStream} reads a long as eight synchronized one-byte reads, and the load benchmark's
 * profile put that at the top of the streams thread (every window update reads its state back).
 * Big-endian, like {@code DataOutputStream}; strings in modified UTF-8, like {@code writeUTF}.
 */
final class ByteArrayDataInput implements DataInput {
  private final ByteBuffer buf;

  ByteArrayDataInput(byte[] bytes) {
    this.buf = ByteBuffer.wrap(bytes);
  }

  private ByteBuffer need(int n) throws EOFException {
    if (buf.remaining() < n) {
      throw new EOFException("needs " + n + " more bytes, has " + buf.remaining());
    }
    return buf;
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    need(len).get(b, off, len);
  }

  @Override
  public int skipBytes(int n) {
    int k = Math.max(0, Math.min(n, buf.remaining()));
    buf.position(buf.position() + k);
    return k;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return need(1).get() != 0;
  }

  @Override
  public byte readByte() throws IOException {
    return need(1).get();
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return need(1).get() & 0xff;
  }

  @Override
  public short readShort() throws IOException {
    return need(2).getShort();
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return need(2).getShort() & 0xffff;
  }

  @Override
  public char readChar() throws IOException {
    return need(2).getChar();
  }

  @Override
  public int readInt() throws IOException {
    return need(4).getInt();
  }

  @Override
  public long readLong() throws IOException {
    return need(8).getLong();
  }

  @Override
  public float readFloat() throws IOException {
    return need(4).getFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return need(8).getDouble();
  }

  /** Not a text format: lines are not read. */
  @Override
  public String readLine() {
    throw new UnsupportedOperationException("readLine");
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }
}
