package io.airq.streams;

import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverage;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Raises an alert the first time a window's mean is valid and above its threshold, once per (scope,
 * key, window, quantity, window start); later updates of that window raise nothing, even when they
 * cross again. What fired is kept in a window store (retention: window size + grace).
 */
final class AlertOnceProcessor implements FixedKeyProcessor<String, WindowAverage, Alert> {
  private final String storeName;
  private final StreamsSettings settings;
  private FixedKeyProcessorContext<String, Alert> context;
  private WindowStore<String, Long> fired;

  AlertOnceProcessor(String storeName, StreamsSettings settings) {
    this.storeName = storeName;
    this.settings = settings;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Alert> context) {
    this.context = context;
    this.fired = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, WindowAverage> record) {
    Optional<Alert> alert = Alerts.of(record.value(), settings);
    if (alert.isEmpty()) {
      return;
    }
    Alert a = alert.get();
    String id = a.scope() + "/" + a.key() + "/" + a.window().id() + "/" + a.quantity().id();
    long start = a.start().toEpochMilli();
    if (fired.fetch(id, start) != null) {
      return;
    }
    fired.put(id, record.timestamp(), start);
    context.forward(record.withValue(a));
  }
}
