/**
 * The service kit every airq service is built on: {@link io.airq.kit.Lifecycle} (run until
 * SIGTERM), {@link io.airq.kit.KafkaClients} (every {@code kafka.*} setting on every client),
 * {@link io.airq.kit.InfluxLogin} (one way for every InfluxDB client to authenticate), {@link
 * io.airq.kit.CompactedTable} (a compacted topic kept as a map), and {@link
 * io.airq.kit.ServiceEndpoints} ({@code /health} in one JSON shape, {@code /metrics} in Prometheus
 * text).
 */
package io.airq.kit;
