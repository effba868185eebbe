"""``python -m tiewise`` runs the command line."""

from tiewise.cli import main

main()
