package io.airq.devstack.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test a {@link Servers} parameter: real Mosquitto, Kafka and InfluxDB, each started once
 * per test JVM on first use. Where each comes from, in order: an endpoint in the environment
 * ({@code AIRQ_MQTT_URL}, {@code AIRQ_KAFKA_BOOTSTRAP}, {@code AIRQ_INFLUX_URL}); the local
 * binaries (Kafka: the Maven classpath); Testcontainers when Docker answers. Otherwise the test
 * fails and says what to install. It never skips.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServersExtension.class)
public @interface RealServers {}
