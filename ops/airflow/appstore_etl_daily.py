"""Airflow DAG for the daily App Store Connect run on AWS.

Three steps, one task each:

1. ``extract``: the extractor lands what Apple published in the raw zone (``RAW_ROOT``) and
   writes a run summary. The task prints the range of metric dates that the landed units touch.
2. ``curate_on_emr``: ``appstore-etl emr submit --wait`` runs the Spark job on EMR Serverless for
   that range and follows the job run to its final state.
3. ``health``: ``appstore-etl health --aws --alert`` checks that every table is as fresh as
   Apple's publishing allows, that no date of the last 35 days is missing, that no ONGOING request
   stopped and that the last runs succeeded. When anything is wrong it sends the problems to the
   configured webhook, SNS topic or CloudWatch namespace and the task fails with exit code 1; exit
   code 3 means it could not read the lake (see docs/operations.md).

A fourth task, ``extract_errors``, runs beside ``health`` after the curation and fails the DAG run
when the extractor reported failed apps: the apps that did land are still curated first, as
``appstore-etl daily`` does.

Configuration comes from the worker's environment (or the ``.env`` file in ``APPSTORE_ETL_HOME``):
the extractor's ``ASC_*``, ``APPLE_VENDOR_NUMBER``, ``APP_IDS`` and ``RAW_ROOT``, and the AWS
settings ``S3_BUCKET``, ``S3_PREFIX``, ``AWS_REGION``, ``GLUE_DB``, ``EMR_APPLICATION_ID`` and
``EMR_EXECUTION_ROLE_ARN`` (see docs/aws-emr.md), and for the health task ``HEALTH_SPARK_JARS`` and
at least one of ``HEALTH_WEBHOOK_URL``, ``HEALTH_SNS_TOPIC_ARN`` and ``HEALTH_CLOUDWATCH_NAMESPACE``
(see docs/operations.md). ``APPSTORE_ETL_HOME`` names a built checkout
(``mvn -DskipTests install``) on every worker.

The attempt number of ``emr submit`` is Airflow's try number: a retry or a cleared task starts a
new EMR job run, and a job run is never started twice for the same try. A retry after a worker
crash therefore starts a second run while the first may still be going; the curation job
rewrites the same partitions either way.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow import DAG

try:  # Airflow 3 moved the operator to the standard provider.
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2.4 to 2.x
    from airflow.operators.bash import BashOperator

APPSTORE_ETL_HOME = os.environ.get("APPSTORE_ETL_HOME", "/opt/appstore-etl")
LAUNCHER = f"{APPSTORE_ETL_HOME}/bin/appstore-etl"
RUNS_DIRECTORY = os.environ.get("APPSTORE_ETL_RUNS_DIR", f"{APPSTORE_ETL_HOME}/runs")

# Runs the extractor as the launcher does, in its own JVM with the launcher's runtime classpath,
# and writes the run summary to a local file. The last line printed, which Airflow keeps as the
# task's XCom, is "FROM TO EXIT": the first and last metric date to curate and the extractor's
# exit code. Exit code 1 means some apps failed and the others landed, so the task still
# succeeds. Without a summary the extractor did not run at all, and the task fails.
EXTRACT_COMMAND = r"""
set -euo pipefail
cd "$APPSTORE_ETL_HOME"
summary="$RUNS_DIRECTORY/extract-{{ ds }}-{{ ti.try_number }}.json"
mkdir -p "$RUNS_DIRECTORY"
rm -f "$summary"
status=0
java -Xmx512m -cp "$(cat launcher/target/launcher-classpath.txt)" \
  io.appstoreetl.extractor.cli.ExtractorMain extract \
  --date {{ ds }} --summary-file "$summary" >&2 || status=$?
if [[ ! -s "$summary" ]]; then
  echo "Extractor exited with $status and wrote no run summary" >&2
  exit 1
fi
python3 - "$summary" {{ ds }} "$status" <<'PY'
import json
import sys

summary_path, metric_date, status = sys.argv[1], sys.argv[2], sys.argv[3]
with open(summary_path, encoding="utf-8") as summary_file:
    touched = json.load(summary_file).get("touched_metric_dates", [])
dates = sorted(set(touched) | {metric_date})
print(dates[0], dates[-1], status)
PY
"""

RANGE = "ti.xcom_pull(task_ids='extract').split()"

CURATE_COMMAND = (
    f"{LAUNCHER} emr submit"
    f" --from {{{{ {RANGE}[0] }}}} --to {{{{ {RANGE}[1] }}}}"
    " --attempt {{ ti.try_number }} --wait"
)

EXTRACT_ERRORS_COMMAND = (
    f'status="{{{{ {RANGE}[2] }}}}"; '
    'if [[ "$status" != 0 ]]; then '
    'echo "The extractor exited with $status: some apps failed to land (see its run summary)" >&2; '
    "exit 1; fi"
)

with DAG(
    dag_id="appstore_etl_daily",
    description="Extract App Store Connect reports, curate them on EMR Serverless, check health.",
    # At 06:00 UTC the run for data interval D (ds) starts on D+1, when Apple has published D.
    schedule="0 6 * * *",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    # Two runs at once would curate overlapping dates in parallel.
    max_active_runs=1,
    default_args={
        "owner": "data-engineering",
        "retries": 2,
        "retry_delay": timedelta(minutes=15),
    },
    tags=["appstore-etl"],
) as dag:
    environment = {
        "APPSTORE_ETL_HOME": APPSTORE_ETL_HOME,
        "RUNS_DIRECTORY": RUNS_DIRECTORY,
    }

    extract = BashOperator(
        task_id="extract",
        bash_command=EXTRACT_COMMAND,
        env=environment,
        append_env=True,
        execution_timeout=timedelta(hours=2),
    )

    curate_on_emr = BashOperator(
        task_id="curate_on_emr",
        bash_command=CURATE_COMMAND,
        env=environment,
        append_env=True,
        # Longer than `emr submit --wait` waits by default (execution timeout plus an hour).
        execution_timeout=timedelta(hours=5),
    )

    health = BashOperator(
        task_id="health",
        bash_command=f"{LAUNCHER} health --aws --alert",
        env=environment,
        append_env=True,
        retries=0,
        execution_timeout=timedelta(minutes=30),
    )

    extract_errors = BashOperator(
        task_id="extract_errors",
        bash_command=EXTRACT_ERRORS_COMMAND,
        retries=0,
    )

    extract >> curate_on_emr >> [health, extract_errors]
