package io.airq.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void passwordsInUrlsAreHiddenAndTheUserNamesAndHostsStay() {
    assertThat(Redaction.redact("influx.url=http://airq:s3cr%40t@influxdb:8086/write?db=airq"))
        .isEqualTo("influx.url=http://airq:****@influxdb:8086/write?db=airq");
    assertThat(Redaction.redact("connecting to mqtt://gw-1:pa:ss@broker:1883 and tcp://u:p@h:1"))
        .isEqualTo("connecting to mqtt://gw-1:****@broker:1883 and tcp://u:****@h:1");
    assertThat(Redaction.redact("mqtt://gw-1:p@ss@broker:1883/x"))
        .isEqualTo("mqtt://gw-1:****@broker:1883/x");
    assertThat(Redaction.redact("GET http://h:8086/query?u=airq&p=hunter2&q=SHOW"))
        .isEqualTo("GET http://h:8086/query?u=airq&p=****&q=SHOW");
    assertThat(Redaction.redact("https://api.example/x?token=abc.def&password=x y"))
        .isEqualTo("https://api.example/x?token=****&password=**** y");
  }

  @Test
  void jaasPasswordsAreHiddenTheUserNameStays() {
    String jaas =
        "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"airq\" password=\"p4ss\" user_airq=\"p4ss\";";
    assertThat(Redaction.redact(jaas))
        .isEqualTo(
            "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"airq\" password=\"****\" user_airq=\"****\";")
        .doesNotContain("p4ss");
  }

  @Test
  void textWithoutCredentialsIsUnchanged() {
    for (String s :
        new String[] {
          "planner at http://127.0.0.1:8080",
          "Kafka ready at 127.0.0.1:19092, account airq",
          "mail ops@example.org",
          "window=1h, emit.interval=PT5S",
          "tcp://localhost:1883",
          "",
          null
        }) {
      assertThat(Redaction.redact(s)).isEqualTo(s);
    }
  }
}
