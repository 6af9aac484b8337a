package io.airq.simulator.generate;

/**
 * Whether the payloads of formats whose firmware sends no time (AirGradient, the airrohr /
 * sensors.AFRICA push) carry the simulated device time (docs/simulator.md, "Device times").
 */
public enum DeviceTimes {
  /** {@link #FIRMWARE} when the run is paced in real time (speed 1), else {@link #ALWAYS}. */
  AUTO,
  /** As the firmware: no time; the bridge stamps the receive time. */
  FIRMWARE,
  /** Every payload carries the device time (an extra {@code timestamp} field where needed). */
  ALWAYS;

  /** The mode a run at {@code speed} uses. */
  public DeviceTimes resolve(double speed) {
    if (this != AUTO) {
      return this;
    }
    return speed == 1 ? FIRMWARE : ALWAYS;
  }

  /** Whether a payload of {@code format} carries its device time in this (resolved) mode. */
  public boolean timed(String format) {
    boolean timeless = format.equals("airgradient") || format.equals("sensor-community");
    return !(timeless && this == FIRMWARE);
  }
}
