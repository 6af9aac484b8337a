package io.airq.simulator.scenario;

/**
 * How many of each fault to inject. Every count is exact (given enough readings) and reported in
 * the ground truth.
 *
 * @param gatewayOutages gateways that go offline for {@code outageHours} and then send their
 *     buffered readings as one airq JSON array
 * @param outageHours length of an outage
 * @param stuck episodes where a sensor repeats its PM2.5 value for {@code stuckLength} readings
 * @param stuckLength readings per stuck episode (the first one is the genuine value)
 * @param spikes single readings whose PM2.5 is multiplied by {@code spikeFactor}
 * @param spikeFactor spike multiplier
 * @param duplicates messages sent twice
 * @param outOfOrder messages delayed until after the same sensor's next message
 * @param clockSkew readings whose device time is off by {@code clockSkewMinutes}
 * @param clockSkewMinutes the skew, positive = in the future
 * @param malformed extra messages with a truncated payload
 * @param unknownSensors extra valid airq JSON messages from sensor ids that are not registered
 */
public record FaultSpec(
    int gatewayOutages,
    int outageHours,
    int stuck,
    int stuckLength,
    int spikes,
    double spikeFactor,
    int duplicates,
    int outOfOrder,
    int clockSkew,
    int clockSkewMinutes,
    int malformed,
    int unknownSensors) {
  public static final FaultSpec NONE = new FaultSpec(0, 6, 0, 12, 0, 10, 0, 0, 0, 90, 0, 0);

  public FaultSpec {
    outageHours = outageHours <= 0 ? 6 : outageHours;
    stuckLength = stuckLength <= 1 ? 12 : stuckLength;
    spikeFactor = spikeFactor <= 1 ? 10 : spikeFactor;
    clockSkewMinutes = clockSkewMinutes == 0 ? 90 : clockSkewMinutes;
  }
}
