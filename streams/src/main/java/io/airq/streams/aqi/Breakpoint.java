package io.airq.streams.aqi;

/** One row of an index table: concentrations [cLow, cHigh] map linearly to index [iLow, iHigh]. */
public record Breakpoint(double cLow, double cHigh, int iLow, int iHigh) {
  public double interpolate(double c) {
    return (iHigh - iLow) / (cHigh - cLow) * (c - cLow) + iLow;
  }
}
