#!/usr/bin/env bash
# Soak run: the daily job on 30 consecutive simulated days for 92 apps against the sandbox, with
# two to four of the sandbox's fault switches armed at random (seeded) every day, then the last
# day once more without faults, then a row-by-row comparison of the analytics tables and `sales`
# with the sandbox's ground truth. The last line is `soak_days=<n> apps=<n> mismatched_rows=<n>`.
# Arguments, all optional: [days] [apps] [seed] [work folder], defaults 30 92 7 and a temporary
# folder that is deleted at the end. Recorded runs and their times: docs/benchmarks.md.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
# The soak needs compiled code only, so a formatting check does not stop it.
mvn -B -ntp -q -pl launcher -am package -DskipTests -Dspotless.check.skip=true
launcher_jar="$(ls "$home"/launcher/target/launcher-*.jar | head -n 1)"
exec java -Xmx4g -Dappstore.etl.home="$home" \
  -cp "$launcher_jar:$(cat "$home/launcher/target/launcher-classpath.txt")" \
  io.appstoreetl.launcher.SoakRun "${1:-30}" "${2:-92}" "${3:-7}" ${4:+"$4"}
