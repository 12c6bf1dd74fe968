"""Hourly inference stats: ingest -> stats -> publish for each hour, so the stats endpoint's
last-24-hours document is at most an hour behind. Quality and drift run in the daily DAG.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from monitoring_common import (CONFIG, DEFAULT_ARGS, JOB_JAR, LANDING_BUCKET, PACKAGES, SPARK_CONF,
                               SPARK_CONN_ID, WINDOW_END, WINDOW_START)

with DAG(
    dag_id="model_monitoring_hourly",
    schedule="@hourly",
    start_date=datetime(2026, 2, 1),
    catchup=True,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["model-monitoring"],
) as dag:
    wait_for_landing = S3KeySensor(
        task_id="wait_for_landing",
        bucket_name=LANDING_BUCKET,
        bucket_key="landing/inferences/dt={{ ds }}/*",
        wildcard_match=True,
        mode="reschedule",
        poke_interval=120,
        timeout=2 * 3600,
    )

    ingest = SparkSubmitOperator(
        task_id="ingest",
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class="io.monitoring.jobs.IngestJob",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["--config", CONFIG, "--as-of", WINDOW_END],
    )

    stats = SparkSubmitOperator(
        task_id="stats",
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class="io.monitoring.jobs.StatsJob",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["--config", CONFIG, "--start", WINDOW_START, "--end", WINDOW_END],
    )

    publish = SparkSubmitOperator(
        task_id="publish",
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class="io.monitoring.jobs.PublishJob",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["--config", CONFIG, "--start", WINDOW_START, "--end", WINDOW_END],
    )

    wait_for_landing >> ingest >> stats >> publish
