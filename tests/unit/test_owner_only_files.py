"""Owner-only files under the common umask 022: the secret key and the SQLite files are
created 0600 in 0700 directories, and looser existing ones are tightened (with a warning)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from flowgate.auth.tokens import load_or_create_secret
from flowgate.files import tighten_sqlite


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def common_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_secret_key_is_0600_in_new_0700_directories(tmp_path: Path) -> None:
    path = tmp_path / "state" / "keys" / "secret.key"
    first = load_or_create_secret(path)
    assert (mode(tmp_path / "state"), mode(path.parent), mode(path)) == (0o700, 0o700, 0o600)
    assert len(first) == 32
    assert load_or_create_secret(path) == first
    assert [p.name for p in path.parent.iterdir()] == ["secret.key"]  # no temporary left


def test_a_loose_secret_key_and_state_directory_are_tightened(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    state = tmp_path / "state"
    state.mkdir()
    state.chmod(0o755)
    (state / "secret.key").write_text("cd" * 32)
    (state / "secret.key").chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="flowgate.files"):
        assert load_or_create_secret(state / "secret.key") == bytes.fromhex("cd" * 32)
    assert (mode(state), mode(state / "secret.key")) == (0o700, 0o600)
    assert sum("was readable by others" in r.getMessage() for r in caplog.records) == 2


def test_the_sqlite_files_are_created_or_made_0600(tmp_path: Path) -> None:
    database = tmp_path / "flowgate.db"
    wal = tmp_path / "flowgate.db-wal"
    wal.touch()
    wal.chmod(0o644)
    tighten_sqlite(database)
    assert (mode(database), mode(wal)) == (0o600, 0o600)
    assert database.stat().st_size == 0  # an empty file: SQLite makes it a database
