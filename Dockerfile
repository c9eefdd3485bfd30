# syntax=docker/dockerfile:1
# The image `./mvnw -Pimage package` builds with Jib (bot/pom.xml), for those who prefer `docker build -t ticolops .`:
# the same user, port, volume, environment and labels (ImageIT compares them), on Google's distroless Java 17 base:
# Debian's glibc and a JRE, which is what bot/src/image/base.sh assembles where no registry is reachable.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests package \
 && java -Djarmode=tools -jar bot/target/ticolops.jar extract --layers --launcher --destination /layers \
 && mkdir -p /ticolops-home

FROM gcr.io/distroless/java17-debian12:nonroot
ARG VERSION=0.1.0-SNAPSHOT
# Spring Boot's layers, least often changed first, so a change of code rebuilds only the last one.
COPY --from=build /layers/dependencies/ /app/
COPY --from=build /layers/spring-boot-loader/ /app/
COPY --from=build /layers/snapshot-dependencies/ /app/
COPY --from=build /layers/application/ /app/
COPY --from=build --chown=65532:65532 /ticolops-home /var/lib/ticolops
ENV TICOLOPS_HOME=/var/lib/ticolops
VOLUME /var/lib/ticolops
USER 65532:65532
EXPOSE 8080
WORKDIR /app
LABEL org.opencontainers.image.title="Ticolops" \
      org.opencontainers.image.description="Chat-ops for Slack and Discord with GitHub and GitLab" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="https://github.com/ticolops/ticolops" \
      org.opencontainers.image.licenses="Apache-2.0"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
