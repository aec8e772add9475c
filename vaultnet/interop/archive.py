"""Exports handed over as a ZIP archive, read as they are, without unpacking:
LinkedIn's "Get a copy of your data" (``Basic_LinkedInDataExport_12-03-2026.zip``,
with its ``Connections.csv``) and Google Takeout's contacts (``takeout-….zip``,
with ``Takeout/Contacts/My Contacts/My Contacts.vcf`` and a file for each label).
"""

from __future__ import annotations

import io
from collections.abc import Callable

from vaultnet.errors import VaultnetError

# The most of one file read out of an archive: years of contacts are a few MB;
# more is no export of an address book's (or a ZIP bomb).
MOST_IN_ARCHIVE = 256 * 1024 * 1024


def is_archive(data: bytes) -> bool:
    """Whether ``data`` is a ZIP archive."""
    return data[:4] == b"PK\x03\x04"


def _own_name(member) -> str:
    """A file's name in an archive without its folders, in lower case."""
    return member.filename.replace("\\", "/").rsplit("/", 1)[-1].lower()


def file_names(data: bytes) -> set[str]:
    """The names of the archive's files (:func:`_own_name`), none read; none for
    an archive that cannot be read."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {_own_name(m) for m in archive.infolist() if not m.is_dir()}
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
        return set()


def archive_files(data: bytes, name: str, wanted: Callable[[str], bool],
                  what: str) -> list[tuple[str, bytes]]:
    """The files of the archive ``data`` (called ``name``) whose own names
    (:func:`_own_name`) are ``wanted``, shallowest first: for each, the
    name to give it in messages (``name/Takeout/Contacts/…/My Contacts.vcf``) and
    its bytes. VaultnetError, saying that it has no ``what``, when none is; or
    that the archive cannot be read (damaged, encrypted), or that one of them is
    too large."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = sorted((m for m in archive.infolist() if not m.is_dir() and wanted(_own_name(m))),
                           key=lambda m: (m.filename.count("/"), m.filename))
            if not found:
                raise VaultnetError(f"{name}: no {what} in this archive")
            for member in found:
                if member.file_size > MOST_IN_ARCHIVE:
                    raise VaultnetError(f"{name}: its {member.filename} is "
                                        f"{member.file_size // 2**20:,} MB, too large for an "
                                        "export; unpack it and import the file if it is one")
            return [(f"{name}/{member.filename}", archive.read(member)) for member in found]
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        # (an encrypted or damaged archive; a method zipfile does not read)
        raise VaultnetError(f"{name}: cannot read this ZIP archive ({exc}); unpack it and "
                            f"import its {what}") from exc
