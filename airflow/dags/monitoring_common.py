"""Shared pieces of the model-monitoring DAGs.

The DAGs are thin schedulers: every task is a spark-submit of one job class of the job jar, and
every window reaches the jar as templated arguments (data_interval_start / data_interval_end), so
retries, catchup and backfills recompute exactly the same windows and replace their rows.
"""
from datetime import timedelta

# Airflow Variables name the jar and the environment config; the defaults suit a container image.
JOB_JAR = "{{ var.value.get('monitoring_job_jar', '/opt/monitoring/monitoring-jobs-job.jar') }}"
CONFIG = "{{ var.value.get('monitoring_config', '/opt/monitoring/conf/cluster.conf') }}"
LANDING_BUCKET = "{{ var.value.get('monitoring_landing_bucket', 'my-monitoring-bucket') }}"

WINDOW_START = "{{ data_interval_start.isoformat() }}"
WINDOW_END = "{{ data_interval_end.isoformat() }}"

SPARK_CONN_ID = "spark_default"
SPARK_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
}
PACKAGES = "org.apache.hadoop:hadoop-aws:3.3.4"

DEFAULT_ARGS = {
    "owner": "ml-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "depends_on_past": False,
}
