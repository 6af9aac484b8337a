package io.airq.core.config;

import java.util.List;

/**
 * Writes docs/configuration.md from the services' key declarations, so the reference cannot drift
 * from the code: a test in the app module compares the file with {@link #markdown(List)}.
 */
public final class ConfigReference {
  private ConfigReference() {}

  /** The whole reference page: how loading works, then one table per service. */
  public static String markdown(List<ConfigSpec> services) {
    StringBuilder b = new StringBuilder();
    b.append("# Configuration reference\n\n")
        .append(
            "<!-- Generated from the key declarations (ConfigSpec of each service) by"
                + " ConfigurationDocTest. Do not edit by hand:\n")
        .append(
            "     ./mvnw -o -pl app test -Dtest=ConfigurationDocTest -Dairq.write-docs=true -->\n\n")
        .append(
            "Every airq service reads one properties file (`airq <service> --config FILE`,"
                + " optional) and then the\n")
        .append("environment; **the environment wins**.\n\n")
        .append(
            "- The variable of a key is `AIRQ_` and the key upper-cased, `.` and `-` replaced by"
                + " `_`:\n")
        .append("  `mqtt.share-group` is `AIRQ_MQTT_SHARE_GROUP`.\n")
        .append(
            "- `kafka.*` keys a service does not list below go to its Kafka clients as they are,"
                + " without the prefix:\n")
        .append(
            "  `kafka.max.poll.records` (or `AIRQ_KAFKA_MAX_POLL_RECORDS`) sets"
                + " `max.poll.records`. Only names the Kafka\n")
        .append("  clients know are accepted.\n")
        .append(
            "- A key in the file that the service does not know stops the start with an error"
                + " naming it. An unknown\n")
        .append(
            "  `AIRQ_*` variable is logged as a warning and ignored, because one environment is"
                + " often shared by several\n")
        .append(
            "  services. The variables of `docker-compose.yml` are checked against these tables"
                + " by a test.\n")
        .append(
            "- Values are checked at start; an error names the key and where its value came"
                + " from. Secrets are shown as\n")
        .append("  `****` in the configuration each service logs at start.\n")
        .append(
            "- Durations are ISO-8601 (`PT5M`, `P30D`), whole seconds (`30`) or a number with a"
                + " unit (`500ms`, `90s`, `30m`,\n")
        .append("  `26h`, `2d`).\n")
        .append(
            "- `AIRQ_JAVA_OPTS`, `AIRQ_LOG_LEVEL` and `AIRQ_SHARED_DATA` are read by the launcher"
                + " and the build, not by the\n")
        .append(
            "  services. `AIRQ_JAVA_OPTS` replaces the launcher's JVM options, `-Xmx2g"
                + " -XX:+UseParallelGC` (the throughput\n")
        .append(
            "  collector: a fifth less CPU per reading than the default G1 in `./airq bench`,"
                + " docs/streams.md); the image\n")
        .append("  sets `JAVA_TOOL_OPTIONS=-XX:+UseParallelGC`.\n")
        .append(
            "- Logging: `AIRQ_LOG_LEVEL` (INFO) is the root level; everything goes to the file"
                + " `AIRQ_LOG_FILE`\n")
        .append(
            "  (`.airq/airq.log` under the project with `./airq`); the console shows airq's own"
                + " messages and the libraries'\n")
        .append(
            "  (Kafka's clients, Paho) from `AIRQ_LOG_LIBRARY_CONSOLE_LEVEL` up (ERROR; the image"
                + " sets WARN, its console\n")
        .append("  being its log).\n");
    for (ConfigSpec spec : services) {
      b.append("\n## ").append(spec.service()).append("\n\n");
      b.append("| key | environment | default | type | meaning |\n");
      b.append("| --- | --- | --- | --- | --- |\n");
      for (ConfigKey<?> k : spec.keys()) {
        b.append("| `")
            .append(k.name())
            .append("` | `")
            .append(k.envName())
            .append("` | ")
            .append(defaultCell(k))
            .append(" | ")
            .append(cell(k.type().name()))
            .append(" | ")
            .append(cell(k.description() + (k.secret() ? " Secret: shown as `****`." : "")))
            .append(" |\n");
      }
      if (!spec.deprecatedEnvPrefixes().isEmpty()) {
        b.append("\nDeprecated, still read with a warning: ");
        b.append(
            String.join(
                ", ", spec.deprecatedEnvPrefixes().stream().map(p -> "`" + p + "<KEY>`").toList()));
        b.append(" (the `AIRQ_<KEY>` name wins when both are set).\n");
      }
    }
    return b.toString();
  }

  private static String defaultCell(ConfigKey<?> k) {
    String d = k.documentedDefault();
    return d.startsWith("(") ? d : "`" + d + "`";
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
