package io.airq.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.airq.core.closure.Closure;
import io.airq.core.closure.ClosureWeather;
import io.airq.core.closure.SensorSelection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A simulated city: sensors, pollution, weather, sensor behaviour, one closure and faults. Loaded
 * from YAML or JSON (same field names; docs/simulator.md describes the format). The simulation
 * starts at local midnight of {@code startDate} in {@code zone}; the closure starts {@code
 * daysBefore} days later (at midnight, or at its {@code startTime}), lasts {@code daysDuring} days
 * (or until its {@code endTime} on its last day), and the simulation ends {@code daysAfter} days
 * after the midnight that ends the closure's last day. Without a {@code startDate} the simulation
 * ends at today's local midnight.
 */
public record Scenario(
    String name,
    String description,
    ZoneId zone,
    LocalDate startDate,
    int daysBefore,
    int daysDuring,
    int daysAfter,
    Duration interval,
    long seed,
    PollutionSpec pollution,
    WeatherSpec weather,
    SensorBehaviourSpec sensorBehaviour,
    ClosureSpec closure,
    FaultSpec faults,
    List<ScenarioSensor> sensors) {

  /** YAML with the conventions of {@link io.airq.core.json.Json}. */
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
          .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pollution, "pollution");
    Objects.requireNonNull(weather, "weather");
    Objects.requireNonNull(sensorBehaviour, "sensorBehaviour");
    Objects.requireNonNull(closure, "closure");
    zone = zone == null ? ZoneId.of("UTC") : zone;
    interval = interval == null ? Duration.ofMinutes(5) : interval;
    if (startDate == null) {
      // the simulation ends at today's local midnight: recent enough for the ingest's max-age
      startDate =
          LocalDate.now(zone).minusDays(simulatedDays(closure, daysBefore, daysDuring, daysAfter));
    }
    faults = faults == null ? FaultSpec.NONE : faults;
    sensors = sensors == null ? List.of() : List.copyOf(sensors);
    if (daysBefore < 0 || daysDuring <= 0 || daysAfter < 0) {
      throw new IllegalArgumentException("daysDuring must be positive, the others not negative");
    }
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be positive");
    }
  }

  /** A scenario shipped as a classpath resource {@code scenarios/<name>.yaml}. */
  public static Scenario builtIn(String name) {
    String resource = "scenarios/" + name + ".yaml";
    try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no built-in scenario " + name);
      }
      return YAML.readValue(in, Scenario.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a YAML or JSON file (JSON is YAML too). */
  public static Scenario load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Scenario parse(String yamlOrJson) {
    try {
      return YAML.readValue(yamlOrJson, Scenario.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A built-in name or a file path. */
  public static Scenario resolve(String nameOrPath) {
    Path p = Path.of(nameOrPath);
    return Files.isRegularFile(p) ? load(p) : builtIn(nameOrPath);
  }

  public String toYaml() {
    try {
      return YAML.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Instant startInstant() {
    return startDate.atStartOfDay(zone).toInstant();
  }

  /** The closure's local start: {@code startDate + daysBefore} at the closure's start time. */
  public LocalDateTime closureStart() {
    return startDate.plusDays(daysBefore).atTime(closure.startOfClosure());
  }

  /**
   * The closure's local end (exclusive): its last day ({@code daysDuring - 1} days after the first)
   * at the closure's end time, one day later when that time is not after the start time (midnight
   * for whole days, or an overnight closure).
   */
  public LocalDateTime closureEnd() {
    LocalDateTime end =
        startDate.plusDays((long) daysBefore + daysDuring - 1).atTime(closure.endOfClosure());
    return closure.endsNextDay() ? end.plusDays(1) : end;
  }

  /**
   * The simulation's end: {@code daysAfter} days after the local midnight that ends the closure's
   * last day, so the after phase ({@code daysAfter} days from the closure's end) lies inside it.
   */
  public Instant endInstant() {
    return startDate
        .plusDays(simulatedDays(closure, daysBefore, daysDuring, daysAfter))
        .atStartOfDay(zone)
        .toInstant();
  }

  /** Whole local days simulated: before, during (plus one for an overnight closure) and after. */
  private static long simulatedDays(
      ClosureSpec closure, int daysBefore, int daysDuring, int daysAfter) {
    boolean overnight = closure.endsNextDay() && !closure.endOfClosure().equals(LocalTime.MIDNIGHT);
    return (long) daysBefore + daysDuring + daysAfter + (overnight ? 1 : 0);
  }

  public boolean treated(ScenarioSensor s) {
    return closure.streets().contains(s.street());
  }

  /** The core closure the simulator registers (naming the first weather station, if any). */
  public Closure toClosure() {
    List<String> treated = new ArrayList<>();
    List<String> control = new ArrayList<>();
    for (ScenarioSensor s : sensors) {
      (treated(s) ? treated : control).add(s.id());
    }
    return Closure.builder(closure.id())
        .name(closure.name())
        .treated(new SensorSelection(treated, List.of()))
        .control(new SensorSelection(control, List.of()))
        .period(closureStart(), closureEnd())
        .baseline(Duration.ofDays(daysBefore))
        .after(Duration.ofDays(daysAfter))
        .zone(zone)
        .weather(
            weather.stations().isEmpty()
                ? null
                : new ClosureWeather(weather.stations().get(0).id()))
        .build();
  }

  /** The same scenario starting on another day. */
  public Scenario withStartDate(LocalDate date) {
    return new Scenario(
        name,
        description,
        zone,
        date,
        daysBefore,
        daysDuring,
        daysAfter,
        interval,
        seed,
        pollution,
        weather,
        sensorBehaviour,
        closure,
        faults,
        sensors);
  }

  /** The same scenario with another closure. */
  public Scenario withClosure(ClosureSpec newClosure) {
    return new Scenario(
        name,
        description,
        zone,
        startDate,
        daysBefore,
        daysDuring,
        daysAfter,
        interval,
        seed,
        pollution,
        weather,
        sensorBehaviour,
        newClosure,
        faults,
        sensors);
  }

  /**
   * The same scenario scaled: any null argument keeps the scenario's value. {@code sensorLimit}
   * keeps the first n sensors in file order (the built-in scenario alternates treated and control).
   */
  public Scenario with(
      Integer newDaysBefore,
      Integer newDaysDuring,
      Integer newDaysAfter,
      Integer sensorLimit,
      Duration newInterval,
      Long newSeed,
      FaultSpec newFaults) {
    return new Scenario(
        name,
        description,
        zone,
        startDate,
        newDaysBefore == null ? daysBefore : newDaysBefore,
        newDaysDuring == null ? daysDuring : newDaysDuring,
        newDaysAfter == null ? daysAfter : newDaysAfter,
        newInterval == null ? interval : newInterval,
        newSeed == null ? seed : newSeed,
        pollution,
        weather,
        sensorBehaviour,
        closure,
        newFaults == null ? faults : newFaults,
        sensorLimit == null ? sensors : sensors.subList(0, Math.min(sensorLimit, sensors.size())));
  }
}
