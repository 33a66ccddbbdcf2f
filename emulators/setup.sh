#!/usr/bin/env bash
# Prepares the local emulators: the Kinesis emulator from npm and a tiny jar that keeps every
# listener of the S3 emulator on loopback. Idempotent; called by the Maven build and bin/run-local.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

if [ ! -f node_modules/kinesis-local/main.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

s3mock=lib/s3mock-exec.jar
loopback=lib/s3mock-loopback.jar
if [ ! -f "$s3mock" ]; then
  echo "missing $s3mock: run 'mvn generate-test-resources' first" >&2
  exit 1
fi
if [ ! -f "$loopback" ] || [ s3mock-loopback/src/io/socialpulse/emulators/LoopbackInitializer.java -nt "$loopback" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && unzip -q -o "$here/$s3mock" 'BOOT-INF/lib/spring-context-*' 'BOOT-INF/lib/spring-beans-*' 'BOOT-INF/lib/spring-core-*')
  mkdir -p "$work/classes/META-INF"
  javac --release 17 -nowarn -d "$work/classes" -cp "$(ls "$work"/BOOT-INF/lib/*.jar | paste -sd:)" \
    s3mock-loopback/src/io/socialpulse/emulators/LoopbackInitializer.java
  cp s3mock-loopback/spring.factories "$work/classes/META-INF/spring.factories"
  jar --create --file "$loopback" -C "$work/classes" .
fi
