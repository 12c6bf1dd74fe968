"""Weekly maintenance of the Delta tables: compact small files, vacuum old files past the
configured retention, delete rows older than the configured age.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from monitoring_common import CONFIG, DEFAULT_ARGS, JOB_JAR, PACKAGES, SPARK_CONF, SPARK_CONN_ID, WINDOW_END

with DAG(
    dag_id="model_monitoring_maintenance",
    schedule="@weekly",
    start_date=datetime(2026, 2, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["model-monitoring"],
) as dag:
    maintenance = SparkSubmitOperator(
        task_id="maintenance",
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class="io.monitoring.jobs.MaintenanceJob",
        packages=PACKAGES,
        conf=SPARK_CONF,
        application_args=["--config", CONFIG, "--as-of", WINDOW_END],
    )
