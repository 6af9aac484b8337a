package io.airq.streams;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverages;
import io.airq.core.closure.Closure;
import io.airq.core.json.JsonSerde;
import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.streams.alert.WindowAlertProcessor;
import io.airq.streams.average.AreaExpectation;
import io.airq.streams.average.AreaInput;
import io.airq.streams.average.AreaWindowsProcessor;
import io.airq.streams.average.SensorWindow;
import io.airq.streams.average.SensorWindowsProcessor;
import io.airq.streams.closure.ClosureImpactProcessor;
import io.airq.streams.closure.ClosureTaggingProcessor;
import io.airq.streams.closure.ClosureTaggingProcessor.HourlyMean;
import io.airq.streams.closure.Contribution;
import io.airq.streams.state.MemoizedSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The airq topology: readings -> dedup -> registry join (unknown -> quarantine, and held until the
 * sensor is registered: {@link QuarantineRelease}) -> QA + correction -> clean readings (late ones
 * also to the late topic) -> 1m / 1h / 24h-rolling / calendar-day sensor averages (+ AQI) -> area
 * averages, alerts, and the live closure-impact aggregates. Every operator and store is named.
 */
public final class AirqTopology {
  public static final String SENSORS_STORE = "sensors-store";
  public static final String CLOSURES_STORE = "closures-store";

  static final Serde<Contribution> CONTRIBUTION = JsonSerde.of(Contribution.class);

  private AirqTopology() {}

  public static Topology build(StreamsSettings settings) {
    return build(settings, StreamsMeters.NONE);
  }

  /** The topology, counting the readings it sets apart in {@code meters}. */
  public static Topology build(StreamsSettings settings, StreamsMeters meters) {
    String p = settings.topicPrefix();
    StreamsBuilder b = new StreamsBuilder();

    Topic<String, Sensor> sensorsTopic = Topics.SENSORS.prefixed(p);
    Serde<Sensor> sensorValues = new MemoizedSerde<>(sensorsTopic.valueSerde(), 100_000);
    GlobalKTable<String, Sensor> sensors =
        b.globalTable(
            sensorsTopic.name(),
            Consumed.with(sensorsTopic.keySerde(), sensorValues).withName("sensors-source"),
            Materialized.<String, Sensor, KeyValueStore<Bytes, byte[]>>as(SENSORS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(sensorValues));
    Topic<String, Closure> closuresTopic = Topics.CLOSURES.prefixed(p);
    Serde<Closure> closureValues = new MemoizedSerde<>(closuresTopic.valueSerde(), 10_000);
    b.globalTable(
        closuresTopic.name(),
        Consumed.with(closuresTopic.keySerde(), closureValues).withName("closures-source"),
        Materialized.<String, Closure, KeyValueStore<Bytes, byte[]>>as(CLOSURES_STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(closureValues));

    TopologyStores.add(b, settings);

    Topic<String, Reading> readingsTopic = Topics.READINGS.prefixed(p);
    KStream<String, Reading> readings =
        b.stream(
            readingsTopic.name(),
            Consumed.with(readingsTopic.keySerde(), readingsTopic.valueSerde())
                .withName("readings-source"));

    KStream<String, Enriched> enriched =
        readings
            .processValues(
                () -> new DedupProcessor(settings.digestHorizon()),
                Named.as("dedup"),
                DedupProcessor.STORE,
                DedupProcessor.DIGEST_STORE)
            .leftJoin(sensors, (k, r) -> r.sensorId(), Enriched::new, Named.as("enrich-sensor"));

    Map<String, KStream<String, Enriched>> split =
        enriched
            .split(Named.as("registry-"))
            .branch((k, e) -> e.sensor() == null, Branched.as("unknown"))
            .defaultBranch(Branched.as("known"));

    Topic<String, Reading> quarantine = Topics.QUARANTINE.prefixed(p);
    split
        .get("registry-unknown")
        .processValues(() -> new QuarantineProcessor(meters), Named.as("quarantine-reason"))
        .to(
            quarantine.name(),
            Produced.with(quarantine.keySerde(), quarantine.valueSerde())
                .withName("quarantine-sink"));

    KStream<String, Enriched> released =
        QuarantineRelease.addTo(
            b,
            split.get("registry-unknown"),
            SENSORS_STORE,
            readingsTopic.valueSerde(),
            settings.quarantineHorizon());
    KStream<String, Cleaned> cleaned =
        split
            .get("registry-known")
            .merge(released, Named.as("with-released"))
            .processValues(
                () -> new CleaningProcessor(settings.qa(), settings.grace()),
                Named.as("qa-and-correct"),
                CleaningProcessor.HISTORY_STORE);

    var clean = Topics.CLEAN_READINGS.prefixed(p);
    cleaned
        .mapValues(Cleaned::clean, Named.as("clean-value"))
        .to(
            clean.name(),
            Produced.with(clean.keySerde(), clean.valueSerde()).withName("clean-sink"));
    var late = Topics.LATE_READINGS.prefixed(p);
    cleaned
        .filter((k, c) -> c.late(), Named.as("late-only"))
        .mapValues(
            c -> {
              meters.late();
              return c.clean();
            },
            Named.as("late-value"))
        .to(late.name(), Produced.with(late.keySerde(), late.valueSerde()).withName("late-sink"));

    KStream<String, SensorWindow> sensorWindows =
        cleaned
            .filterNot((k, c) -> c.late(), Named.as("on-time-only"))
            .mapValues(
                c -> new SensorWindowsProcessor.Input(c.clean(), c.sensor(), c.sensorTime()),
                Named.as("window-input"))
            .process(
                () ->
                    new SensorWindowsProcessor(
                        SENSORS_STORE,
                        settings.grace(),
                        settings.emitInterval(),
                        settings.coverageGate(),
                        settings.dayZone()),
                Named.as("sensor-windows"),
                SensorWindowsProcessor.MINUTE_STORE,
                SensorWindowsProcessor.HOUR_STORE);

    var avgTopic = Topics.AVERAGES.prefixed(p);
    var alertsTopic = Topics.ALERTS.prefixed(p);
    KStream<String, WindowAverages> sensorAverages =
        sensorWindows.mapValues(w -> WindowAverages.of(w.averages()), Named.as("sensor-averages"));
    sensorAverages.to(
        avgTopic.name(),
        Produced.with(avgTopic.keySerde(), avgTopic.valueSerde()).withName("averages-sink"));
    alertsOnce(sensorAverages, "sensor", settings)
        .to(
            alertsTopic.name(),
            Produced.with(alertsTopic.keySerde(), alertsTopic.valueSerde())
                .withName("alerts-sink"));

    KStream<String, WindowAverages> areaAverages =
        sensorWindows
            // every emitted sensor window, minutes too (one record per sensor-minute)
            .filter(
                (k, w) -> AreaExpectation.entersAreaMeans(w.sensor()), Named.as("area-with-area"))
            .map((k, w) -> KeyValue.pair(w.sensor().area(), w.areaInput()), Named.as("area-key"))
            .repartition(
                Repartitioned.<String, AreaInput>as("area-windows")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(AreaInput.SERDE))
            .process(
                () ->
                    new AreaWindowsProcessor(
                        settings.coverageGate(),
                        settings.emitInterval(),
                        SENSORS_STORE,
                        settings.dayZone()),
                Named.as("area-windows"),
                AreaWindowsProcessor.STORE,
                AreaWindowsProcessor.SENSORS_STORE,
                AreaWindowsProcessor.PENDING_STORE,
                AreaWindowsProcessor.MINUTE_STORE,
                AreaWindowsProcessor.MINUTE_SENSORS_STORE);
    areaAverages.to(
        avgTopic.name(),
        Produced.with(avgTopic.keySerde(), avgTopic.valueSerde()).withName("area-averages-sink"));
    alertsOnce(areaAverages, "area", settings)
        .to(
            alertsTopic.name(),
            Produced.with(alertsTopic.keySerde(), alertsTopic.valueSerde())
                .withName("area-alerts-sink"));

    KStream<String, HourlyMean> hourlyMeans =
        sensorWindows
            .filter((k, w) -> w.window() == AverageWindow.HOUR, Named.as("hourly-only"))
            .flatMapValues(
                w -> w.averages().stream().map(a -> new HourlyMean(w.sensor(), a)).toList(),
                Named.as("hourly-means"));
    closureImpact(b, hourlyMeans, settings);
    return b.build();
  }

  /**
   * The WHO alerts of complete 24-hour (rolling and calendar-day) and (NO2) hourly means, raised
   * once per window and cleared by late data (docs/quality.md, "Alerts").
   */
  private static KStream<String, Alert> alertsOnce(
      KStream<String, WindowAverages> averages, String scope, StreamsSettings settings) {
    return averages
        .filter((k, a) -> a.window() != AverageWindow.MINUTE, Named.as(scope + "-alert-candidates"))
        .flatMapValues(WindowAverages::averages, Named.as(scope + "-alert-quantities"))
        .process(
            () ->
                new WindowAlertProcessor(
                    TopologyStores.alertState(scope),
                    TopologyStores.alertPending(scope),
                    settings.coverageGate(),
                    settings.emitInterval()),
            Named.as(scope + "-alerts"),
            TopologyStores.alertState(scope),
            TopologyStores.alertPending(scope));
  }

  private static void closureImpact(
      StreamsBuilder b, KStream<String, HourlyMean> hourlyMeans, StreamsSettings settings) {
    var impact = Topics.CLOSURE_IMPACT.prefixed(settings.topicPrefix());
    hourlyMeans
        .process(
            () -> new ClosureTaggingProcessor(CLOSURES_STORE, settings.coverageGate()),
            Named.as("closure-tagging"))
        .repartition(
            Repartitioned.<String, Contribution>as("closure-contributions")
                .withKeySerde(Serdes.String())
                .withValueSerde(CONTRIBUTION))
        .process(
            ClosureImpactProcessor::new,
            Named.as("closure-impact"),
            ClosureImpactProcessor.CONTRIBUTIONS_STORE,
            ClosureImpactProcessor.AGGREGATES_STORE)
        .to(
            impact.name(),
            Produced.with(impact.keySerde(), impact.valueSerde()).withName("closure-impact-sink"));
  }
}
