# airq services image: one image, the service is the command:
#   ingest | streams | sink | planner   (each [--config FILE], runs until SIGTERM)
#   simulate | replay | load            (the simulator)
# Configuration: AIRQ_<KEY> environment variables, see docs/configuration.md.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q install -DskipTests -DskipITs -Dspotless.check.skip=true \
 && mkdir -p /out/lib \
 && tr ':' '\n' < app/target/classpath.txt | xargs -I{} cp {} /out/lib/ \
 && cp -r app/target/classes /out/classes

FROM eclipse-temurin:17-jre
# libgomp1: the OpenMP runtime XGBoost's native library (the planner's airq-impact-2 model) links to.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 airq \
 && mkdir -p /var/lib/airq/streams \
 && chown -R airq /var/lib/airq
COPY --from=build /out /opt/airq
USER airq
# The throughput collector: a fifth less CPU per reading than G1 in ./airq bench (docs/streams.md).
# Setting JAVA_TOOL_OPTIONS replaces it.
ENV JAVA_TOOL_OPTIONS="-XX:+UseParallelGC"
# The container's console is its log: the libraries' warnings stay on it (./airq keeps them in
# .airq/airq.log only), and the log file goes to the state volume's directory.
ENV AIRQ_LOG_LIBRARY_CONSOLE_LEVEL=WARN \
    AIRQ_LOG_FILE=/var/lib/airq/airq.log
# planner (API, page, /health, /metrics), ingest (HTTP push, /health, /metrics),
# sink and streams (/health, /metrics)
EXPOSE 8080 8081 8082 8083
# Exec form: java is PID 1 and gets SIGTERM, so the services' shutdown hooks close them cleanly.
ENTRYPOINT ["java", "-cp", "/opt/airq/classes:/opt/airq/lib/*", "io.airq.app.AirqMain"]
CMD ["--help"]
