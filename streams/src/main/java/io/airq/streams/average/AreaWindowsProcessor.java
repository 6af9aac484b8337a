package io.airq.streams.average;

import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Per area (the key, after the repartition): keeps every sensor's latest means of each hourly and
 * 24-hour window ({@link #SENSORS_STORE}, one entry per sensor) and the area's running aggregate of
 * that window ({@link #STORE}), and emits the area means of a window each time one of its sensors'
 * windows is emitted (one record with every quantity). An update replaces the sensor's earlier
 * means in the aggregate, so it reads and writes two small entries whatever the number of sensors
 * in the area; only when the sensor held the area's min or max and gave it up are the area's sensor
 * entries read again. The input is already collapsed (one record per sensor window and emission),
 * so this emits directly.
 */
public final class AreaWindowsProcessor
    implements Processor<String, AreaInput, String, WindowAverages> {
  public static final String STORE = "area-aggregates-store";
  public static final String SENSORS_STORE = "area-sensor-means-store";

  /** After every sensor id in a key range (the largest code point). */
  private static final String LAST = new String(Character.toChars(Character.MAX_CODE_POINT));

  private final double coverageGate;
  private ProcessorContext<String, WindowAverages> context;
  private WindowStore<String, AreaAggregate> aggregates;
  private WindowStore<String, AreaInput> sensors;

  public AreaWindowsProcessor(double coverageGate) {
    this.coverageGate = coverageGate;
  }

  @Override
  public void init(ProcessorContext<String, WindowAverages> context) {
    this.context = context;
    this.aggregates = context.getStateStore(STORE);
    this.sensors = context.getStateStore(SENSORS_STORE);
  }

  @Override
  public void process(Record<String, AreaInput> record) {
    String area = record.key();
    AreaInput in = record.value();
    long start = in.start();
    String key = area + "|" + in.window().id();
    String sensorsPrefix = key + "|";
    String sensorKey = sensorsPrefix + in.sensor();
    AreaInput old = sensors.fetch(sensorKey, start);
    sensors.put(sensorKey, in, start);
    AreaAggregate agg = aggregates.fetch(key, start);
    AreaAggregate next =
        agg == null
            ? rebuild(sensorsPrefix, start)
            : agg.replace(old, in, coverageGate).orElseGet(() -> rebuild(sensorsPrefix, start));
    aggregates.put(key, next, start);
    List<WindowAverage> means =
        Averages.ofArea(area, in.window(), Instant.ofEpochMilli(start), next);
    if (!means.isEmpty()) {
      context.forward(new Record<>(area, WindowAverages.of(means), record.timestamp()));
    }
  }

  /** The aggregate from every sensor entry of the area window (the new input included). */
  private AreaAggregate rebuild(String sensorsPrefix, long start) {
    List<AreaInput> all = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, AreaInput> it =
        sensors.fetch(sensorsPrefix, sensorsPrefix + LAST, start, start)) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, AreaInput> kv = it.next();
        if (kv.key.key().startsWith(sensorsPrefix) && kv.key.window().start() == start) {
          all.add(kv.value);
        }
      }
    }
    return AreaAggregate.of(all, coverageGate);
  }
}
