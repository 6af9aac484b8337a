package io.airq.planner.impact;

/** What a report may honestly say about a change. */
public enum Outcome {
  CLEAR_DECREASE,
  CLEAR_INCREASE,
  /** The 95 % confidence interval includes zero change. */
  NO_CLEAR_CHANGE,
  /** A phase is empty, below the coverage gate, or has too few days to estimate the variability. */
  INSUFFICIENT_DATA
}
