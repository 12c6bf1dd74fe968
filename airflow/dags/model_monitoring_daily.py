"""Daily model monitoring: ingest -> join labels -> stats, quality, drift -> publish -> catalog.

Each run covers [data_interval_start, data_interval_end) of one UTC day. Safe for catchup and
backfill: ingest inserts only new keys, every other job replaces the rows of its own window.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from monitoring_common import (CONFIG, DEFAULT_ARGS, JOB_JAR, LANDING_BUCKET, PACKAGES, SPARK_CONF,
                               SPARK_CONN_ID, WINDOW_END, WINDOW_START)

with DAG(
    dag_id="model_monitoring_daily",
    schedule="@daily",
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
        poke_interval=300,
        timeout=6 * 3600,
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

    join_labels = SparkSubmitOperator(
        task_id="join_labels",
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class="io.monitoring.jobs.JoinLabelsJob",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["--config", CONFIG, "--start", WINDOW_START, "--end", WINDOW_END],
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

    quality = SparkSubmitOperator(
        task_id="quality",
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class="io.monitoring.jobs.QualityJob",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["--config", CONFIG, "--start", WINDOW_START, "--end", WINDOW_END],
    )

    drift = SparkSubmitOperator(
        task_id="drift",
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class="io.monitoring.jobs.DriftJob",
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

    register_tables = SparkSubmitOperator(
        task_id="register_tables",
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class="io.monitoring.jobs.RegisterTablesJob",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["--config", CONFIG],
    )

    wait_for_landing >> ingest >> join_labels >> [stats, quality, drift] >> publish >> register_tables
