"""Airflow DAG for the weekly table maintenance on AWS.

One task, ``maintain_on_emr``: ``appstore-etl emr submit --job maintenance --wait`` runs the
maintenance job on EMR Serverless and follows the job run to its final state. For every table the
job compacts small data files, expires snapshots older than ``MAINTENANCE_RETAIN_DAYS`` days
(default 7) and deletes orphan files older than ``MAINTENANCE_ORPHAN_AGE_HOURS`` hours (default
72, at least 24). See docs/maintenance-and-report.md.

The DAG runs on Sundays at 02:00 UTC, four hours before the daily DAG starts, because a
compaction that overlaps a curation run of the same table fails its commit and must be retried.

Configuration comes from the worker's environment, as for the daily DAG: ``APPSTORE_ETL_HOME``
and the AWS settings ``S3_BUCKET``, ``S3_PREFIX``, ``AWS_REGION``, ``GLUE_DB``,
``EMR_APPLICATION_ID`` and ``EMR_EXECUTION_ROLE_ARN`` (see docs/aws-emr.md).

The attempt number of ``emr submit`` is Airflow's try number, so a retry starts a new EMR job run
and a repeated submit of the same try returns the run already started.
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
RETAIN_DAYS = os.environ.get("MAINTENANCE_RETAIN_DAYS", "7")
ORPHAN_AGE_HOURS = os.environ.get("MAINTENANCE_ORPHAN_AGE_HOURS", "72")

MAINTAIN_COMMAND = (
    f"{LAUNCHER} emr submit --job maintenance"
    f" --retain-days {RETAIN_DAYS} --orphan-age-hours {ORPHAN_AGE_HOURS}"
    " --attempt {{ ti.try_number }} --wait"
)

with DAG(
    dag_id="appstore_etl_maintenance",
    description="Compact files, expire snapshots and remove orphan files of every table on EMR.",
    schedule="0 2 * * 0",
    start_date=datetime(2025, 1, 5),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "data-engineering",
        "retries": 1,
        "retry_delay": timedelta(minutes=30),
    },
    tags=["appstore-etl"],
) as dag:
    maintain_on_emr = BashOperator(
        task_id="maintain_on_emr",
        bash_command=MAINTAIN_COMMAND,
        env={"APPSTORE_ETL_HOME": APPSTORE_ETL_HOME},
        append_env=True,
        # Longer than `emr submit --wait` waits by default (execution timeout plus an hour).
        execution_timeout=timedelta(hours=5),
    )
