#!/usr/bin/env bash
# Bad-input corpus: imports every file of launcher/src/test/resources/bad-inputs/ (and the big ones
# BadInputCorpusTest generates) in one `appstore-etl import` run, through BadInputCorpusTest, then
# prints each file's expected and actual outcome. The last line is
# `bad_inputs=<n> handled=<n> crashed=<n>`. Exits 1 when a file's outcome differs from
# expected.tsv. The test took about a minute on 2 CPUs, after the build.
set -uo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
outcomes="$home/launcher/target/bad-inputs/outcomes.tsv"
rm -f "$outcomes"

# The test starts the extractor and the Spark job from the installed build outputs.
mvn -B -ntp -q -f "$home/pom.xml" -DskipTests install -pl launcher -am >&2 || exit 1
mvn -B -ntp -q -f "$home/pom.xml" -pl launcher surefire:test -Dtest=BadInputCorpusTest >&2
status=$?

if [[ ! -f "$outcomes" ]]; then
  echo "bad-inputs: the test wrote no $outcomes" >&2
  exit 1
fi
column -t -s $'\t' "$outcomes" 2>/dev/null | sed '$d' || sed '$d' "$outcomes"
tail -n 1 "$outcomes"
exit "$status"
