"""A throwaway Spark standalone cluster on this machine: one master and one worker started from
the pyspark distribution (``bin/spark-class``), bound to 127.0.0.1 on free ports, run as the
current user, stopped on exit. For the tests and benchmarks of the Spark engine on a cluster
rather than in local mode, and to try ``--master spark://…`` on one machine.

    with StandaloneCluster(cores=1, memory="1g") as cluster:
        run tiewise measure EDGES --engine spark --master cluster.url --out DIR

Settings for the driver of a run (``spark.driver.host``, executor memory, …) go into
``spark-defaults.conf`` of ``cluster.conf_dir``; pass ``cluster.environment()`` to the process
that runs the driver.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

#: Seconds to wait for the master to listen and the worker to register.
START_TIMEOUT = 180.0


def spark_home() -> Path:
    """The Spark distribution inside the installed pyspark package."""
    import pyspark

    return Path(pyspark.__file__).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StandaloneCluster:
    """A master and a worker with ``cores`` and ``memory`` for executors (module docstring)."""

    def __init__(
        self,
        cores: int = 1,
        memory: str = "1g",
        daemon_memory: str = "256m",
        defaults: dict[str, str] | None = None,
    ) -> None:
        self.cores = cores
        self.memory = memory
        self.daemon_memory = daemon_memory
        self.defaults = {
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            **(defaults or {}),
        }
        self.port = free_port()
        self.url = f"spark://127.0.0.1:{self.port}"
        self._folder = tempfile.TemporaryDirectory(prefix="tiewise-spark-")
        self.folder = Path(self._folder.name)
        self.conf_dir = self.folder / "conf"
        self._processes: list[subprocess.Popen] = []

    def environment(self) -> dict[str, str]:
        """The environment for the cluster's daemons and for a driver that submits to it."""
        return {
            **os.environ,
            "SPARK_HOME": str(spark_home()),
            "SPARK_CONF_DIR": str(self.conf_dir),
            "SPARK_LOCAL_IP": "127.0.0.1",
            "SPARK_DAEMON_MEMORY": self.daemon_memory,
            "SPARK_LOG_DIR": str(self.folder / "logs"),
            "SPARK_WORKER_DIR": str(self.folder / "work"),
        }

    def __enter__(self) -> StandaloneCluster:
        self.conf_dir.mkdir()
        (self.conf_dir / "spark-defaults.conf").write_text(
            "".join(f"{key} {value}\n" for key, value in self.defaults.items())
        )
        try:
            master_log = self._start(
                "master",
                "org.apache.spark.deploy.master.Master",
                ["--host", "127.0.0.1", "--port", str(self.port), "--webui-port", "0"],
            )
            self._wait(lambda: _listening(self.port), master_log, "the master to listen")
            self._start(
                "worker",
                "org.apache.spark.deploy.worker.Worker",
                [
                    "--host", "127.0.0.1", "--cores", str(self.cores),
                    "--memory", self.memory, "--webui-port", "0",
                    "--work-dir", str(self.folder / "work"), self.url,
                ],
            )  # fmt: skip
            self._wait(
                lambda: "Registering worker" in master_log.read_text(errors="replace"),
                master_log,
                "the worker to register",
            )
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, name: str, main_class: str, arguments: list[str]) -> Path:
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(spark_home() / "bin" / "spark-class"), main_class, *arguments],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self.environment(),
                start_new_session=True,
            )
        self._processes.append(process)
        return log

    def _wait(self, ready, log: Path, what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready():
            if any(p.poll() is not None for p in self._processes):
                raise RuntimeError(f"a Spark daemon ended while waiting for {what}:\n" + _tail(log))
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}:\n" + _tail(log))
            time.sleep(0.5)

    def stop(self) -> None:
        """Stop the worker, then the master (their process groups), and remove the folder."""
        for process in reversed(self._processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        self._processes.clear()
        self._folder.cleanup()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), 1.0):
            return True
    except OSError:
        return False


def _tail(log: Path, lines: int = 30) -> str:
    if not log.exists():
        return "(no log)"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
