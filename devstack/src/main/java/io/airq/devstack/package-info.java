/**
 * Real servers on loopback for tests, the demo and {@code ./airq up}: Mosquitto and InfluxDB from
 * the machine's binaries, Kafka (KRaft, combined broker and controller) as a child JVM on the Maven
 * classpath. Every process started here is stopped when the JVM exits.
 */
package io.airq.devstack;
