package io.airq.app;

import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topics;
import io.airq.kit.CompactedTable;
import io.airq.kit.KafkaClients;
import io.airq.planner.cli.PeriodOptions;
import io.airq.simulator.publish.KafkaTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.influxdb.InfluxDB;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code airq recompute --from … --to …}: recomputes the sensors' hours, 24-hour windows and
 * calendar days (and with {@code --minutes} their minutes) and their indices from the raw readings
 * stored in InfluxDB, with the registry's calibration versions as they are now, then those of their
 * areas, and replaces the stored windows (docs/registry.md, "Recomputing history"; the work is in
 * {@link RecomputeRun}).
 */
@Command(
    name = "recompute",
    mixinStandardHelpOptions = true,
    description =
        "Recompute the sensors' hourly, 24-hour and calendar-day averages and indices (and with"
            + " --minutes the 1-minute ones) of a period from the raw readings in InfluxDB, with"
            + " today's calibration versions, then their areas' (from all the areas' sensors),"
            + " and replace the stored windows.")
final class RecomputeCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin PeriodOptions period;

  @Option(
      names = "--sensor",
      paramLabel = "ID",
      description = "Only this sensor (repeatable). Default: every registered sensor.")
  List<String> sensors = new ArrayList<>();

  @Option(
      names = "--dry-run",
      description = "Recompute and print what would change; write nothing.")
  boolean dryRun;

  @Option(
      names = "--minutes",
      description =
          "Also recompute the 1-minute windows (sensors' and areas'): 60 times the points of the"
              + " hours, so off by default.")
  boolean minutes;

  @Option(
      names = "--influx",
      defaultValue = "${env:AIRQ_INFLUX_URL:-http://127.0.0.1:8086}",
      description = "InfluxDB URL (env AIRQ_INFLUX_URL). Default: ${DEFAULT-VALUE}.")
  String influxUrl;

  @Option(names = "--database", defaultValue = "airq", description = "Default: ${DEFAULT-VALUE}.")
  String database;

  @Option(
      names = "--influx-user",
      defaultValue = "${env:AIRQ_INFLUX_USER:-}",
      description = "InfluxDB user (env AIRQ_INFLUX_USER); password from env AIRQ_INFLUX_PASSWORD.")
  String influxUser;

  @Option(
      names = "--influx-config",
      paramLabel = "FILE",
      description =
          "A properties file with influx.user and influx.password, or influx.token (the local stack's"
              + " credentials file is the default when ./airq up is running); --influx-user and"
              + " AIRQ_INFLUX_PASSWORD win.")
  Path influxConfig;

  @Option(
      names = "--raw-policy",
      defaultValue = "raw_90d",
      description =
          "Retention policy of the raw readings (the sink's influx.raw.policy; empty:"
              + " the default). Default: ${DEFAULT-VALUE}.")
  String rawPolicy;

  @Option(
      names = "--aggregate-policy",
      defaultValue = "",
      description =
          "Retention policy of the averages (the sink's influx.aggregate.policy; empty,"
              + " the default: the database default). A window that must be deleted before it is"
              + " written is deleted in every policy of the database (InfluxQL's DELETE names no"
              + " policy).")
  String aggregatePolicy;

  @Option(
      names = "--coverage-gate",
      defaultValue = "75",
      description =
          "Percent of the expected readings an hour needs (the streams job's"
              + " coverage.gate). Default: ${DEFAULT-VALUE}.")
  double gate;

  @Option(
      names = "--day-zone",
      defaultValue = "${env:AIRQ_DAY_ZONE:-UTC}",
      paramLabel = "ZONE",
      description =
          "Zone of the calendar days of a sensor without a zone of its own: the streams job's"
              + " day.zone (env AIRQ_DAY_ZONE, as ./airq up passes it). Default: ${DEFAULT-VALUE}.")
  String dayZone;

  @Option(
      names = "--kafka",
      defaultValue = "${env:AIRQ_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
      description =
          "Kafka bootstrap servers, to read the sensor registry (env"
              + " AIRQ_KAFKA_BOOTSTRAP). Default: ${DEFAULT-VALUE}.")
  String kafka;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "A properties file whose kafka.* settings (SASL, TLS) the registry's consumer"
              + " gets, as the services read theirs.")
  Path kafkaConfig;

  @Option(
      names = "--topic-prefix",
      defaultValue = "${env:AIRQ_TOPIC_PREFIX:-}",
      description = "Prefix of the Kafka topic names (env AIRQ_TOPIC_PREFIX). Default: none.")
  String topicPrefix;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant a = period.from();
    Instant b = period.to();
    if (!b.isAfter(a)) {
      err.println("--to must be after --from");
      return 2;
    }
    java.time.ZoneId zone;
    try {
      zone = java.time.ZoneId.of(dayZone);
    } catch (java.time.DateTimeException e) {
      err.println("--day-zone: not a time zone id (e.g. Africa/Nairobi, UTC): " + dayZone);
      return 2;
    }
    Map<String, Sensor> registry = registry();
    if (registry == null) {
      err.println("the sensor registry was not read within 30 s from Kafka at " + kafka);
      return 1;
    }
    List<String> missing = sensors.stream().filter(id -> !registry.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      err.println("not registered: " + String.join(", ", missing));
      return 2;
    }
    Map<String, Sensor> chosen = new TreeMap<>(registry);
    if (!sensors.isEmpty()) {
      chosen.keySet().retainAll(sensors);
    }
    Instant first = a.truncatedTo(ChronoUnit.HOURS);
    Instant end =
        b.truncatedTo(ChronoUnit.HOURS).equals(b)
            ? b
            : b.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    int hours = 0;
    int changed = 0;
    io.airq.kit.InfluxLogin login;
    try {
      login = influxLogin();
    } catch (IOException e) {
      err.println("cannot read --influx-config " + influxConfig + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    try (InfluxDB influx = login.connect(influxUrl)) {
      RecomputeStore store = new RecomputeStore(influx, database, rawPolicy, aggregatePolicy);
      java.util.SortedSet<String> areas =
          RecomputeRun.areasOf(chosen.values(), id -> store.storedAreas(id, first, end));
      out.printf(
          "%s %shourly windows, 24-hour windows and calendar days of %d sensor(s) and %d area(s),"
              + " %s to %s%n",
          dryRun ? "dry run: would recompute" : "recomputing",
          minutes ? "1-minute and " : "",
          chosen.size(),
          areas.size(),
          first,
          end);
      Instant open =
          Instant.now()
              .minus(io.airq.streams.StreamsSettings.DEFAULT_GRACE)
              .truncatedTo(ChronoUnit.HOURS);
      if (end.isAfter(open)) {
        err.printf(
            "note: the hours from %s on are within the streams job's averaging grace (grace.1h,"
                + " default 26 h): a reading arriving for one of them re-emits it from the job's own"
                + " state, without this recomputation; recompute them again once the grace has"
                + " passed%n",
            open.isAfter(first) ? open : first);
      }

      RecomputeRun run =
          new RecomputeRun(
              new RecomputeJob(store, gate, zone, minutes),
              new AreaRecomputeJob(store, gate, zone, minutes),
              dryRun,
              minutes,
              out);
      RecomputeJob.Outcome total = run.run(chosen.values(), areas, registry.values(), first, end);
      hours = total.hours();
      changed = total.changed();
    } catch (RuntimeException e) {
      err.println("recompute failed: " + e.getMessage());
      if (!dryRun) {
        err.println(
            "the windows of the sensor-day or area-day it was working on may have been deleted"
                + " without being written back; run the same command again to write them (it is"
                + " safe to repeat)");
      }
      return 1;
    }
    out.printf(
        "%s %d hours, %d of them %s%n",
        dryRun ? "dry run: nothing written;" : "done:",
        hours,
        changed,
        dryRun ? "would change" : "changed");
    return 0;
  }

  /** The registry read to its end, or null when Kafka did not answer in time. */
  private Map<String, Sensor> registry() {
    KafkaTarget k = KafkaTarget.withSettingsFile(kafka, topicPrefix, kafkaConfig);
    try (CompactedTable<Sensor> table =
        CompactedTable.start(
            KafkaClients.properties(k.bootstrap(), k.settings()),
            Topics.SENSORS.prefixed(topicPrefix))) {
      return table.awaitCaughtUp(Duration.ofSeconds(30)) ? table.snapshot() : null;
    }
  }

  /**
   * User and password, or token: the option and the environment first, then {@code
   * --influx-config}.
   */
  private io.airq.kit.InfluxLogin influxLogin() throws IOException {
    String user = influxUser;
    String password = System.getenv().getOrDefault("AIRQ_INFLUX_PASSWORD", "");
    String token = System.getenv().getOrDefault("AIRQ_INFLUX_TOKEN", "");
    if (user.isEmpty() && token.isEmpty() && influxConfig != null) {
      java.util.Properties p = new java.util.Properties();
      try (java.io.Reader r = java.nio.file.Files.newBufferedReader(influxConfig)) {
        p.load(r);
      }
      user = p.getProperty("influx.user", "");
      password = password.isEmpty() ? p.getProperty("influx.password", "") : password;
      token = p.getProperty("influx.token", "");
    }
    if (!influxUser.isEmpty() && !token.isEmpty()) {
      throw new IllegalArgumentException(
          "--influx-user (or AIRQ_INFLUX_USER) and AIRQ_INFLUX_TOKEN are both set: InfluxDB takes"
              + " one login, give either a user and AIRQ_INFLUX_PASSWORD or the token");
    }
    return new io.airq.kit.InfluxLogin(user, password, token);
  }
}
