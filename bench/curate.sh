#!/usr/bin/env bash
# Curation benchmark: curating one large day against a bare CSV-to-Parquet copy of the same
# files, and a daily run with a year of history stored against the same run with one day stored.
# Everything runs in one warmed-up Spark session (local[2]). The runs alternate A B A B, three of
# each by default, and the last two lines are the ratios of their medians. Arguments, all
# optional: [large rows] [segments] [history days] [rows per day] [repeats], defaults 5000000 10
# 365 20000 3. Spark's and the job's logs go to target/bench/curate.log. With the defaults it
# took 6 min 33 s on 2 cores (docs/benchmarks.md).
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
# The benchmark needs compiled code only, so a formatting check does not stop it.
mvn -B -ntp -q -pl table-schema,spark-curation -am install -DskipTests -Dspotless.check.skip=true
mvn -B -ntp -q -pl spark-curation test-compile -Dspotless.check.skip=true

out="$home/target/bench"
work="$out/curate-work"
rm -rf "$work"
mkdir -p "$work"

exec java \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  -Xmx8g \
  -cp "spark-curation/target/test-classes:spark-curation/target/classes:$(cat spark-curation/target/spark-classpath.txt)" \
  io.appstoreetl.curation.bench.CurationBenchmark "$work" "$@" 2>"$out/curate.log"
