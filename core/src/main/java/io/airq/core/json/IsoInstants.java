package io.airq.core.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * {@link DateTimeFormatter#ISO_INSTANT} for the instants airq writes, without the formatter's
 * machinery (the busiest part of writing and reading the topic JSON): {@link #format} gives exactly
 * {@code ISO_INSTANT.format(t)}, {@link #parse} exactly {@code Instant.parse(s)}. Instants from
 * 1970 to 9999 and strings of the form {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} take the fast path;
 * everything else goes to the JDK. {@code IsoInstantsTest} compares both with the JDK.
 */
public final class IsoInstants {
  private IsoInstants() {}

  /** 10000-01-01T00:00:00Z: from there on ISO_INSTANT writes a sign and more digits. */
  private static final long MAX_FAST_SECOND = 253_402_300_800L;

  private static final long SECONDS_PER_DAY = 86_400L;

  public static String format(Instant t) {
    long sec = t.getEpochSecond();
    if (sec < 0 || sec >= MAX_FAST_SECOND) {
      return DateTimeFormatter.ISO_INSTANT.format(t);
    }
    int nano = t.getNano();
    long days = sec / SECONDS_PER_DAY;
    int secOfDay = (int) (sec % SECONDS_PER_DAY);
    // days to civil date (H. Hinnant's algorithm), days >= 0 here
    long z = days + 719_468;
    long era = z / 146_097;
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
    byte[] b = new byte[20 + (fraction == 0 ? 0 : fraction + 1)];
    digits(b, 0, year, 4);
    b[4] = '-';
    digits(b, 5, month, 2);
    b[7] = '-';
    digits(b, 8, day, 2);
    b[10] = 'T';
    digits(b, 11, secOfDay / 3600, 2);
    b[13] = ':';
    digits(b, 14, secOfDay / 60 % 60, 2);
    b[16] = ':';
    digits(b, 17, secOfDay % 60, 2);
    int i = 19;
    if (fraction > 0) {
      b[i++] = '.';
      int f = fraction == 3 ? nano / 1_000_000 : fraction == 6 ? nano / 1000 : nano;
      digits(b, i, f, fraction);
      i += fraction;
    }
    b[i] = 'Z';
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static void digits(byte[] b, int at, int v, int n) {
    for (int i = at + n - 1; i >= at; i--) {
      b[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
  }

  /** {@code Instant.parse(s)}, with its exceptions. */
  public static Instant parse(String s) {
    Instant t = utc(s);
    return t != null ? t : Instant.parse(s);
  }

  /**
   * The common form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} read by hand, or null when the text is
   * anything else (then the JDK's parsers decide and word any refusal).
   */
  public static Instant utc(String s) {
    int n = s.length();
    if (n < 20
        || n == 21
        || n > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = num(s, 0, 4);
    int month = num(s, 5, 2);
    int day = num(s, 8, 2);
    int hour = num(s, 11, 2);
    int minute = num(s, 14, 2);
    int second = num(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > lengthOfMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nano = 0;
    if (n > 20) {
      if (s.charAt(19) != '.') {
        return null;
      }
      int digits = n - 21;
      int f = num(s, 20, digits);
      if (f < 0) {
        return null;
      }
      for (int i = digits; i < 9; i++) {
        f *= 10;
      }
      nano = f;
    }
    // civil date to days (H. Hinnant's algorithm)
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146_097 + doe - 719_468;
    return Instant.ofEpochSecond(
        days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
  }

  /** The decimal number of n ASCII digits at {@code at}, or -1. */
  private static int num(String s, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }
}
