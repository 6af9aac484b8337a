package io.airq.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  static final ConfigKey<String> URL = ConfigKey.text("mqtt.url", null, "broker URL").asRequired();
  static final ConfigKey<String> SHARE_GROUP =
      ConfigKey.text("mqtt.share-group", "airq-ingest", "shared-subscription group");
  static final ConfigKey<String> PASSWORD =
      ConfigKey.text("mqtt.password", "", "MQTT password").asSecret();
  static final ConfigKey<Integer> PORT = ConfigKey.integer("http.port", 8081, -1, 65535, "port");
  static final ConfigKey<Duration> SKEW =
      ConfigKey.duration("ingest.future-skew", Duration.ofMinutes(5), "clock skew");
  static final ConfigKey<String> BOOTSTRAP =
      ConfigKey.text("kafka.bootstrap.servers", "127.0.0.1:9092", "Kafka");
  static final ConfigKey<Boolean> CREATE = ConfigKey.bool("influx.create", true, "create");

  static final Set<String> KAFKA_NAMES = Set.of("linger.ms", "sasl.jaas.config", "acks");

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          "test-service",
          KAFKA_NAMES::contains,
          List.of(URL, SHARE_GROUP, PASSWORD, PORT, SKEW, BOOTSTRAP, CREATE));

  private static Properties file(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void theEnvironmentWinsOverTheFileAndDefaultsFillTheRest() {
    ConfigValues v =
        ConfigLoader.load(
            SPEC,
            file("mqtt.url", "tcp://file:1883", "http.port", "9000", "mqtt.share-group", "f"),
            Map.of("AIRQ_MQTT_URL", "ssl://env:8883", "AIRQ_MQTT_SHARE_GROUP", ""));
    assertThat(v.get(URL)).isEqualTo("ssl://env:8883");
    assertThat(v.get(PORT)).isEqualTo(9000);
    assertThat(v.get(SHARE_GROUP)).as("an empty text value is a value").isEmpty();
    assertThat(v.get(SKEW)).isEqualTo(Duration.ofMinutes(5));
    assertThat(v.get(BOOTSTRAP)).isEqualTo("127.0.0.1:9092");
    assertThat(v.warnings()).isEmpty();
  }

  @Test
  void kafkaKeysPassThroughWithoutThePrefixAndDeclaredKafkaKeysStayKeys() {
    ConfigValues v =
        ConfigLoader.load(
            SPEC,
            file("mqtt.url", "tcp://x:1883", "kafka.linger.ms", "20", "kafka.acks", "1"),
            Map.of(
                "AIRQ_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "AIRQ_KAFKA_ACKS", "all"));
    assertThat(v.get(BOOTSTRAP)).isEqualTo("env:9092");
    assertThat(v.kafka()).containsOnly(Map.entry("linger.ms", "20"), Map.entry("acks", "all"));
  }

  @Test
  void anUnknownFileKeyStopsTheStartAndSuggestsTheClosestKey() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    SPEC, file("mqtt.url", "tcp://x", "mqtt.sharegroup", "g"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.sharegroup (in the file) is not a key of test-service")
        .hasMessageContaining("did you mean mqtt.share-group?");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    SPEC, file("mqtt.url", "tcp://x", "kafka.bootstrap", "k:9092"), Map.of()))
        .hasMessageContaining("kafka.bootstrap (in the file) is not a Kafka client setting")
        .hasMessageContaining("did you mean kafka.bootstrap.servers?");
  }

  @Test
  void unknownEnvironmentVariablesAreWarnedAboutAndIgnored() {
    ConfigValues v =
        ConfigLoader.load(
            SPEC,
            file("mqtt.url", "tcp://x:1883"),
            Map.of(
                "AIRQ_KAFKA_BOOTSTRAP", "kafka:9092",
                "AIRQ_HTTP_PROT", "1",
                "AIRQ_LOG_LEVEL", "DEBUG",
                "HOME", "/root"));
    assertThat(v.kafka()).as("not passed on as the bogus client setting 'bootstrap'").isEmpty();
    assertThat(v.get(BOOTSTRAP)).isEqualTo("127.0.0.1:9092");
    assertThat(v.warnings())
        .containsExactly(
            "AIRQ_HTTP_PROT is not a setting of test-service; ignored; did you mean AIRQ_HTTP_PORT?",
            "AIRQ_KAFKA_BOOTSTRAP names no Kafka client setting test-service knows; ignored; did"
                + " you mean AIRQ_KAFKA_BOOTSTRAP_SERVERS?");
  }

  @Test
  void badValuesAreAllReportedNamingTheKeyAndWhereTheValueCameFrom() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    SPEC,
                    file("http.port", "eighty", "influx.create", "yes"),
                    Map.of("AIRQ_INGEST_FUTURE_SKEW", "soon")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "mqtt.url is required (mqtt.url in the file or AIRQ_MQTT_URL)",
                        "http.port must be an integer, was 'eighty' (from the file)",
                        "ingest.future-skew must be a duration like PT5M, 90s, 26h or 2d, was"
                            + " 'soon' (from AIRQ_INGEST_FUTURE_SKEW)",
                        "influx.create must be true or false, was 'yes' (from the file)"));
    assertThatThrownBy(
            () -> ConfigLoader.load(SPEC, file("mqtt.url", "x"), Map.of("AIRQ_HTTP_PORT", "70000")))
        .hasMessageContaining("http.port must be between -1 and 65535, was '70000'");
  }

  @Test
  void aFailedStartAlsoShowsTheWarningsThatMayExplainIt() {
    assertThatThrownBy(() -> ConfigLoader.load(SPEC, file(), Map.of("AIRQ_MQTT_URI", "tcp://x")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "mqtt.url is required (mqtt.url in the file or AIRQ_MQTT_URL)",
                        "(warning) AIRQ_MQTT_URI is not a setting of test-service; ignored; did"
                            + " you mean AIRQ_MQTT_URL?"));
  }

  @Test
  void aBlankNumberMeansTheDefault() {
    ConfigValues v = ConfigLoader.load(SPEC, file("mqtt.url", "x"), Map.of("AIRQ_HTTP_PORT", " "));
    assertThat(v.get(PORT)).isEqualTo(8081);
    assertThatThrownBy(() -> ConfigLoader.load(SPEC, file("mqtt.url", " "), Map.of()))
        .hasMessageContaining("mqtt.url is required");
  }

  @Test
  void durationsReadIsoSecondsAndUnits() {
    ValueType<Duration> d = ValueType.DURATION;
    assertThat(d.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.parse("p30d")).isEqualTo(Duration.ofDays(30));
    assertThat(d.parse("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(d.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(d.parse("26h")).isEqualTo(Duration.ofHours(26));
    assertThat(d.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThatThrownBy(() -> d.parse("2w")).hasMessageContaining("must be a duration");
  }

  @Test
  void secretsAreRedactedInToStringAndInErrors() {
    ConfigValues v =
        ConfigLoader.load(
            SPEC,
            file("mqtt.url", "x", "kafka.sasl.jaas.config", "password=\"k-secret\""),
            Map.of("AIRQ_MQTT_PASSWORD", "m-secret"));
    assertThat(v.get(PASSWORD)).isEqualTo("m-secret");
    assertThat(v.toString())
        .doesNotContain("m-secret")
        .doesNotContain("k-secret")
        .contains("mqtt.password=****")
        .contains("kafka.sasl.jaas.config=****")
        .contains("mqtt.url=x");
    ConfigKey<Integer> pin =
        new ConfigKey<>("pin", ValueType.integer(0, 9999), null, null, false, true, "a pin");
    ConfigSpec s = ConfigSpec.of("pins", n -> true, List.of(pin));
    assertThatThrownBy(() -> ConfigLoader.load(s, file("pin", "12345"), Map.of()))
        .hasMessageContaining("pin must be between 0 and 9999, was ****")
        .hasMessageNotContaining("12345");
  }

  @Test
  void deprecatedPrefixesAreReadWithAWarningAndTheUniformNameWins() {
    ConfigSpec spec = SPEC.withDeprecatedEnvPrefix("AIRQ_SINK_");
    ConfigValues old =
        ConfigLoader.load(
            spec, file("mqtt.url", "x", "http.port", "1"), Map.of("AIRQ_SINK_HTTP_PORT", "2"));
    assertThat(old.get(PORT)).isEqualTo(2);
    assertThat(old.warnings())
        .containsExactly("AIRQ_SINK_HTTP_PORT is deprecated; use AIRQ_HTTP_PORT");
    ConfigValues both =
        ConfigLoader.load(
            spec, file("mqtt.url", "x"), Map.of("AIRQ_SINK_HTTP_PORT", "2", "AIRQ_HTTP_PORT", "3"));
    assertThat(both.get(PORT)).isEqualTo(3);
  }

  @Test
  void keysWhoseVariablesCollideAreRefusedWhenDeclared() {
    ConfigKey<String> a = ConfigKey.text("state.dir", "", "a");
    ConfigKey<String> b = ConfigKey.text("state-dir", "", "b");
    assertThatThrownBy(() -> ConfigSpec.of("s", n -> true, List.of(a, b)))
        .hasMessageContaining("share AIRQ_STATE_DIR");
    assertThatThrownBy(() -> ConfigKey.integer("x", 0, 1, 5, "d"))
        .hasMessageContaining("x: the default 0 must be between 1 and 5");
  }

  @Test
  void theReferenceListsEveryKeyWithItsVariableAndDefault() {
    String md = ConfigReference.markdown(List.of(SPEC.withDeprecatedEnvPrefix("AIRQ_SINK_")));
    assertThat(md)
        .contains("## test-service")
        .contains("| `mqtt.url` | `AIRQ_MQTT_URL` | (required) | text | broker URL |")
        .contains(
            "| `mqtt.password` | `AIRQ_MQTT_PASSWORD` | (empty) | text | MQTT password Secret")
        .contains("| `ingest.future-skew` | `AIRQ_INGEST_FUTURE_SKEW` | `PT5M` |")
        .contains("`AIRQ_SINK_<KEY>`");
  }
}
