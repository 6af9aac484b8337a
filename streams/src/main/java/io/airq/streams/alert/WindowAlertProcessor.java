package io.airq.streams.alert;

import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The WHO alerts of one scope's windows ({@link AlertDecision}), decided only on complete windows:
 * a window is complete when the task's stream time (the newest measurement time it has read) has
 * reached its end. A window emitted while still open and above a level waits in the pending store
 * (its latest emission) until then; one that is complete when emitted (its last update, or late
 * data) is decided at once. What was last sent for a window (raised or cleared) is kept in a window
 * store, so an alert is raised once and a late reading that brings the window back under its
 * guideline level sends {@code cleared}. Work happens per window emission, never per reading.
 */
public final class WindowAlertProcessor implements Processor<String, WindowAverage, String, Alert> {
  private final String stateStore;
  private final String pendingStore;
  private final double gate;
  private final Duration interval;
  private ProcessorContext<String, Alert> context;
  private WindowStore<String, Long> sent;
  private KeyValueStore<String, WindowAverage> pending;

  /**
   * @param interval how often (wall-clock) the pending windows are checked for completeness
   */
  public WindowAlertProcessor(
      String stateStore, String pendingStore, double gate, Duration interval) {
    this.stateStore = stateStore;
    this.pendingStore = pendingStore;
    this.gate = gate;
    this.interval = interval;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.sent = context.getStateStore(stateStore);
    this.pending = context.getStateStore(pendingStore);
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, wall -> decidePending());
  }

  @Override
  public void process(Record<String, WindowAverage> record) {
    WindowAverage a = record.value();
    if (!AlertDecision.watched(a)) {
      return;
    }
    String id = id(a);
    if (a.end().toEpochMilli() <= context.currentStreamTimeMs()) {
      if (pending.get(id) != null) {
        pending.delete(id);
      }
      decide(record.key(), a);
    } else if (WhoLevels.exceeded(a.quantity(), a.window(), a.mean()) != null) {
      pending.put(id, a);
    } else if (pending.get(id) != null) {
      pending.delete(id); // an earlier emission was above a level, this one is not
    }
  }

  private void decidePending() {
    long now = context.currentStreamTimeMs();
    List<KeyValue<String, WindowAverage>> complete = new ArrayList<>();
    try (KeyValueIterator<String, WindowAverage> it = pending.all()) {
      while (it.hasNext()) {
        KeyValue<String, WindowAverage> kv = it.next();
        if (kv.value.end().toEpochMilli() <= now) {
          complete.add(kv);
        }
      }
    }
    for (KeyValue<String, WindowAverage> kv : complete) {
      pending.delete(kv.key);
      decide(kv.value.key(), kv.value);
    }
  }

  private void decide(String key, WindowAverage a) {
    String subject = subject(a);
    long start = a.start().toEpochMilli();
    Long previous = sent.fetch(subject, start);
    Alert alert = AlertDecision.of(a, previous == null ? AlertDecision.NONE : previous, gate);
    if (alert == null) {
      return;
    }
    sent.put(
        subject,
        Alert.RAISED.equals(alert.status()) ? AlertDecision.RAISED : AlertDecision.CLEARED,
        start);
    context.forward(new Record<>(key, alert, a.end().toEpochMilli()));
  }

  private static String subject(WindowAverage a) {
    return a.scope() + "/" + a.key() + "/" + a.window().id() + "/" + a.quantity().id();
  }

  private static String id(WindowAverage a) {
    return subject(a) + "@" + a.start().toEpochMilli();
  }
}
