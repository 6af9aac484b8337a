package io.airq.app;

import io.airq.simulator.truth.GroundTruth;
import io.airq.simulator.truth.QuantityTruth;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What {@code ./airq demo} prints at the end: the closure's PM10 impact report as {@code airq
 * impact --quantity pm10 --weather true --format text} prints it (airq-impact-1, and the
 * weather-adjusted airq-impact-2 lines), then the simulation's truth beside it. PM10, because airq
 * reports it as measured, whose errors keep relative changes; its PM2.5 goes through the US EPA
 * fit, which does not (docs/simulator.md, "The built-in confounded-closure").
 */
public final class DemoReport {
  private DemoReport() {}

  /** Prints the report and the truth; returns the impact command's exit status. */
  public static int print(String plannerUrl, GroundTruth truth, PrintWriter out) {
    int rc =
        AirqMain.commandLine()
            .setOut(out)
            .execute(
                "impact",
                "--api",
                plannerUrl,
                "--closure",
                truth.closureId(),
                "--quantity",
                "pm10",
                "--weather",
                "true",
                "--format",
                "text");
    out.println();
    out.println(truthLine(truth));
    out.flush();
    return rc;
  }

  /**
   * The true changes, and the closure's own effect (what the weather-adjusted result should find;
   * the plain change also holds the weather).
   */
  static String truthLine(GroundTruth truth) {
    QuantityTruth treated = truth.groups().get("treated").get("pm10");
    String own =
        treated.closureEffectPercent() == null
            ? ""
            : String.format(
                Locale.ROOT,
                " The closure's own effect, the weather held as it was: %.1f %%.",
                treated.closureEffectPercent());
    return String.format(
        Locale.ROOT,
        "Ground truth of the simulation: treated PM10 changed %.1f %% (true concentration),"
            + " control %.1f %%.%s",
        treated.truth().changePercent(),
        truth.groups().get("control").get("pm10").truth().changePercent(),
        own);
  }
}
