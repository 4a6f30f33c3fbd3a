#!/usr/bin/env bash
# How long a minimal Quarkus application (quarkus-arc + quarkus-vertx-http) takes to start, built
# with and without the Snowplow extension: RUNS starts of each, alternating, as Quarkus reports
# them ("started in …s"). Both are built in one reactor with this checkout's modules, so nothing
# is installed. Usage, from the repository root: benchmarks/quarkus-startup/measure.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for variant in plain snowplow; do
  cp -r "$root/benchmarks/quarkus-startup/app" "$work/$variant"
  sed -i "s|<artifactId>quarkus-startup-app</artifactId>|<artifactId>quarkus-startup-$variant</artifactId>|" \
    "$work/$variant/pom.xml"
done
sed -i 's|<!-- snowplow: .* -->|<dependency><groupId>io.github.snowplowjakarta</groupId><artifactId>snowplow-jakarta-quarkus</artifactId><version>0.1.0-SNAPSHOT</version></dependency>|' \
  "$work/snowplow/pom.xml"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.github.snowplowjakarta.benchmarks</groupId>
  <artifactId>quarkus-startup-aggregator</artifactId>
  <version>0.1.0-SNAPSHOT</version>
  <packaging>pom</packaging>
  <modules>
    <module>$(realpath --relative-to="$work" "$root")</module>
    <module>plain</module>
    <module>snowplow</module>
  </modules>
</project>
POM
mvn -B -q -f "$work/pom.xml" package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip \
  -Dcyclonedx.skip -Dspotless.check.skip \
  -pl plain,snowplow,:snowplow-jakarta-quarkus-deployment -am >&2

# Milliseconds Quarkus reports for one start of this variant.
start() {
  local log="$work/$1.log"
  java -jar "$work/$1/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 600); do
    if grep -q 'started in' "$log"; then break; fi
    sleep 0.05
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  grep -o 'started in [0-9.]*s' "$log" | tr -dc '0-9.' | awk '{printf "%d\n", $1 * 1000}'
}

for variant in plain snowplow; do
  start "$variant" >/dev/null
  echo "$variant: $(grep -o 'Installed features: .*' "$work/$variant.log")" >&2
done

echo "variant ms"
for _ in $(seq "$runs"); do
  for variant in plain snowplow; do
    echo "$variant $(start "$variant")"
  done
done
