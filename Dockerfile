# airq services image: one image, the service is the command (ingest | streams | sink | planner | simulate).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q install -DskipTests -DskipITs -Dspotless.check.skip=true \
 && mkdir -p /out/lib \
 && cp app/target/classpath.txt /out/ \
 && tr ':' '\n' < app/target/classpath.txt | xargs -I{} cp {} /out/lib/ \
 && cp -r app/target/classes /out/classes

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 airq
COPY --from=build /out /opt/airq
USER airq
ENTRYPOINT ["java", "-cp", "/opt/airq/classes:/opt/airq/lib/*", "io.airq.app.AirqMain"]
CMD ["--help"]
