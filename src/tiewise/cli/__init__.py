"""The ``tiewise`` command line (Typer + Rich). Presentation only: it reads and writes through the
store, computes through ``analysis``/``advice``, and prints.

``base.py`` holds the app, the shared state and helpers; each command group lives in a module of
its own (``report``, ``contacts``, ``activity``, ``importing``, ``goals``, ``advice``,
``decisions``, ``events``, ``serve``, ``study``, ``export``), imported here. Parsers, the demo
generator and rapidfuzz are imported inside the commands that need them, so that every other
command starts fast (see docs/decisions.md).

Errors a user can cause (a bad file, an unknown name) are :class:`~tiewise.errors.TiewiseError`;
they are printed as one clear line on stderr and end the command with exit status 2.
"""

# Each command group is a module of its own that registers its commands on ``base.app`` when
# imported; the order of these imports is the order of the commands in --help.
# isort: off
from tiewise.cli import report as _report  # noqa: F401
from tiewise.cli import contacts as _contacts  # noqa: F401
from tiewise.cli import activity as _activity  # noqa: F401
from tiewise.cli import importing as _importing  # noqa: F401
from tiewise.cli import sources as _sources  # noqa: F401
from tiewise.cli import sectors as _sectors  # noqa: F401
from tiewise.cli import goals as _goals  # noqa: F401
from tiewise.cli import advice as _advice  # noqa: F401
from tiewise.cli import decisions as _decisions  # noqa: F401
from tiewise.cli import events as _events  # noqa: F401
from tiewise.cli import series as _series  # noqa: F401
from tiewise.cli import serve as _serve  # noqa: F401
from tiewise.cli import study as _study  # noqa: F401
from tiewise.cli import export as _export  # noqa: F401

# isort: on
from tiewise.cli.base import app, root_command

__all__ = ["app", "main"]


def main() -> None:
    root_command()(prog_name="tiewise")


if __name__ == "__main__":
    main()
