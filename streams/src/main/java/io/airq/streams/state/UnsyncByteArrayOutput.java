package io.airq.streams.state;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array without the locking of {@code ByteArrayOutputStream} (whose every write is
 * synchronized); {@code DataOutputStream} writes its fields into it.
 */
final class UnsyncByteArrayOutput extends OutputStream {
  private byte[] buf;
  private int size;

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
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
