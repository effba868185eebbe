"""One SparkSession for every test that needs Spark (the JVM starts once per test run), in
local mode on two cores with a small driver and few shuffle partitions."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

#: Settings of the test session: tiny inputs, so few partitions and no adaptive re-planning.
TEST_SETTINGS = {
    "spark.driver.memory": "1g",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.sql.adaptive.enabled": "false",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}


def spark_available() -> str | None:
    """Why Spark cannot run here, or ``None`` when it can."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[test]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (make test installs default-jre-headless)"
    return None


@pytest.fixture(scope="session")
def spark():
    """The session-wide SparkSession, local[2]."""
    reason = spark_available()
    if reason is not None:
        if os.environ.get("CI"):  # every suite runs in CI: make test installs Java and pyspark
            pytest.fail(f"Spark cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master("local[2]").appName("tiewise tests")
    for key, value in TEST_SETTINGS.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
