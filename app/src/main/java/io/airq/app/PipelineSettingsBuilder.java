package io.airq.app;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds {@link Pipeline.Settings} field by field ({@link Pipeline.Settings#builder}). Each setter
 * sets the record component of its name (see {@link Pipeline.Settings}); a port not set is 0 (a
 * free port), anything else not set is null and takes the record's default.
 */
public final class PipelineSettingsBuilder {
  private String mqttUrl;
  private String kafkaBootstrap;
  private String influxUrl;
  private String influxDatabase;
  private String topicPrefix;
  private int plannerPort;
  private int ingestHttpPort;
  private int sinkPort;
  private int streamsPort;
  private Path stateDir;
  private Duration emitInterval;
  private String dayZone;
  private ServerLogins logins;

  PipelineSettingsBuilder() {}

  public PipelineSettingsBuilder mqttUrl(String mqttUrl) {
    this.mqttUrl = mqttUrl;
    return this;
  }

  public PipelineSettingsBuilder kafkaBootstrap(String kafkaBootstrap) {
    this.kafkaBootstrap = kafkaBootstrap;
    return this;
  }

  public PipelineSettingsBuilder influxUrl(String influxUrl) {
    this.influxUrl = influxUrl;
    return this;
  }

  public PipelineSettingsBuilder influxDatabase(String influxDatabase) {
    this.influxDatabase = influxDatabase;
    return this;
  }

  public PipelineSettingsBuilder topicPrefix(String topicPrefix) {
    this.topicPrefix = topicPrefix;
    return this;
  }

  public PipelineSettingsBuilder plannerPort(int plannerPort) {
    this.plannerPort = plannerPort;
    return this;
  }

  public PipelineSettingsBuilder ingestHttpPort(int ingestHttpPort) {
    this.ingestHttpPort = ingestHttpPort;
    return this;
  }

  public PipelineSettingsBuilder sinkPort(int sinkPort) {
    this.sinkPort = sinkPort;
    return this;
  }

  public PipelineSettingsBuilder streamsPort(int streamsPort) {
    this.streamsPort = streamsPort;
    return this;
  }

  public PipelineSettingsBuilder stateDir(Path stateDir) {
    this.stateDir = stateDir;
    return this;
  }

  public PipelineSettingsBuilder emitInterval(Duration emitInterval) {
    this.emitInterval = emitInterval;
    return this;
  }

  public PipelineSettingsBuilder dayZone(String dayZone) {
    this.dayZone = dayZone;
    return this;
  }

  public PipelineSettingsBuilder logins(ServerLogins logins) {
    this.logins = logins;
    return this;
  }

  public Pipeline.Settings build() {
    return new Pipeline.Settings(
        mqttUrl,
        kafkaBootstrap,
        influxUrl,
        influxDatabase,
        topicPrefix,
        plannerPort,
        ingestHttpPort,
        sinkPort,
        streamsPort,
        stateDir,
        emitInterval,
        dayZone,
        logins);
  }
}
