package io.airq.streams;

import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Holds the readings of unknown sensors (besides sending them to the quarantine topic) and feeds
 * them back into the pipeline once their sensor is registered: each exactly once (the release and
 * the removal from {@link #STORE} commit together under exactly-once processing), with its
 * measurement time as record time, into QA and correction like any reading. A reading held longer
 * than the horizon (wall-clock, from when the job quarantined it) is dropped from the hold and
 * stays only in the quarantine topic.
 */
final class QuarantineRelease implements Processor<String, Enriched, String, Enriched> {
  static final String STORE = "quarantine-hold-store";

  /** How often the held sensors are looked up in the registry (wall-clock). */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

  private static final char SEP = '\u0000';

  private final String sensorsStore;
  private final Duration horizon;
  private final Duration expiryInterval;
  private ProcessorContext<String, Enriched> context;
  private KeyValueStore<String, Reading> held;
  private KeyValueStore<String, Object> sensors;
  private final Set<String> heldSensors = new HashSet<>();
  private long lastExpiry;

  QuarantineRelease(String sensorsStore, Duration horizon) {
    this.sensorsStore = sensorsStore;
    this.horizon = horizon;
    this.expiryInterval =
        horizon.compareTo(Duration.ofHours(1)) < 0 ? horizon : Duration.ofHours(1);
  }

  /**
   * Adds the hold store and the release step after {@code unknown} (the readings of sensors not in
   * the registry).
   *
   * @return the released readings, joined with their (now registered) sensor
   */
  static KStream<String, Enriched> addTo(
      StreamsBuilder b,
      KStream<String, Enriched> unknown,
      String sensorsStore,
      Serde<Reading> readings,
      Duration horizon) {
    b.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), readings));
    return unknown.process(
        () -> new QuarantineRelease(sensorsStore, horizon), Named.as("quarantine-hold"), STORE);
  }

  @Override
  public void init(ProcessorContext<String, Enriched> context) {
    this.context = context;
    this.held = context.getStateStore(STORE);
    this.sensors = context.getStateStore(sensorsStore);
    this.lastExpiry = context.currentSystemTimeMs();
    try (KeyValueIterator<String, Reading> it = held.all()) {
      it.forEachRemaining(kv -> heldSensors.add(sensorOf(kv.key)));
    }
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::release);
  }

  @Override
  public void process(Record<String, Enriched> record) {
    String sensor = record.value().reading().sensorId();
    held.put(
        key(sensor, context.currentSystemTimeMs(), record.timestamp()), record.value().reading());
    heldSensors.add(sensor);
  }

  private void release(long now) {
    long oldest = now - horizon.toMillis();
    for (String id : List.copyOf(heldSensors)) {
      Object v = sensors.get(id);
      v = v instanceof ValueAndTimestamp<?> vt ? vt.value() : v;
      if (v instanceof Sensor s) {
        List<KeyValue<String, Reading>> entries = new ArrayList<>();
        try (KeyValueIterator<String, Reading> it =
            held.prefixScan(id + SEP, Serdes.String().serializer())) {
          it.forEachRemaining(entries::add);
        }
        for (KeyValue<String, Reading> kv : entries) {
          if (heldAt(kv.key) >= oldest) {
            context.forward(new Record<>(id, new Enriched(kv.value, s), recordTime(kv.key)));
          }
          held.delete(kv.key);
        }
        heldSensors.remove(id);
      }
    }
    if (now - lastExpiry >= expiryInterval.toMillis()) {
      expire(oldest);
      lastExpiry = now;
    }
  }

  private void expire(long oldest) {
    List<String> gone = new ArrayList<>();
    heldSensors.clear();
    try (KeyValueIterator<String, Reading> it = held.all()) {
      it.forEachRemaining(
          kv -> {
            if (heldAt(kv.key) < oldest) {
              gone.add(kv.key);
            } else {
              heldSensors.add(sensorOf(kv.key));
            }
          });
    }
    gone.forEach(held::delete);
  }

  static String key(String sensor, long heldAt, long recordTime) {
    return sensor + SEP + String.format("%019d", heldAt) + SEP + String.format("%019d", recordTime);
  }

  private static String sensorOf(String key) {
    return key.substring(0, key.indexOf(SEP));
  }

  private static long heldAt(String key) {
    int a = key.indexOf(SEP) + 1;
    return Long.parseLong(key.substring(a, a + 19));
  }

  private static long recordTime(String key) {
    return Long.parseLong(key.substring(key.length() - 19));
  }
}
