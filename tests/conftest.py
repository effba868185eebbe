"""Shared fixtures: a fresh store per test, and one demo database per session."""

from __future__ import annotations

import gc
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from tiewise.demo import build_demo
from tiewise.store import Store

DEMO_TODAY = date(2026, 11, 1)

# CI runs the property tests with a fixed search (the same examples every run), so a build never
# fails by chance; local runs keep exploring new examples and remember failures in .hypothesis/.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as opened:
        build_demo(opened, seed=1, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo database that a test may change."""
    target = tmp_path / "demo.db"
    shutil.copy(demo_db, target)
    return target


@pytest.fixture(autouse=True)
def _private_keys(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Erasure keys go to a folder of the test run, never to the user's keyring or home (see
    ``tiewise.erasure_key``); commands started as processes inherit the same."""
    monkeypatch.setenv("TIEWISE_KEY_DIR", str(tmp_path_factory.mktemp("keys")))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture(autouse=True)
def _unfrozen_collector():
    """Commands freeze the garbage collector's view of their Snapshot (a command is a short-lived
    process); CliRunner runs them inside the test process, so each test ends by unfreezing."""
    yield
    gc.unfreeze()
