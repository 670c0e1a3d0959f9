#!/usr/bin/env bash
# Extractor benchmark: 92 apps, the full report set, one day, against the sandbox with 100 ms
# added to every API response and a limit of 3,600 requests per hour; then one 1 GiB segment
# landed with -Xmx256m. It prints its figures as the last five lines and takes about five minutes.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Builds the project when needed, as the launcher does.
"$home/bin/appstore-etl" --version >/dev/null
launcher_jar="$(ls "$home"/launcher/target/launcher-*.jar | head -n 1)"
exec java -Dappstore.etl.home="$home" \
  -cp "$launcher_jar:$(cat "$home/launcher/target/launcher-classpath.txt")" \
  io.appstoreetl.launcher.ExtractBenchmark "${1:-92}"
