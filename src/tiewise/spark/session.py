"""The Spark master, checked before anything starts, and the SparkSession of a run.

Masters accepted (as ``spark-submit --master``): ``local``, ``local[N]``, ``local[*]``,
``local[N,F]``, ``spark://HOST:PORT`` (a standalone master; several ``HOST:PORT`` separated by
commas for standby masters), ``yarn`` and ``k8s://URL``. ``None`` leaves the master to
``spark-submit`` or ``spark.master`` in the configuration, and else to ``local[*]``.

A standalone master is checked with a TCP connection to its port (``MASTER_TIMEOUT`` seconds)
before the JVM starts: Spark itself would retry for a minute and then fail with a stack trace.
YARN and Kubernetes are reached through their own configuration (``HADOOP_CONF_DIR``, the
Kubernetes API URL) and checked by Spark.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import socket
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tiewise.errors import EngineError, Phrase

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: Seconds to wait for a standalone master to accept a connection.
MASTER_TIMEOUT = 5.0
_LOCAL = re.compile(r"local(\[(\*|[1-9]\d*)(,[1-9]\d*)?\])?")
_STANDALONE = re.compile(r"spark://(.+)")

#: Settings of every run unless the caller or spark-submit sets them (docs/scale.md).
DEFAULTS = {
    "spark.sql.adaptive.enabled": "true",
    "spark.sql.adaptive.skewJoin.enabled": "true",
    "spark.ui.showConsoleProgress": "false",
}


def check_master(master: str | None) -> None:
    """Refuse a master URL Spark would not accept, and a standalone master that does not
    answer, with an :class:`EngineError` naming the URL."""
    if master is None or _LOCAL.fullmatch(master) or master == "yarn":
        return
    if master.startswith("k8s://") and len(master) > len("k8s://"):
        return
    standalone = _STANDALONE.fullmatch(master)
    if standalone is None:
        raise EngineError(
            master,
            "a Spark master: local[N], spark://HOST:PORT, yarn or k8s://URL",
            repr(master),
        )
    problems = []
    for address in standalone.group(1).split(","):
        host, colon, port = address.rpartition(":")
        if not colon or not host or not port.isdigit():
            raise EngineError(master, "a standalone master as spark://HOST:PORT", repr(master))
        try:
            with socket.create_connection((host.strip("[]"), int(port)), MASTER_TIMEOUT):
                return
        except OSError as error:
            problems.append(f"{address}: {error.strerror or error}")
    raise EngineError(
        master,
        Phrase("a Spark master answering within {seconds:g} s", seconds=MASTER_TIMEOUT),
        Phrase("no answer ({reason})", reason="; ".join(problems)),
    )


def check_runtime() -> None:
    """Refuse to start without pyspark or a Java runtime, saying how to get them."""
    if importlib.util.find_spec("pyspark") is None:
        raise EngineError(
            "--engine spark",
            "pyspark (pip install 'tiewise[spark]')",
            "no pyspark in this Python",
        )
    if shutil.which("java") is None and not _java_home():
        raise EngineError(
            "--engine spark",
            "a Java runtime (Debian: apt-get install default-jre-headless)",
            "no java on PATH and no JAVA_HOME",
        )


def _java_home() -> bool:
    import os

    home = os.environ.get("JAVA_HOME")
    return bool(home) and os.path.exists(os.path.join(home, "bin", "java"))  # type: ignore[arg-type]


def spark_session(
    master: str | None = None,
    config: Mapping[str, str] | None = None,
    app_name: str = "tiewise measure",
) -> SparkSession:
    """A SparkSession on ``master`` (checked first) with ``DEFAULTS`` and ``config``; an active
    session (spark-submit's, or a test's) is reused as it is."""
    check_runtime()
    check_master(master)
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    for key, value in {**DEFAULTS, **(config or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
