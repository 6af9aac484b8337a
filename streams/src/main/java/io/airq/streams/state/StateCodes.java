package io.airq.streams.state;

import io.airq.core.correction.EpaPurpleAirCorrection;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One-byte codes of quantities and of the common correction ids in the binary state formats, in
 * place of their names in modified UTF-8. Stored state depends on them: the tables are append-only
 * (a code never changes its meaning; {@code StateCodesTest} pins them).
 */
public final class StateCodes {
  private StateCodes() {}

  /** Quantity codes: the index in this table. Append new quantities at the end. */
  private static final Quantity[] QUANTITIES = {
    Quantity.PM1,
    Quantity.PM25,
    Quantity.PM10,
    Quantity.NO2,
    Quantity.O3,
    Quantity.SO2,
    Quantity.CO,
    Quantity.CO2,
    Quantity.TEMPERATURE,
    Quantity.HUMIDITY,
    Quantity.PRESSURE,
    Quantity.WIND_SPEED,
    Quantity.WIND_DIR,
    Quantity.RAIN
  };

  /** Correction codes: 1 + the index in this table; 0 = the id follows in modified UTF-8. */
  private static final String[] CORRECTIONS = {CorrectedValue.NONE, EpaPurpleAirCorrection.ID};

  private static final byte[] QUANTITY_CODE = new byte[Quantity.values().length];

  static {
    java.util.Arrays.fill(QUANTITY_CODE, (byte) -1);
    for (int i = 0; i < QUANTITIES.length; i++) {
      QUANTITY_CODE[QUANTITIES[i].ordinal()] = (byte) i;
    }
  }

  /** The code of a quantity; fails for a quantity not yet in the table. */
  public static int code(Quantity q) {
    int c = QUANTITY_CODE[q.ordinal()];
    if (c < 0) {
      throw new IllegalStateException("quantity " + q + " has no state code (StateCodes)");
    }
    return c;
  }

  public static void writeQuantity(DataOutput out, Quantity q) throws IOException {
    out.writeByte(code(q));
  }

  public static Quantity readQuantity(DataInput in) throws IOException {
    int c = in.readUnsignedByte();
    if (c >= QUANTITIES.length) {
      throw new IOException("unknown quantity code " + c);
    }
    return QUANTITIES[c];
  }

  public static void writeCorrection(DataOutput out, String id) throws IOException {
    for (int i = 0; i < CORRECTIONS.length; i++) {
      if (CORRECTIONS[i].equals(id)) {
        out.writeByte(i + 1);
        return;
      }
    }
    out.writeByte(0);
    out.writeUTF(id);
  }

  public static String readCorrection(DataInput in) throws IOException {
    int c = in.readUnsignedByte();
    if (c == 0) {
      return in.readUTF();
    }
    if (c > CORRECTIONS.length) {
      throw new IOException("unknown correction code " + c);
    }
    return CORRECTIONS[c - 1];
  }
}
