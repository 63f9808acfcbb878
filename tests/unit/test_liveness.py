"""When open work counts as lost, and the settings that say so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from flowgate.app.liveness import Liveness
from flowgate.config import Settings
from flowgate.domain.events import Heartbeat
from flowgate.runtime.eventlog import RunChannel


def test_work_is_lost_once_its_heartbeat_is_older_than_the_threshold() -> None:
    liveness = Liveness(beat_seconds=5, lost_after_seconds=60)
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    created = now - timedelta(hours=1)
    assert not liveness.is_lost(now - timedelta(seconds=59), created, now)
    assert liveness.is_lost(now - timedelta(seconds=61), created, now)
    assert liveness.is_lost(None, created, now)  # no heartbeat: its creation is its last sign of life
    naive = (now - timedelta(seconds=61)).replace(tzinfo=None)  # as SQLite hands it back
    assert liveness.is_lost(naive, created, now)


def test_the_lost_threshold_must_outlast_two_heartbeats() -> None:
    with pytest.raises(ValidationError, match="at least twice"):
        Settings(_env_file=None, run_heartbeat_seconds=40, run_lost_after_seconds=60)
    settings = Settings(_env_file=None, run_heartbeat_seconds=0.5, run_lost_after_seconds=3)
    assert (settings.run_heartbeat_seconds, settings.run_lost_after_seconds) == (0.5, 3)


async def test_a_rebuilt_log_numbers_its_events_after_what_the_reader_saw() -> None:
    channel = RunChannel("r", first_seq=8)
    channel.append(Heartbeat())
    channel.close()
    batches = [batch async for batch in channel.subscribe(after_seq=7)]
    assert [[item.seq for item in batch] for batch in batches] == [[8]]
    assert [batch async for batch in channel.subscribe(after_seq=8)] == []
