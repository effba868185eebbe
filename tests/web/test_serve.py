"""``tiewise serve``: loopback by default, an access token when bound elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewise.cli import app
from tiewise.web.safety import machine_addresses

runner = CliRunner()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict:
    seen: dict = {}

    def run(application, host, port, log_level):
        seen.update(app=application, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", run)
    return seen


def test_serve_binds_to_loopback_without_a_token(tmp_path: Path, started: dict):
    result = runner.invoke(app, ["--db", str(tmp_path / "t.db"), "serve"])
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == ("127.0.0.1", 8765)
    assert "http://127.0.0.1:8765/ " in result.output and "token" not in result.output


def test_serve_elsewhere_prints_a_random_token(tmp_path: Path, started: dict):
    result = runner.invoke(
        app, ["--db", str(tmp_path / "t.db"), "serve", "--host", "0.0.0.0", "--port", "9000"]
    )
    assert result.exit_code == 0, result.output
    token = result.output.split("?token=")[1].split()[0]
    assert len(token) >= 24
    middleware = started["app"].user_middleware[0]
    assert middleware.kwargs["token"] == token
    assert "0.0.0.0:9000" in middleware.kwargs["hosts"]


def test_serve_on_every_address_accepts_the_machines_addresses_and_loopback(
    tmp_path: Path, started: dict
):
    """The link printed opens on this machine (127.0.0.1, not 0.0.0.0, which browsers may
    refuse); the machine's own addresses and localhost are accepted, all with the token."""
    result = runner.invoke(
        app, ["--db", str(tmp_path / "t.db"), "serve", "--host", "0.0.0.0", "--port", "9000"]
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:9000/?token=" in result.output
    hosts = started["app"].user_middleware[0].kwargs["hosts"]
    assert {"127.0.0.1:9000", "localhost:9000", "[::1]:9000", "0.0.0.0:9000"} <= hosts
    for address in machine_addresses():
        assert (f"[{address}]:9000" if ":" in address else f"{address}:9000") in hosts
    token = result.output.split("?token=")[1].split()[0]
    for url in result.output.split("(the same token): ")[1:]:
        assert all(link.endswith(f"?token={token}") for link in url.split())


def test_the_machines_addresses_come_from_the_standard_library(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr("socket.gethostname", lambda: "studio")
    monkeypatch.setattr(
        "socket.getaddrinfo",
        lambda host, port: [(2, 1, 6, "", ("192.0.2.10", 0)), (10, 1, 6, "", ("fe80::1%eth0", 0))],
    )
    found = machine_addresses()
    assert {"studio", "192.0.2.10", "fe80::1", "127.0.0.1", "localhost", "::1"} <= found
    assert "0.0.0.0" not in found
