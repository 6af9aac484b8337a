package io.airq.simulator.replay;

import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.Pacer;
import io.airq.simulator.publish.ProgressBar;
import io.airq.simulator.publish.PublishLoop;
import io.airq.simulator.publish.Registrar;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays real archives over MQTT with their original times: plans the replay ({@link ReplayPlan}),
 * registers its sensors when Kafka is given, and publishes every message, paced by the archive's
 * time.
 */
public final class Replayer {
  private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

  private Replayer() {}

  /**
   * What a replay published.
   *
   * @param rows data rows read
   * @param readings messages to publish (one reading each)
   * @param joined humidity-sensor readings joined into a PM reading
   * @param unpairedDropped humidity-sensor readings of a paired sensor that joined nothing
   * @param badRows rows that did not parse
   * @param missingSkipped hourly rows without an NO2 value ({@code NA}), not sent
   * @param published messages the broker acknowledged
   */
  public record ReplayReport(
      long rows,
      long readings,
      long joined,
      long unpairedDropped,
      long badRows,
      long missingSkipped,
      long published) {}

  /**
   * Plans the replay, registers its sensors when Kafka is given, and publishes.
   *
   * @throws IllegalArgumentException for a format that cannot carry a quantity, or an hourly file
   *     without a site
   */
  public static ReplayReport run(ReplayOptions o) throws InterruptedException {
    SiteList sites = o.sites() == null ? SiteList.none() : SiteList.read(o.sites());
    ReplayPlan plan = ReplayPlan.of(o.inputs(), o.format(), o.county(), o.interval(), sites);
    LOG.info(
        "{}: {} rows, {} readings ({} joined with humidity, {} unpaired humidity readings dropped,"
            + " {} bad rows, {} rows without NO2)",
        o.inputs(),
        plan.rows(),
        plan.messages().size(),
        plan.joined(),
        plan.unpairedDropped(),
        plan.badRows(),
        plan.missingSkipped());
    if (o.kafka().enabled()) {
      Registrar.register(o.kafka(), plan.sensors(), List.of());
    }
    if (plan.messages().isEmpty()) {
      return report(plan, 0);
    }
    try (MqttPublisher publisher = o.mqtt().connect("airq-replay")) {
      PublishLoop.Outcome out =
          PublishLoop.run(
              publisher,
              PublishLoop.of(plan.messages()),
              new Pacer(plan.messages().get(0).publishAt(), o.speed(), o.rateCap()),
              new ProgressBar(o.progress(), plan.messages().size(), ZoneOffset.UTC));
      LOG.info("replayed {} messages, {} acknowledged", out.sent(), out.acknowledged());
      return report(plan, out.acknowledged());
    }
  }

  private static ReplayReport report(ReplayPlan plan, long published) {
    return new ReplayReport(
        plan.rows(),
        plan.messages().size(),
        plan.joined(),
        plan.unpairedDropped(),
        plan.badRows(),
        plan.missingSkipped(),
        published);
  }
}
