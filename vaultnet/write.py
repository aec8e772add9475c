"""The one place that writes files into the vault.

Writes are atomic (a temporary file in the same folder, then ``os.replace``,
as jrnl does), so a crash or Ctrl-C never leaves half a file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_new(path: Path, text: str) -> bool:
    """Write a file that must not exist yet; False (and nothing written) when it does."""
    if path.exists():
        return False
    atomic_write(path, text.encode("utf-8"))
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
