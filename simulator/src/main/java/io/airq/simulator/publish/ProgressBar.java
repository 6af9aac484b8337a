package io.airq.simulator.publish;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A one-line progress bar on stderr: simulated time, messages sent, rate. */
public final class ProgressBar {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final PrintStream out;
  private final boolean enabled;
  private final long total;
  private final ZoneId zone;
  private final long started = System.nanoTime();
  private long lastDraw;

  public ProgressBar(boolean enabled, long total, ZoneId zone) {
    this.out = System.err;
    this.enabled = enabled;
    this.total = Math.max(1, total);
    this.zone = zone;
  }

  /** No bar: for a run that draws none. */
  public static ProgressBar none() {
    return new ProgressBar(false, 1, ZoneOffset.UTC);
  }

  public void update(Instant simTime, long sent) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 250_000_000L) {
      return;
    }
    lastDraw = now;
    draw(simTime, sent, now);
  }

  public void finish(Instant simTime, long sent) {
    if (enabled) {
      draw(simTime, sent, System.nanoTime());
      out.println();
    }
  }

  private void draw(Instant simTime, long sent, long now) {
    int width = 30;
    int filled = (int) Math.min(width, sent * width / total);
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    out.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %3d%%  %s  %,d msgs  %,.0f msg/s ",
            "#".repeat(filled),
            ".".repeat(width - filled),
            sent * 100 / total,
            TIME.format(simTime.atZone(zone)),
            sent,
            sent / seconds));
    out.flush();
  }
}
