package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.closure.Closure;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.json.JsonSerde;
import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.streams.average.AreaAggregate;
import io.airq.streams.average.Averages;
import io.airq.streams.average.SensorWindowAggregate;
import io.airq.streams.closure.ClosureImpactProcessor;
import io.airq.streams.closure.ClosureTaggingProcessor;
import io.airq.streams.closure.ClosureTaggingProcessor.HourlyMean;
import io.airq.streams.closure.Contribution;
import io.airq.streams.quality.SensorHistory;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The airq topology: readings -> dedup -> registry join (unknown -> quarantine) -> QA + correction
 * -> clean readings (late ones also to the late topic) -> 1m / 1h / 24h-rolling sensor averages (+
 * AQI) -> area averages, alerts, and the live closure-impact aggregates. Every operator and store
 * is named.
 */
public final class AirqTopology {
  public static final String SENSORS_STORE = "sensors-store";
  public static final String CLOSURES_STORE = "closures-store";

  private static final Serde<Cleaned> CLEANED = JsonSerde.of(Cleaned.class);
  private static final Serde<SensorWindowAggregate> SENSOR_AGG =
      JsonSerde.of(SensorWindowAggregate.class);
  private static final Serde<AreaAggregate> AREA_AGG = JsonSerde.of(AreaAggregate.class);
  private static final Serde<Contribution> CONTRIBUTION = JsonSerde.of(Contribution.class);
  private static final Serde<PhaseAggregate> PHASE_AGG = JsonSerde.of(PhaseAggregate.class);

  private AirqTopology() {}

  public static Topology build(StreamsSettings settings) {
    String p = settings.topicPrefix();
    StreamsBuilder b = new StreamsBuilder();

    Topic<String, Sensor> sensorsTopic = Topics.SENSORS.prefixed(p);
    GlobalKTable<String, Sensor> sensors =
        b.globalTable(
            sensorsTopic.name(),
            Consumed.with(sensorsTopic.keySerde(), sensorsTopic.valueSerde())
                .withName("sensors-source"),
            Materialized.<String, Sensor, KeyValueStore<Bytes, byte[]>>as(SENSORS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(sensorsTopic.valueSerde()));
    Topic<String, Closure> closuresTopic = Topics.CLOSURES.prefixed(p);
    b.globalTable(
        closuresTopic.name(),
        Consumed.with(closuresTopic.keySerde(), closuresTopic.valueSerde())
            .withName("closures-source"),
        Materialized.<String, Closure, KeyValueStore<Bytes, byte[]>>as(CLOSURES_STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(closuresTopic.valueSerde()));

    b.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                DedupProcessor.STORE,
                settings.dedupHorizon(),
                java.time.Duration.ofMillis(1),
                false),
            Serdes.String(),
            Serdes.Long()));
    b.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CleaningProcessor.HISTORY_STORE),
            Serdes.String(),
            JsonSerde.of(SensorHistory.class)));

    Topic<String, Reading> readingsTopic = Topics.READINGS.prefixed(p);
    KStream<String, Reading> readings =
        b.stream(
            readingsTopic.name(),
            Consumed.with(readingsTopic.keySerde(), readingsTopic.valueSerde())
                .withName("readings-source"));

    KStream<String, Enriched> enriched =
        readings
            .processValues(DedupProcessor::new, Named.as("dedup"), DedupProcessor.STORE)
            .leftJoin(sensors, (k, r) -> r.sensorId(), Enriched::new, Named.as("enrich-sensor"));

    Map<String, KStream<String, Enriched>> split =
        enriched
            .split(Named.as("registry-"))
            .branch((k, e) -> e.sensor() == null, Branched.as("unknown"))
            .defaultBranch(Branched.as("known"));

    Topic<String, Reading> quarantine = Topics.QUARANTINE.prefixed(p);
    split
        .get("registry-unknown")
        .processValues(QuarantineProcessor::new, Named.as("quarantine-reason"))
        .to(
            quarantine.name(),
            Produced.with(quarantine.keySerde(), quarantine.valueSerde())
                .withName("quarantine-sink"));

    KStream<String, Cleaned> cleaned =
        split
            .get("registry-known")
            .processValues(
                () -> new CleaningProcessor(settings.qa(), settings.grace(AverageWindow.HOUR)),
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
        .mapValues(Cleaned::clean, Named.as("late-value"))
        .to(late.name(), Produced.with(late.keySerde(), late.valueSerde()).withName("late-sink"));

    KGroupedStream<String, Cleaned> bySensor =
        cleaned
            .filterNot((k, c) -> c.late(), Named.as("on-time-only"))
            .groupByKey(Grouped.with("by-sensor", Serdes.String(), CLEANED));

    List<KStream<String, WindowAverage>> averageStreams = new ArrayList<>();
    KStream<String, HourlyMean> hourlyMeans = null;
    for (AverageWindow w : AverageWindow.values()) {
      TimeWindows windows =
          TimeWindows.ofSizeAndGrace(w.size(), settings.grace(w)).advanceBy(w.advance());
      KTable<Windowed<String>, SensorWindowAggregate> table =
          bySensor
              .windowedBy(windows)
              .aggregate(
                  () -> SensorWindowAggregate.EMPTY,
                  (k, c, agg) -> agg.add(c.sensor(), c.clean()),
                  Named.as("average-" + w.id()),
                  Materialized.<String, SensorWindowAggregate, WindowStore<Bytes, byte[]>>as(
                          "average-" + w.id() + "-store")
                      .withKeySerde(Serdes.String())
                      .withValueSerde(SENSOR_AGG)
                      .withRetention(w.size().plus(settings.grace(w))));
      KStream<String, WindowAverage> sensorAverages =
          table
              .toStream(Named.as("average-" + w.id() + "-updates"))
              .filter((k, agg) -> agg != null && agg.sensor() != null)
              .flatMap(
                  (k, agg) ->
                      Averages.ofSensor(w, k.window().startTime(), agg).stream()
                          .map(a -> KeyValue.pair(k.key(), a))
                          .toList(),
                  Named.as("average-" + w.id() + "-per-quantity"));
      averageStreams.add(sensorAverages);
      if (w == AverageWindow.HOUR) {
        hourlyMeans =
            table
                .toStream(Named.as("hourly-for-closures"))
                .filter((k, agg) -> agg != null && agg.sensor() != null)
                .flatMap(
                    (k, agg) ->
                        Averages.ofSensor(w, k.window().startTime(), agg).stream()
                            .map(a -> KeyValue.pair(k.key(), new HourlyMean(agg.sensor(), a)))
                            .toList(),
                    Named.as("hourly-means"));
      }
      if (w != AverageWindow.MINUTE) {
        averageStreams.add(areaAverages(table, w, settings));
      }
    }

    KStream<String, WindowAverage> averages = averageStreams.get(0);
    for (int i = 1; i < averageStreams.size(); i++) {
      averages = averages.merge(averageStreams.get(i), Named.as("averages-merge-" + i));
    }
    var avgTopic = Topics.AVERAGES.prefixed(p);
    averages.to(
        avgTopic.name(),
        Produced.with(avgTopic.keySerde(), avgTopic.valueSerde()).withName("averages-sink"));

    var alerts = Topics.ALERTS.prefixed(p);
    averages
        .flatMapValues(a -> Alerts.of(a, settings).stream().toList(), Named.as("alerts"))
        .to(
            alerts.name(),
            Produced.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-sink"));

    closureImpact(b, hourlyMeans, settings);
    return b.build();
  }

  private static KStream<String, WindowAverage> areaAverages(
      KTable<Windowed<String>, SensorWindowAggregate> table,
      AverageWindow w,
      StreamsSettings settings) {
    return table
        .filter(
            (k, agg) -> agg.sensor() != null && !agg.sensor().area().isEmpty(),
            Named.as("area-" + w.id() + "-with-area"))
        .groupBy(
            (k, agg) ->
                KeyValue.pair(
                    agg.sensor().area() + "|" + k.window().start(),
                    new AreaInput(
                        agg.sensor().id(), Averages.ofSensor(w, k.window().startTime(), agg))),
            Grouped.with(
                "area-" + w.id() + "-regroup", Serdes.String(), JsonSerde.of(AreaInput.class)))
        .aggregate(
            () -> AreaAggregate.EMPTY,
            (k, in, agg) -> agg.put(in.sensor(), in.averages()),
            (k, in, agg) -> agg.remove(in.sensor()),
            Named.as("area-" + w.id() + "-aggregate"),
            Materialized.<String, AreaAggregate, KeyValueStore<Bytes, byte[]>>as(
                    "area-" + w.id() + "-store")
                .withKeySerde(Serdes.String())
                .withValueSerde(AREA_AGG))
        .toStream(Named.as("area-" + w.id() + "-updates"))
        .flatMap(
            (k, agg) -> {
              String area = k.substring(0, k.lastIndexOf('|'));
              List<KeyValue<String, WindowAverage>> out = new ArrayList<>();
              if (agg == null) {
                return out;
              }
              Map<io.airq.core.reading.Quantity, List<WindowAverage>> byQ =
                  new java.util.EnumMap<>(io.airq.core.reading.Quantity.class);
              agg.sensors().values().stream()
                  .flatMap(List::stream)
                  .forEach(a -> byQ.computeIfAbsent(a.quantity(), q -> new ArrayList<>()).add(a));
              for (List<WindowAverage> l : byQ.values()) {
                WindowAverage a = Averages.ofArea(area, l, settings.coverageGate());
                if (a != null) {
                  out.add(KeyValue.pair(area, a));
                }
              }
              return out;
            },
            Named.as("area-" + w.id() + "-per-quantity"));
  }

  /** One sensor's window averages on their way to the area aggregate. */
  public record AreaInput(String sensor, List<WindowAverage> averages) {}

  private static void closureImpact(
      StreamsBuilder b, KStream<String, HourlyMean> hourlyMeans, StreamsSettings settings) {
    b.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ClosureImpactProcessor.CONTRIBUTIONS_STORE),
            Serdes.String(),
            CONTRIBUTION));
    b.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ClosureImpactProcessor.AGGREGATES_STORE),
            Serdes.String(),
            PHASE_AGG));
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
