package io.airq.planner;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigLoader;
import io.airq.core.config.ConfigSpec;
import io.airq.core.config.ConfigValues;
import io.airq.core.config.KafkaClientSettings;
import io.airq.core.config.ValueType;
import io.airq.kit.InfluxLogin;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner's configuration, parsed once by the shared loader ({@link ConfigLoader}) from a
 * properties file and {@code AIRQ_*} environment variables (the environment wins: {@code
 * AIRQ_HTTP_PORT} sets {@code http.port}). The keys, each with its only default, are declared in
 * {@link Keys}; docs/configuration.md is generated from them. Other {@code kafka.*} keys go to the
 * Kafka clients as they are.
 */
public record PlannerConfig(
    int httpPort,
    String httpBind,
    String influxUrl,
    String influxDatabase,
    InfluxLogin influxLogin,
    String influxRawPolicy,
    String kafkaBootstrap,
    String topicPrefix,
    double coverageGate,
    double hourGate,
    double weatherNearestKm,
    String adminToken,
    String mapTiles,
    String mapAttribution,
    Map<String, String> kafka) {
  private static final Logger LOG = LoggerFactory.getLogger(PlannerConfig.class);

  public PlannerConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("http.port out of range: " + httpPort);
    }
    if (!(coverageGate >= 0 && coverageGate <= 1) || !(hourGate >= 0 && hourGate <= 1)) {
      throw new IllegalArgumentException("coverage gates must be fractions between 0 and 1");
    }
    influxLogin = influxLogin == null ? InfluxLogin.NONE : influxLogin;
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    adminToken = adminToken == null ? "" : adminToken;
  }

  /**
   * The defaults of {@link Keys}, on these endpoints.
   *
   * @param httpPort 0 = any free port
   */
  public static PlannerConfig of(
      int httpPort, String influxUrl, String database, String kafkaBootstrap, String prefix) {
    Properties p = new Properties();
    p.setProperty(Keys.HTTP_PORT.name(), Integer.toString(httpPort));
    p.setProperty(Keys.INFLUX_URL.name(), influxUrl);
    p.setProperty(Keys.INFLUX_DATABASE.name(), database);
    p.setProperty(Keys.KAFKA_BOOTSTRAP.name(), kafkaBootstrap);
    p.setProperty(Keys.TOPIC_PREFIX.name(), prefix);
    return load(p, Map.of());
  }

  /** The same configuration with this bootstrap admin token ({@code auth.admin.token}). */
  public PlannerConfig withAdminToken(String token) {
    return new PlannerConfig(
        httpPort,
        httpBind,
        influxUrl,
        influxDatabase,
        influxLogin,
        influxRawPolicy,
        kafkaBootstrap,
        topicPrefix,
        coverageGate,
        hourGate,
        weatherNearestKm,
        token,
        mapTiles,
        mapAttribution,
        kafka);
  }

  /**
   * Reads the keys of {@link Keys} from properties, overridden by environment variables ({@code
   * AIRQ_HTTP_PORT}; the older {@code AIRQ_PLANNER_HTTP_PORT} still works, with a warning).
   *
   * @throws io.airq.core.config.ConfigException naming every bad key
   */
  public static PlannerConfig load(Properties props, Map<String, String> env) {
    ConfigValues v = ConfigLoader.load(Keys.SPEC, props, env);
    v.warnings().forEach(w -> LOG.warn("planner configuration: {}", w));
    return new PlannerConfig(
        v.get(Keys.HTTP_PORT),
        v.get(Keys.HTTP_BIND),
        v.get(Keys.INFLUX_URL),
        v.get(Keys.INFLUX_DATABASE),
        InfluxLogin.of(v),
        v.get(Keys.INFLUX_RAW_POLICY),
        v.get(Keys.KAFKA_BOOTSTRAP),
        v.get(Keys.TOPIC_PREFIX),
        v.get(Keys.COVERAGE_GATE),
        v.get(Keys.HOUR_GATE),
        v.get(Keys.WEATHER_NEAREST_KM),
        v.get(Keys.ADMIN_TOKEN),
        v.get(Keys.MAP_TILES),
        v.get(Keys.MAP_ATTRIBUTION),
        v.kafka());
  }

  /** Every key the planner reads; docs/configuration.md is generated from {@link #SPEC}. */
  public static final class Keys {
    private Keys() {}

    private static final ValueType<Double> FRACTION =
        new ValueType<>(
            "fraction 0..1",
            s -> {
              double d;
              try {
                d = Double.parseDouble(s.trim());
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number", e);
              }
              if (!(d >= 0 && d <= 1)) {
                throw new IllegalArgumentException(
                    "must be a fraction between 0 and 1 (0.75 = 75 %)");
              }
              return d;
            });

    static final ConfigKey<Integer> HTTP_PORT =
        ConfigKey.integer(
            "http.port", 8080, 0, 65535, "Port of the API and the web page; 0 = any free port.");
    static final ConfigKey<String> HTTP_BIND =
        ConfigKey.text(
            "http.bind",
            "127.0.0.1",
            "Address the HTTP server listens on; 0.0.0.0 to serve other machines (containers).");
    static final ConfigKey<String> INFLUX_URL =
        ConfigKey.text(
            "influx.url", "http://127.0.0.1:8086", "InfluxDB URL the averages are read from.");
    static final ConfigKey<String> INFLUX_DATABASE =
        ConfigKey.text("influx.database", "airq", "The database the sink writes.");
    static final ConfigKey<String> INFLUX_RAW_POLICY =
        ConfigKey.text(
            "influx.raw.policy",
            "raw_90d",
            "Retention policy of the raw `reading` measurement, as the sink's `influx.raw.policy`"
                + " (the report completes hourly means from raw readings); empty = the database"
                + " default.");
    static final ConfigKey<String> KAFKA_BOOTSTRAP =
        ConfigKey.text(
            "kafka.bootstrap.servers",
            "127.0.0.1:9092",
            "Kafka bootstrap servers (sensor registry, closures). Other `kafka.*` keys go to the"
                + " Kafka clients as they are.");
    static final ConfigKey<String> TOPIC_PREFIX =
        ConfigKey.text("topic.prefix", "", "Prefix of every airq Kafka topic name.");
    static final ConfigKey<Double> COVERAGE_GATE =
        new ConfigKey<>(
            "impact.coverage.gate",
            FRACTION,
            "0.75",
            null,
            false,
            false,
            "Phase coverage (valid / expected sensor-hours) below which an impact says"
                + " \"insufficient data\".");
    static final ConfigKey<Double> HOUR_GATE =
        new ConfigKey<>(
            "impact.hour.gate",
            FRACTION,
            "0.75",
            null,
            false,
            false,
            "Share of an hour's expected readings it needs to count as a valid hour.");
    static final ConfigKey<Double> WEATHER_NEAREST_KM =
        ConfigKey.decimal(
            "weather.nearest-km",
            25.0,
            0,
            1000,
            "How far (km, from the centre of a closure's treated sensors) the nearest registered"
                + " weather station may be to give a closure that names none its weather; beyond"
                + " it, the treated sensors' own temperature and humidity are used"
                + " (docs/weather.md). 0 = never the nearest.");

    static final ConfigKey<String> ADMIN_TOKEN =
        ConfigKey.text(
                "auth.admin.token",
                "",
                "A bootstrap token with role admin, held only as its hash: with it, create the"
                    + " real tokens (`airq tokens create`), which live hashed on the tokens topic."
                    + " Empty = none. `./airq up` generates one (docs/security.md).")
            .asSecret();

    static final ConfigKey<String> MAP_TILES =
        ConfigKey.text(
            "map.tiles",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "Tile URL template of the page's maps (Leaflet: {z}/{x}/{y}); e.g. a local tile"
                + " server for an offline deployment. The maps show every sensor without tiles.");
    static final ConfigKey<String> MAP_ATTRIBUTION =
        ConfigKey.text(
            "map.attribution",
            "© OpenStreetMap contributors",
            "Attribution shown under the maps, as the tiles' licence asks.");

    /** The planner's keys; {@code AIRQ_PLANNER_<KEY>} is still read, with a warning. */
    public static final ConfigSpec SPEC =
        ConfigSpec.of(
                "planner",
                KafkaClientSettings.CLIENTS,
                List.of(
                    HTTP_PORT,
                    HTTP_BIND,
                    INFLUX_URL,
                    INFLUX_DATABASE,
                    InfluxLogin.USER,
                    InfluxLogin.PASSWORD,
                    InfluxLogin.TOKEN,
                    INFLUX_RAW_POLICY,
                    KAFKA_BOOTSTRAP,
                    TOPIC_PREFIX,
                    COVERAGE_GATE,
                    HOUR_GATE,
                    WEATHER_NEAREST_KM,
                    ADMIN_TOKEN,
                    MAP_TILES,
                    MAP_ATTRIBUTION))
            .withDeprecatedEnvPrefix("AIRQ_PLANNER_");
  }

  @Override
  public String toString() {
    return "PlannerConfig[httpPort="
        + httpPort
        + ", httpBind="
        + httpBind
        + ", influxUrl="
        + influxUrl
        + ", influxDatabase="
        + influxDatabase
        + ", influxLogin="
        + influxLogin
        + ", kafkaBootstrap="
        + kafkaBootstrap
        + ", topicPrefix="
        + topicPrefix
        + ", coverageGate="
        + coverageGate
        + ", hourGate="
        + hourGate
        + ", weatherNearestKm="
        + weatherNearestKm
        + ", adminToken="
        + (adminToken.isEmpty() ? "" : "***")
        + ", mapTiles="
        + mapTiles
        + ", kafka="
        + kafka.keySet()
        + "]";
  }
}
