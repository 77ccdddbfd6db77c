# syntax=docker/dockerfile:1.7
#
# One image recipe for the five Payrail services (docs/operations.md, "Build the images"):
#   docker build --build-arg SERVICE=payment-processor -t payrail/payment-processor:0.1.0 .
# SERVICE is the Maven module: order-ingest, risk-streams, payment-processor, refund-processor,
# loyalty-streams. ACQUIRER=simulated (payment- and refund-processor only) builds a demo image that
# carries the simulated acquirer (docker-compose.yml and the dev overlay use it); without it the
# image holds no acquirer and needs an integration of your own (docs/operations.md).

############################ build: the Maven reactor, through the wrapper ############################
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
ARG ACQUIRER=
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<module>" >&2; exit 1; } \
 && case "${ACQUIRER}" in ""|simulated) ;; \
      *) echo "ACQUIRER is empty (none) or simulated, not ${ACQUIRER}" >&2; exit 1 ;; esac
WORKDIR /src
# The whole reactor (.dockerignore leaves out target/ and the deployment files): Maven reads every
# module's pom even when it builds one service.
COPY . .
# -am builds the modules the service needs (schemas, and local-stack, which only its tests use);
# the cache mount keeps ~/.m2 (Maven itself and every dependency) across builds of all five images.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -DskipTests -pl "${SERVICE}" -am ${ACQUIRER:+-P${ACQUIRER}-acquirer} \
 && cp "${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar" /app.jar

############################ run: a JRE, a non-root user, nothing else ################################
FROM eclipse-temurin:17-jre
ARG SERVICE
LABEL org.opencontainers.image.title="payrail-${SERVICE}"
# curl is what the compose health checks call; Kubernetes probes need nothing in the image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 payrail \
 && useradd --system --uid 10001 --gid payrail --home-dir /app --shell /usr/sbin/nologin payrail \
 && mkdir -p /app /var/lib/payrail/state \
 && chown -R payrail:payrail /var/lib/payrail
# /var/lib/payrail/state is where the Streams services keep RocksDB state: a volume in compose, a
# PersistentVolumeClaim on Kubernetes. It exists in the image, owned by the service user, so that a
# fresh named volume inherits that ownership.
COPY --from=build --chown=root:root /app.jar /app/app.jar
USER 10001:10001
WORKDIR /app
# Heap as a share of the container's memory limit; JAVA_TOOL_OPTIONS adds or overrides flags
# (the Streams services lower it to leave room for RocksDB's off-heap memory).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
