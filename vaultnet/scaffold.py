"""`vaultnet init`: the per-vault state folder (SPEC 1)."""

from __future__ import annotations

from pathlib import Path

from vaultnet.config import CONFIG_NAME, CONFIG_TEMPLATE, INDEX_NAME, STATE_DIR
from vaultnet.errors import VaultnetError, VaultNotFound
from vaultnet.write import write_new

GITIGNORE = f"""\
# vaultnet's index is rebuilt from the notes at any time: keep it out of git.
{INDEX_NAME}
{INDEX_NAME}-*
"""


def init_vault(vault: Path) -> list[str]:
    """Write `.vaultnet/config.toml` and `.vaultnet/.gitignore`; the paths written.

    A missing vault folder is created, as `git init DIR` does. An existing
    config is never overwritten: it holds the user's settings.
    """
    if vault.exists() and not vault.is_dir():
        raise VaultNotFound(f"{vault} is a file, not a folder; pass the vault's folder")
    state = vault / STATE_DIR
    config = state / CONFIG_NAME
    if config.exists():
        raise VaultnetError(f"{STATE_DIR}/{CONFIG_NAME} already exists in {vault}; edit it, "
                            "or delete it and run `vaultnet init` again for the defaults")
    written = []
    if write_new(config, CONFIG_TEMPLATE):
        written.append(f"{STATE_DIR}/{CONFIG_NAME}")
    if keep_index_out_of_git(state):
        written.append(f"{STATE_DIR}/.gitignore")
    return written


def keep_index_out_of_git(state: Path) -> bool:
    """Write the state folder's ``.gitignore`` unless it has one; whether it was written.

    ``vaultnet init`` writes it, and so does the first command that makes an
    index: a vault used without ``init`` must not have its index (rewritten by
    every command) committed by ``git add -A``."""
    return write_new(state / ".gitignore", GITIGNORE, listed=False)
