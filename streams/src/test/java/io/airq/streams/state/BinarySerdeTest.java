package io.airq.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BinarySerdeTest {
  record Sample(
      boolean b, int ub, int us, short s, int i, long l, double d, String text, String unicode) {}

  private static final BinarySerde<Sample> SERDE =
      BinarySerde.of(
          "sample",
          3,
          (v, out) -> {
            out.writeBoolean(v.b());
            out.writeByte(v.ub());
            out.writeShort(v.us());
            out.writeShort(v.s());
            out.writeInt(v.i());
            out.writeLong(v.l());
            out.writeDouble(v.d());
            out.writeUTF(v.text());
            out.writeUTF(v.unicode());
          },
          in ->
              new Sample(
                  in.readBoolean(),
                  in.readUnsignedByte(),
                  in.readUnsignedShort(),
                  in.readShort(),
                  in.readInt(),
                  in.readLong(),
                  in.readDouble(),
                  in.readUTF(),
                  in.readUTF()));

  private static final Sample SAMPLE =
      new Sample(
          true,
          250,
          65000,
          (short) -1234,
          -7,
          Long.MIN_VALUE + 3,
          -0.000123456789,
          "us-epa-2021-ext2022",
          "Ngong Road ✓ ñ \u0000 𝄞");

  @Test
  void everyFieldRoundTripsExactly() {
    assertThat(SERDE.deserialize("t", SERDE.serialize("t", SAMPLE))).isEqualTo(SAMPLE);
  }

  @Test
  void theBytesAreThoseOfDataOutputStreamAfterTheVersionByte() throws Exception {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    out.writeByte(3);
    out.writeBoolean(SAMPLE.b());
    out.writeByte(SAMPLE.ub());
    out.writeShort(SAMPLE.us());
    out.writeShort(SAMPLE.s());
    out.writeInt(SAMPLE.i());
    out.writeLong(SAMPLE.l());
    out.writeDouble(SAMPLE.d());
    out.writeUTF(SAMPLE.text());
    out.writeUTF(SAMPLE.unicode());
    assertThat(SERDE.serialize("t", SAMPLE)).isEqualTo(expected.toByteArray());
  }

  @Test
  void aTruncatedValueOrAnotherVersionFailsLoudly() {
    byte[] bytes = SERDE.serialize("t", SAMPLE);
    assertThatThrownBy(() -> SERDE.deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot read sample");
    bytes[0] = 4;
    assertThatThrownBy(() -> SERDE.deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 4 is not 3");
    assertThat(SERDE.deserialize("t", null)).isNull();
  }

  @Test
  void theOutputWritesWhatDataOutputStreamWritesForEveryKindOfField() throws Exception {
    java.util.Random rnd = new java.util.Random(7);
    for (int round = 0; round < 200; round++) {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      DataOutputStream reference = new DataOutputStream(expected);
      UnsyncByteArrayOutput out = new UnsyncByteArrayOutput(1);
      for (int k = 0; k < 40; k++) {
        long bits = rnd.nextLong();
        String text = rnd.nextBoolean() ? "µg/m³ 😀 " + bits : Long.toString(bits, 36);
        java.io.DataOutput[] both = {reference, out};
        int kind = rnd.nextInt(12);
        double d = rnd.nextInt(4) == 0 ? Double.NaN : Double.longBitsToDouble(bits);
        for (java.io.DataOutput o : both) {
          switch (kind) {
            case 0 -> o.writeBoolean((bits & 1) == 0);
            case 1 -> o.writeByte((int) bits);
            case 2 -> o.writeShort((int) bits);
            case 3 -> o.writeChar((int) bits);
            case 4 -> o.writeInt((int) bits);
            case 5 -> o.writeLong(bits);
            case 6 -> o.writeFloat(Float.intBitsToFloat((int) bits));
            case 7 -> o.writeDouble(d);
            case 8 -> o.writeUTF(text);
            case 9 -> o.writeChars(text);
            case 10 -> o.writeBytes(text);
            default -> o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
      assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }
  }
}
