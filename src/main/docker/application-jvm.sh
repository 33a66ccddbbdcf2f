#!/bin/sh
# The native image's command line on the JVM image: /work/application [healthcheck | athena-ddl [table]].
# ECS runs "/work/application healthcheck" as the container's health check in both images.
# APP_HOME is where the quarkus-app layout lives (/deployments in the image); JAVA_OPTS the JVM's options.
#
# "/work/application train-aot" is run once by the image build (Java 25): it starts the service
# with nowhere to send, lets the demo source run for AOT_TRAINING_SECONDS (default 15), stops it,
# and keeps the classes it loaded and linked as $APP_HOME/social-pulse.aot. Every later start uses
# that cache when it is there (about a fifth sooner to ready; README, Performance).
APP_HOME="${APP_HOME:-/deployments}"
AOT_CACHE="$APP_HOME/social-pulse.aot"
if [ "$1" = healthcheck ]; then
  # A small JVM that loads one class and the JDK's HTTP client: no framework start, a few MB of heap.
  exec java -Xmx16m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData \
    -cp "$APP_HOME"/app/social-pulse-*.jar io.socialpulse.HealthProbe
fi
if [ "$1" = train-aot ]; then
  log="${TMPDIR:-/tmp}/aot-training.log"
  rm -f "$AOT_CACHE"
  # shellcheck disable=SC2086
  env KINESIS_STREAM=aot-training LAKE_BUCKET=aot-training \
    KINESIS_ENDPOINT=http://127.0.0.1:9 S3_ENDPOINT=http://127.0.0.1:9 S3_PATH_STYLE=true \
    AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=training AWS_SECRET_ACCESS_KEY=training \
    SOURCES_ENABLED=demo SHUTDOWN_DELAY=0s SERVICE_STOP_BUDGET=2s PORT="${PORT:-8080}" \
    java ${JAVA_OPTS:-} -XX:AOTCacheOutput="$AOT_CACHE" -jar "$APP_HOME/quarkus-run.jar" >"$log" 2>&1 &
  pid=$!
  waited=0
  until grep -q "Listening on" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 120 ]; then
      cat "$log"; echo "train-aot: the service did not start" >&2; exit 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  sleep "${AOT_TRAINING_SECONDS:-15}"
  kill -TERM "$pid"
  wait "$pid" || true
  if [ ! -s "$AOT_CACHE" ]; then
    cat "$log"; echo "train-aot: no cache was written (Java 25 or later is needed)" >&2; exit 1
  fi
  echo "train-aot: $(du -h "$AOT_CACHE" | cut -f1) cache at $AOT_CACHE"
  exit 0
fi
AOT=""
if [ -s "$AOT_CACHE" ]; then
  AOT="-XX:AOTCache=$AOT_CACHE"
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} $AOT -jar "$APP_HOME/quarkus-run.jar" "$@"
