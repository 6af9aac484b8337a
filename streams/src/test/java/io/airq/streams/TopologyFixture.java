package io.airq.streams;

import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.closure.Closure;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The topology in a TopologyTestDriver, with its input and output topics. */
final class TopologyFixture implements AutoCloseable {
  final TopologyTestDriver driver;
  final TestInputTopic<String, Reading> readings;
  final TestInputTopic<String, Sensor> sensors;
  final TestInputTopic<String, Closure> closures;
  final TestOutputTopic<String, CleanReading> clean;
  final TestOutputTopic<String, Reading> quarantine;
  final TestOutputTopic<String, CleanReading> late;

  /** The averages topic as written: one record per window with every quantity. */
  final TestOutputTopic<String, WindowAverages> windows;

  /** The same records, one {@link WindowAverage} per quantity. */
  final Averages averages;

  final TestOutputTopic<String, Alert> alerts;
  final TestOutputTopic<String, PhaseAggregate> impact;

  final java.time.Duration emitInterval;

  /** Where the topology counts the readings it sets apart. */
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  TopologyFixture(StreamsSettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "airq-streams-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG, "target/kafka-streams-test/" + java.util.UUID.randomUUID());
    // the wall clock starts before every event time of the tests, so an hour is over only when the
    // stream time passes it (the wall clock completes hours that no reading completes)
    driver =
        new TopologyTestDriver(
            AirqTopology.build(settings, new StreamsMeters(registry)), props, Instant.EPOCH);
    emitInterval = settings.emitInterval();
    String p = settings.topicPrefix();
    readings = input(Topics.READINGS.prefixed(p));
    sensors = input(Topics.SENSORS.prefixed(p));
    closures = input(Topics.CLOSURES.prefixed(p));
    clean = output(Topics.CLEAN_READINGS.prefixed(p));
    quarantine = output(Topics.QUARANTINE.prefixed(p));
    late = output(Topics.LATE_READINGS.prefixed(p));
    windows = output(Topics.AVERAGES.prefixed(p));
    averages = new Averages(windows);
    alerts = output(Topics.ALERTS.prefixed(p));
    impact = output(Topics.CLOSURE_IMPACT.prefixed(p));
  }

  /**
   * Sends a reading and lets the wall clock pass two emission intervals, so that every window it
   * updated is emitted before the next one (like the record cache off in the old topology): the
   * first emits the sensor's windows, the second the area windows they updated.
   */
  void send(Reading r) {
    readings.pipeInput(r.sensorId(), r, r.time());
    emit();
  }

  /** Lets the wall clock pass two emission intervals (see {@link #send}). */
  void emit() {
    driver.advanceWallClockTime(emitInterval);
    driver.advanceWallClockTime(emitInterval);
  }

  /** How many readings the topology set apart with this outcome. */
  double setApart(String outcome) {
    return registry.get(StreamsMeters.READINGS).tag("outcome", outcome).counter().count();
  }

  void register(Sensor s) {
    sensors.pipeInput(s.id(), s);
  }

  private <K, V> TestInputTopic<K, V> input(Topic<K, V> t) {
    return driver.createInputTopic(
        t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
  }

  private <K, V> TestOutputTopic<K, V> output(Topic<K, V> t) {
    return driver.createOutputTopic(
        t.name(), t.keySerde().deserializer(), t.valueSerde().deserializer());
  }

  /** Reads the averages topic one quantity at a time. */
  static final class Averages {
    private final TestOutputTopic<String, WindowAverages> windows;

    private Averages(TestOutputTopic<String, WindowAverages> windows) {
      this.windows = windows;
    }

    List<WindowAverage> readValuesToList() {
      List<WindowAverage> out = new ArrayList<>();
      for (WindowAverages w : windows.readValuesToList()) {
        out.addAll(w.averages());
      }
      return out;
    }

    boolean isEmpty() {
      return windows.isEmpty();
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
