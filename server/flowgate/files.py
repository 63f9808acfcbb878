"""Owner-only files: the state directory, the SQLite database, the secret key and logs
hold run data, credentials and password hashes, so only the server's user may read them.

Directories are created 0700 and files 0600. One that exists looser (an older install, a
`cp` that kept 0644) is tightened, with a warning: these are the server's own files.
Processes that create files (`flowgate serve`, `flowgate dev`) also set the umask to
0o077, which covers files made by libraries (SQLite's -wal/-shm/-journal) and children.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600


def owner_only_umask() -> None:
    """Files this process (and its children) create are owner-only unless made otherwise."""
    os.umask(0o077)


def _tighten(path: Path, mode: int) -> None:
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if current & 0o077 == 0:
        return
    try:
        path.chmod(mode)
    except OSError as exc:
        log.warning("%s is readable by others (mode %o) and cannot be tightened: %s", path, current, exc)
        return
    log.warning("%s was readable by others (mode %o): made owner-only", path, current)


def private_dir(path: Path) -> Path:
    """`path` (and missing parents) as a directory only the owner can enter."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for created in missing:  # mkdir's mode applies to the leaf only, and under the umask
        created.chmod(DIR_MODE)
    if path not in missing:
        _tighten(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """`path` exists as a file only the owner can read (created empty if missing)."""
    os.close(os.open(path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, FILE_MODE))
    _tighten(path, FILE_MODE)
    return path


def open_private(path: Path, flags: int) -> int:
    """`os.open(path, flags)`, creating it 0600; an existing looser file is tightened."""
    fd = os.open(path, flags | os.O_CLOEXEC, FILE_MODE)
    _tighten(path, FILE_MODE)
    return fd


def tighten_sqlite(database: Path) -> None:
    """The database file made owner-only (created empty if missing, which SQLite accepts),
    and any -wal, -shm or -journal beside it. SQLite creates those with the database
    file's mode, so a 0600 database keeps them 0600."""
    private_file(database)
    for suffix in ("-wal", "-shm", "-journal"):
        _tighten(database.with_name(database.name + suffix), FILE_MODE)
