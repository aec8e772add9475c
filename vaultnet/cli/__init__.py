"""The `vaultnet` command line (see ``vaultnet.cli.base``)."""

from vaultnet.cli import followup, interop, notes, vault  # noqa: F401  (they add the commands)
from vaultnet.cli.base import cli, main

__all__ = ["cli", "main"]
