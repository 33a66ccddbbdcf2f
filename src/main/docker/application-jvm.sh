#!/bin/sh
# The native image's command line on the JVM image: /work/application [healthcheck | athena-ddl [table]].
# ECS runs "/work/application healthcheck" as the container's health check in both images.
# APP_HOME is where the quarkus-app layout lives (/deployments in the image).
APP_HOME="${APP_HOME:-/deployments}"
if [ "$1" = healthcheck ]; then
  # A small JVM that loads one class and the JDK's HTTP client: no framework start, a few MB of heap.
  exec java -Xmx16m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData \
    -cp "$APP_HOME"/app/social-pulse-*.jar io.socialpulse.HealthProbe
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar "$APP_HOME/quarkus-run.jar" "$@"
