#!/usr/bin/env bash
# Daily App Store Connect run for cron: extract, curate on EMR Serverless, check health.
#
# Usage: appstore-etl-daily.sh [YYYY-MM-DD]
#   The metric date defaults to yesterday in UTC, the latest day Apple has published.
#
# Crontab example (06:15 UTC every day):
#   15 6 * * * /opt/appstore-etl/ops/cron/appstore-etl-daily.sh
#
# Settings come from the environment or from $APPSTORE_ETL_HOME/.env, which the extractor and
# `appstore-etl emr` read themselves (see docs/aws-emr.md). The script itself reads:
#   APPSTORE_ETL_HOME      built checkout (default: two folders above this script)
#   APPSTORE_ETL_LOG_DIR   log, lock, run summaries and attempt state (default: logs/ in the
#                          checkout)
#   RUN_HEALTH_CHECK       1 (default) runs `appstore-etl health --aws`, with `--alert` when a
#                          HEALTH_WEBHOOK_URL, HEALTH_SNS_TOPIC_ARN or HEALTH_CLOUDWATCH_NAMESPACE
#                          is set (docs/operations.md); 0 skips it
#
# Exit codes: 0 when every step succeeded; 1 when a step failed (the log names it); 75 when
# another run still holds the lock, so cron's mail shows an overlap.
#
# Every line of output goes to $APPSTORE_ETL_LOG_DIR/appstore-etl-daily-<date>.log.
set -euo pipefail

home="${APPSTORE_ETL_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
log_dir="${APPSTORE_ETL_LOG_DIR:-$home/logs}"
metric_date="${1:-$(date -u -d yesterday +%F)}"

if [[ ! "$metric_date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "Invalid metric date: $metric_date (expected YYYY-MM-DD)" >&2
  exit 1
fi
mkdir -p "$log_dir/runs" "$log_dir/attempts"
log_file="$log_dir/appstore-etl-daily-$metric_date.log"
exec >>"$log_file" 2>&1

log() {
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $*"
}

# One run at a time: a second one would curate the same dates while the first is still going.
exec 9>"$log_dir/appstore-etl-daily.lock"
if ! flock --nonblock 9; then
  log "Cannot start: another run holds the lock $log_dir/appstore-etl-daily.lock"
  exit 75
fi

cd "$home"
failed_steps=()
log "Start: metric date $metric_date, checkout $home"

# Step 1: extract. Exit code 1 means some apps failed and the others landed: their dates are
# still curated, and the run reports the failure at the end.
summary="$log_dir/runs/extract-$metric_date-$(date -u +%Y%m%dT%H%M%SZ)-$$.json"
log "Extract: landing what Apple published up to $metric_date"
extract_status=0
java -Xmx512m -cp "$(cat launcher/target/launcher-classpath.txt)" \
  io.appstoreetl.extractor.cli.ExtractorMain extract \
  --date "$metric_date" --summary-file "$summary" || extract_status=$?
if [[ ! -s "$summary" ]]; then
  log "Extract failed with exit code $extract_status and wrote no run summary; nothing to curate"
  exit 1
fi
if [[ "$extract_status" != 0 ]]; then
  failed_steps+=("extract (exit code $extract_status)")
fi

# The metric dates that the landed units touch, plus the run's own date.
date_range="$(python3 - "$summary" "$metric_date" <<'PY'
import json
import sys

summary_path, metric_date = sys.argv[1], sys.argv[2]
with open(summary_path, encoding="utf-8") as summary_file:
    touched = json.load(summary_file).get("touched_metric_dates", [])
dates = sorted(set(touched) | {metric_date})
print(dates[0], dates[-1])
PY
)"
read -r first_date last_date <<<"$date_range"

# Step 2: curate on EMR Serverless. Once a job run for this date has reached a final state, the
# attempt number goes up, so the next invocation starts a new job run. After a run that did not
# reach one (timed out wait, AWS error, killed script) the number stays the same, so `emr submit`
# finds that job run again through its client token.
attempt_file="$log_dir/attempts/$metric_date"
attempt=1
if [[ -s "$attempt_file" ]]; then
  read -r previous_attempt previous_outcome <"$attempt_file"
  if [[ "$previous_outcome" == pending ]]; then
    attempt="$previous_attempt"
  else
    attempt=$((previous_attempt + 1))
  fi
fi
echo "$attempt pending" >"$attempt_file"

log "Curate: EMR Serverless job for $first_date to $last_date, attempt $attempt"
curate_status=0
bin/appstore-etl emr submit --from "$first_date" --to "$last_date" --attempt "$attempt" --wait \
  || curate_status=$?
# Exit codes 0 (SUCCESS), 1 (FAILED) and 4 (CANCELLED) mean the job run ended. After 5 (wait
# timed out) or 6 (AWS error) it may still be running, and after 2 or 3 it never started.
case "$curate_status" in
  0 | 1 | 4) echo "$attempt done" >"$attempt_file" ;;
esac
if [[ "$curate_status" != 0 ]]; then
  failed_steps+=("curate (exit code $curate_status)")
fi

# Step 3: health check.
if [[ "${RUN_HEALTH_CHECK:-1}" == 1 ]]; then
  log "Health: checking freshness of every table"
  health_status=0
  health_options=(--aws)
  if [[ -n "${HEALTH_WEBHOOK_URL:-}${HEALTH_SNS_TOPIC_ARN:-}${HEALTH_CLOUDWATCH_NAMESPACE:-}" ]] \
    || grep -qsE '^(export )?HEALTH_(WEBHOOK_URL|SNS_TOPIC_ARN|CLOUDWATCH_NAMESPACE)=.' .env; then
    health_options+=(--alert)
  fi
  bin/appstore-etl health "${health_options[@]}" || health_status=$?
  if [[ "$health_status" != 0 ]]; then
    failed_steps+=("health (exit code $health_status)")
  fi
fi

if ((${#failed_steps[@]} > 0)); then
  printf -v failures '%s; ' "${failed_steps[@]}"
  log "Failed: ${failures%; }"
  exit 1
fi
log "Done: metric date $metric_date"
