"""Exact bytes of the released-app family."""

from __future__ import annotations

from datetime import UTC, datetime

from flowgate.dialects import released_app
from flowgate.domain.errors import ErrorKind, ErrorReport, FieldViolation
from flowgate.domain.events import (
    BlockChunk,
    BlockOutput,
    BlockStarted,
    Event,
    RunCompleted,
    RunStarted,
    Sequenced,
)
from flowgate.domain.models import BlockSession, BlockStatus, RunStatus

NOW = datetime(2026, 1, 1, tzinfo=UTC).timestamp()


def seq(*events: Event) -> list[Sequenced]:
    return [Sequenced(i + 1, NOW, e) for i, e in enumerate(events)]


COMPLETED = RunCompleted(
    run_id="r",
    status=RunStatus.SUCCEEDED,
    global_ctx=(BlockOutput("b", "code", "处理数据", "处理结果"),),
    sessions=(BlockSession("b", "code", "处理数据", BlockStatus.COMPLETED, "处理结果"),),
    duration_ms=1234,
    timed_out=False,
    outputs=None,
)


def test_ndjson_lines_match_the_reference_document() -> None:
    text = released_app.ndjson(
        seq(
            RunStarted("r", "d", "dep", "1.0.0"), BlockStarted("b", "code", "x"), BlockChunk("b", "部分输出"), COMPLETED
        )
    )
    assert text == (
        '{"type":"run_start","runId":"r","documentId":"d","seq":1}\n'
        '{"type":"block_start","blockId":"b","blockType":"code","seq":2}\n'
        '{"type":"block_chunk","blockId":"b","delta":"部分输出","seq":3}\n'
        '{"type":"run_complete","runId":"r","globalCtx":[{"blockId":"b","blockType":"code","blockName":"处理数据",'
        '"output":"处理结果"}],"sessions":[{"blockId":"b","blockType":"code","blockName":"处理数据",'
        '"status":"completed","output":"处理结果"}],"duration":1234,"seq":4}\n'
    )


def test_sse_frames_name_the_event_and_omit_type() -> None:
    assert released_app.sse(seq(RunStarted("r", "d", "dep", "1.0.0"))) == (
        'id: 1\nevent: run_start\ndata: {"runId":"r","documentId":"d"}\n\n'
    )


def test_one_shot_document() -> None:
    assert released_app.one_shot("d", COMPLETED) == (
        '{"runId":"r","documentId":"d","globalCtx":[{"blockId":"b","blockType":"code","blockName":"处理数据",'
        '"output":"处理结果"}],"sessions":[{"blockId":"b","blockType":"code","blockName":"处理数据",'
        '"status":"completed","output":"处理结果"}],"duration":1234,"status":"success","timedOut":false}'
    )


def test_a_failed_run_shows_an_error_event_before_run_complete() -> None:
    failed = RunCompleted("r", RunStatus.FAILED, (), (), 5, True, None, "RUN_TIMED_OUT", "too slow")
    lines = released_app.ndjson(seq(failed)).splitlines()
    assert lines[0] == '{"type":"error","error":"too slow","seq":1}'
    assert lines[1].startswith('{"type":"run_complete"')
    body = released_app.one_shot("d", failed)
    assert '"status":"error","timedOut":true,"error":"too slow"' in body


def test_error_body() -> None:
    report = ErrorReport(ErrorKind.INVALID, "X", "Input validation failed", (FieldViolation("text", "is required"),))
    assert released_app.error_body(report) == (
        '{"error":"Input validation failed","details":[{"field":"text","message":"is required"}]}'
    )
    assert released_app.error_body(ErrorReport(ErrorKind.UNAUTHENTICATED, "U", "Unauthorized")) == (
        '{"error":"Unauthorized"}'
    )
