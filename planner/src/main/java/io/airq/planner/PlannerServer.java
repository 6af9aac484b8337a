package io.airq.planner;

import com.sun.net.httpserver.HttpServer;
import io.airq.core.closure.Closure;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.planner.api.Api;
import io.airq.planner.api.ImpactService;
import io.airq.planner.influx.AverageReader;
import io.airq.planner.registry.Registry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The planner: REST API, web page and exports on a JDK HTTP server. */
public final class PlannerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlannerServer.class);

  private final HttpServer http;
  private final ExecutorService executor;
  private final Registry registry;
  private final AverageReader reader;
  private final KafkaProducer<byte[], byte[]> producer;

  private PlannerServer(PlannerConfig cfg) throws IOException {
    LOG.info("starting planner with {}", cfg);
    this.registry = new Registry(cfg.kafkaBootstrap(), cfg.topicPrefix(), cfg.kafka()).start();
    this.reader =
        new AverageReader(
            cfg.influxUrl(),
            cfg.influxUser(),
            cfg.influxPassword(),
            cfg.influxDatabase(),
            cfg.influxRawPolicy());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.kafkaBootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putAll(cfg.kafka());
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    Topic<String, Closure> closures = Topics.CLOSURES.prefixed(cfg.topicPrefix());
    Api api =
        new Api(
            registry,
            new ImpactService(reader, registry),
            reader,
            cfg,
            c -> {
              try {
                producer
                    .send(
                        new ProducerRecord<>(
                            closures.name(),
                            closures.serializeKey(c.id()),
                            closures.serializeValue(c)))
                    .get(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the closure", e);
              } catch (Exception e) {
                throw new IllegalStateException("could not write the closure to Kafka", e);
              }
              registry.remember(c);
            });
    this.http = HttpServer.create(new InetSocketAddress(cfg.httpBind(), cfg.httpPort()), 0);
    this.executor = Executors.newFixedThreadPool(4);
    http.setExecutor(executor);
    http.createContext("/", api::handle);
    http.start();
    LOG.info("planner listening on http://{}:{}/", cfg.httpBind(), port());
  }

  /** Starts the planner; {@code cfg.httpPort() == 0} picks a free port. */
  public static PlannerServer start(PlannerConfig cfg) {
    try {
      return new PlannerServer(cfg);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the planner HTTP server", e);
    }
  }

  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(1);
    executor.shutdownNow();
    producer.close();
    reader.close();
    try {
      registry.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
