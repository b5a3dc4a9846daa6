#!/usr/bin/env bash
# Runs an exploration on Spark, embedded (local[*] by default, bound to 127.0.0.1):
#   ./defines-spark.sh EXPLORATION.yaml [--out DIR] [--master local[2]] [--batch N]
# Builds defines-spark and resolves Spark's jars with Maven on first use (about 220 MB).
# On a cluster use spark-submit instead (see README):
#   spark-submit --class io.defines.spark.SparkSweep defines-spark/target/defines-spark.jar EXPLORATION.yaml
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/defines-spark/target/defines-spark.jar"
cp_file="$root/defines-spark/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ] || [ -n "$(find "$root" -name '*.java' -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  echo "defines-spark: building (first run or sources changed)…" >&2
  (cd "$root" && mvn -B -q -DskipTests -pl defines-spark -am install >/dev/null 2>&1) || { echo "defines-spark: build failed; run mvn -pl defines-spark -am install" >&2; exit 1; }
  (cd "$root" && mvn -B -q -pl defines-spark dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$cp_file" >/dev/null 2>&1)
fi
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"  # embedded runs stay on the loopback interface
exec java "${opens[@]}" ${DEFINES_JAVA_OPTS:-} -cp "$jar:$(cat "$cp_file")" io.defines.spark.SparkSweep "$@"
