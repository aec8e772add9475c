"""The index stage: the vault's notes in SQLite, kept up to date incrementally."""

from vaultnet.index.connection import open_index
from vaultnet.index.store import Index
from vaultnet.index.sync import SyncResult, index_path, sync_index

__all__ = ["Index", "SyncResult", "index_path", "open_index", "sync_index"]
