"""A block's failure is typed (reason, message, block id) in the domain, in stored run rows
and on the wire; rows stored before reasons were kept still read as typed failures."""

from __future__ import annotations

from flowgate.api.converters import session_to_proto
from flowgate.domain.models import BlockSession, BlockStatus, RunError
from flowgate.store.runs import _session_error, _session_json


def test_a_stored_session_keeps_its_typed_error() -> None:
    session = BlockSession("b", "code", "B", BlockStatus.FAILED, None, RunError("BLOCK_FAILED", "boom", "b"))
    stored = _session_json(session)
    assert (stored["error"], stored["errorReason"]) == ("boom", "BLOCK_FAILED")
    assert _session_error(stored) == RunError("BLOCK_FAILED", "boom", "b")


def test_sessions_stored_without_a_reason_read_as_typed_errors() -> None:
    failed = {"blockId": "b", "blockType": "code", "blockName": "B", "status": "failed", "error": "boom"}
    stopped = {**failed, "status": "cancelled", "error": "stopped"}
    assert _session_error(failed) == RunError("BLOCK_FAILED", "boom", "b")
    assert _session_error(stopped) == RunError("BLOCK_CANCELLED", "stopped", "b")
    assert _session_error({**failed, "status": "completed", "error": ""}) is None


def test_the_proto_session_carries_the_run_error_message() -> None:
    failed = session_to_proto(
        BlockSession("b", "code", "B", BlockStatus.FAILED, None, RunError("BLOCK_FAILED", "x", "b"))
    )
    assert (failed.error.reason, failed.error.message, failed.error.block_id) == ("BLOCK_FAILED", "x", "b")
    done = session_to_proto(BlockSession("b", "code", "B", BlockStatus.COMPLETED, 1))
    assert not done.HasField("error")
