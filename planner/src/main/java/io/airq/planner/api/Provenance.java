package io.airq.planner.api;

import io.airq.planner.impact.ImpactAnalysis;
import java.time.Instant;
import java.util.List;

/**
 * Carried by every export: how and when it was made, from what, under which licence.
 *
 * @param methodVersion the impact method (docs/method.md)
 * @param generatedAt when the export was generated
 * @param dataSources where the numbers come from
 * @param licence the licence of the data
 */
public record Provenance(
    String methodVersion, Instant generatedAt, List<String> dataSources, String licence) {

  public static final String LICENCE =
      "Data: Open Database License (ODbL) 1.0 or CC BY 4.0, as licensed by each sensor's source;"
          + " attribution: airq contributors and the sensor hosts";

  static Provenance live(String prefix) {
    return new Provenance(
        ImpactAnalysis.METHOD_VERSION,
        Instant.now(),
        List.of(
            "live phase aggregates of the streams job (Kafka topic "
                + prefix
                + "airq.closure-impact)",
            "airq sensor registry (Kafka topic " + prefix + "airq.sensors)"),
        LICENCE);
  }

  static Provenance of(String database, String what) {
    return new Provenance(
        ImpactAnalysis.METHOD_VERSION,
        Instant.now(),
        List.of(
            "InfluxDB database '" + database + "', measurement 'average' (" + what + ")",
            "airq sensor registry (Kafka topic airq.sensors)"),
        LICENCE);
  }
}
