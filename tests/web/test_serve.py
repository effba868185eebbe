"""``tiewise serve``: loopback by default, an access token when bound elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewise.cli import app

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
