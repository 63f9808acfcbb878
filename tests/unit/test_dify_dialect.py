"""The Dify family's wire format (`dialects.dify`, `dialects.dify_stream`) from domain
values: the reference document's examples, its error list, the stream's framing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from flowgate.dialects import Dialect, dify
from flowgate.dialects.dify import RunContext
from flowgate.dialects.dify_stream import StreamRenderer
from flowgate.dialects.json_limits import DEFAULT_MAX_JSON_DEPTH
from flowgate.domain.errors import (
    ErrorKind,
    ErrorReport,
    FieldViolation,
    FlowgateError,
    InputValidationFailed,
    InsufficientCredits,
    LimitExceeded,
    NotFound,
    PermissionDenied,
)
from flowgate.domain.events import (
    BlockChunk,
    BlockCompleted,
    BlockEnded,
    BlockStarted,
    Event,
    Heartbeat,
    LoopIteration,
    RunCompleted,
    RunErrorEvent,
    RunStarted,
    Sequenced,
)
from flowgate.domain.models import BlockSession, BlockStatus, Edge, Graph, Node, Run, RunError, RunStatus


def ordered(text: str) -> Any:
    """JSON with every object as its list of (key, value) pairs: equal means equal in order too."""
    return json.loads(text, object_pairs_hook=list)


def keys(text: str) -> list[str]:
    return list(json.loads(text))


def body_of(err: FlowgateError) -> tuple[int, str]:
    report = ErrorReport.of(err)
    return dify.http_status(report), dify.error_body(report)


# -- the reference document's examples ----------------------------------------------------------

SEED_BLOCKING = """{
    "workflow_run_id": "djflajgkldjgd",
    "task_id": "9da23599-e713-473b-982c-4328d4f5c78a",
    "data": {
        "id": "fdlsjfjejkghjda",
        "workflow_id": "fldjaslkfjlsda",
        "status": "succeeded",
        "outputs": {
          "text": "Nice to meet you."
        },
        "error": null,
        "elapsed_time": 0.875,
        "total_tokens": 3562,
        "total_steps": 8,
        "created_at": 1705407629,
        "finished_at": 1727807631
    }
}"""


def _sessions(tokens: list[int]) -> tuple[BlockSession, ...]:
    return tuple(
        BlockSession(f"b{i}", "llm", f"B{i}", BlockStatus.COMPLETED, {"text": "x", "usage": {"total_tokens": n}})
        for i, n in enumerate(tokens)
    )


def test_blocking_answer_is_the_documented_one() -> None:
    done = RunCompleted(
        run_id="djflajgkldjgd",
        status=RunStatus.SUCCEEDED,
        global_ctx=(),
        sessions=_sessions([3000, 500, 62, 0, 0, 0, 0, 0]),
        duration_ms=875,
        timed_out=False,
        outputs={"text": "Nice to meet you."},
    )
    run = RunContext(
        run_id="djflajgkldjgd",
        workflow_id="fldjaslkfjlsda",
        user="abc-123",
        created_at=1705407629,
        task_id="9da23599-e713-473b-982c-4328d4f5c78a",
    )
    answer = dify.blocking_answer(done, run, finished_at=1727807631.9)
    # The reference's example gives `data.id` another value than `workflow_run_id`; both
    # are the run's id (as in Dify), so that one field is the run id here.
    expected = json.loads(SEED_BLOCKING)
    expected["data"]["id"] = "djflajgkldjgd"
    assert ordered(answer) == ordered(json.dumps(expected))
    assert answer == json.dumps(expected, separators=(",", ":"))


def test_a_failed_run_is_still_an_answer_with_its_error() -> None:
    done = RunCompleted("r1", RunStatus.FAILED, (), (), 1500, False, None, "BLOCK_FAILED", "llm: boom", "b1")
    answer = dify.blocking_answer(done, RunContext("r1", "w1", "u", 10), 12)
    assert answer == (
        '{"workflow_run_id":"r1","task_id":"r1","data":{"id":"r1","workflow_id":"w1","status":"failed",'
        '"outputs":null,"error":"llm: boom","elapsed_time":1.5,"total_tokens":0,"total_steps":0,'
        '"created_at":10,"finished_at":12}}'
    )


SEED_STOP = """{
  "result": "success"
}"""


def test_stop_answer_is_the_documented_one() -> None:
    assert ordered(dify.STOP_ANSWER) == ordered(SEED_STOP)
    assert dify.STOP_ANSWER == '{"result":"success"}'


SEED_PARAMETERS = """{
  "user_input_form": [
      {
          "paragraph": {
              "label": "Query",
              "variable": "query",
              "required": true,
              "default": ""
          }
      }
  ],
  "file_upload": {
      "image": {
          "enabled": false,
          "number_limits": 3,
          "detail": "high",
          "transfer_methods": [
              "remote_url",
              "local_file"
          ]
      }
  },
  "system_parameters": {
      "image_file_size_limit": "10"
  }
}"""


def _graph(*inputs: dict[str, Any]) -> Graph:
    return Graph(
        (Node("start", "start", {"inputs": list(inputs)}), Node("end", "end", {})),
        (Edge("e1", "start", "end"),),
    )


def test_parameters_are_the_documented_ones() -> None:
    body = dify.parameters(_graph({"name": "query", "label": "Query", "type": "string", "required": True}))
    assert ordered(body) == ordered(SEED_PARAMETERS)
    assert body == json.dumps(json.loads(SEED_PARAMETERS), separators=(",", ":"))


def test_input_form_controls_by_type() -> None:
    form = dify.input_form(
        _graph(
            {"name": "tone", "type": "string", "options": ["warm", "dry"], "default": "warm"},
            {"name": "n", "type": "integer"},
            {"name": "x", "type": "number", "required": True},
            {"name": "flag", "type": "boolean", "default": False},
            {"name": "cfg", "type": "object"},
            {"name": "items", "type": "array"},
            {"name": "plain"},
        )
    )
    assert form == [
        {
            "select": {
                "label": "tone",
                "variable": "tone",
                "required": False,
                "default": "warm",
                "options": ["warm", "dry"],
            }
        },
        {"number": {"label": "n", "variable": "n", "required": False, "default": ""}},
        {"number": {"label": "x", "variable": "x", "required": True, "default": ""}},
        {"checkbox": {"label": "flag", "variable": "flag", "required": False, "default": False}},
        {"json_object": {"label": "cfg", "variable": "cfg", "required": False, "default": ""}},
        {"json_object": {"label": "items", "variable": "items", "required": False, "default": ""}},
        {"paragraph": {"label": "plain", "variable": "plain", "required": False, "default": ""}},
    ]


def test_info_body() -> None:
    assert dify.info("Demo", "Says hello", "team-1", ["a"]) == (
        '{"name":"Demo","description":"Says hello","tags":["a"],"mode":"workflow","author_name":"team-1"}'
    )


SEED_RUN_DETAIL_KEYS = [
    "id",
    "workflow_id",
    "status",
    "inputs",
    "outputs",
    "error",
    "total_steps",
    "total_tokens",
    "created_at",
    "finished_at",
    "elapsed_time",
]


SEED_RUN_DETAIL = {
    "id": "b1ad3277-089e-42c6-9dff-6820d94fbc76",
    "workflow_id": "19eff89f-ec03-4f75-b0fc-897e7effea02",
    "status": "succeeded",
    "inputs": '{"sys.files": [], "sys.user_id": "abc-123"}',
    "outputs": None,
    "error": None,
    "total_steps": 3,
    "total_tokens": 0,
    "created_at": "Thu, 18 Jul 2024 03:17:40 -0000",
    "finished_at": "Thu, 18 Jul 2024 03:18:10 -0000",
    "elapsed_time": 30.098514399956912,
}
"""The reference's run-detail example, verbatim (the document wins over Dify 1.13 here)."""


def test_run_detail_is_the_reference_example() -> None:
    run = Run(
        id="b1ad3277-089e-42c6-9dff-6820d94fbc76",
        deployment_id="19eff89f-ec03-4f75-b0fc-897e7effea02",
        document_id="doc",
        team_id="t",
        caller_team_id="t",
        status=RunStatus.SUCCEEDED,
        inputs={},
        created_at=datetime(2024, 7, 18, 3, 17, 40, 250000, tzinfo=UTC),
        outputs=None,
        sessions=(
            *_sessions([0, 0, 0]),
            BlockSession("s", "condition", "S", BlockStatus.SKIPPED),
            BlockSession("h", "llm", "H", BlockStatus.COMPLETED, {"usage": {"total_tokens": 9}}),
        ),
        duration_ms=30099,  # whole milliseconds: elapsed_time 30.099 where the reference shows 30.0985…
        ended_at=datetime(2024, 7, 18, 3, 18, 10, tzinfo=UTC),
    )
    detail = dify.run_detail(run, user="abc-123", hidden=frozenset({"h"}))
    assert keys(detail) == SEED_RUN_DETAIL_KEYS
    expected = {**SEED_RUN_DETAIL, "elapsed_time": 30.099}
    assert json.loads(detail) == expected
    assert detail == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))
    with_inputs = replace(run, inputs={"query": "hi"})
    assert json.loads(json.loads(dify.run_detail(with_inputs, user="u"))["inputs"]) == {
        "query": "hi",
        "sys.files": [],
        "sys.user_id": "u",
    }
    running = dify.run_detail(Run("r", "d", "doc", "t", "t", RunStatus.RUNNING, {}, run.created_at))
    assert json.loads(running)["status"] == "running"
    assert json.loads(running)["finished_at"] is None
    stopped = Run("r", "d", "doc", "t", "t", RunStatus.CANCELLED, {}, run.created_at, error_message="")
    assert json.loads(dify.run_detail(stopped))["status"] == "stopped"


# -- the stream ---------------------------------------------------------------------------------

SEED_STREAM = """data: {"event": "workflow_started", "task_id": "5ad4cb98-f0c7-4085-b384-88c403be6290", "workflow_run_id": "5ad498-f0c7-4085-b384-88cbe6290", "data": {"id": "5ad498-f0c7-4085-b384-88cbe6290", "workflow_id": "dfjasklfjdslag", "sequence_number": 1, "created_at": 1679586595}}

data: {"event": "node_started", "task_id": "5ad4cb98-f0c7-4085-b384-88c403be6290", "workflow_run_id": "5ad498-f0c7-4085-b384-88cbe6290", "data": {"id": "5ad498-f0c7-4085-b384-88cbe6290", "node_id": "dfjasklfjdslag", "node_type": "start", "title": "Start", "index": 0, "predecessor_node_id": "fdljewklfklgejlglsd", "inputs": {}, "created_at": 1679586595}}

data: {"event": "node_finished", "task_id": "5ad4cb98-f0c7-4085-b384-88c403be6290", "workflow_run_id": "5ad498-f0c7-4085-b384-88cbe6290", "data": {"id": "5ad498-f0c7-4085-b384-88cbe6290", "node_id": "dfjasklfjdslag", "node_type": "start", "title": "Start", "index": 0, "predecessor_node_id": "fdljewklfklgejlglsd", "inputs": {}, "outputs": {}, "status": "succeeded", "elapsed_time": 0.324, "execution_metadata": {"total_tokens": 63127864, "total_price": 2.378, "currency": "USD"},  "created_at": 1679586595}}

data: {"event": "workflow_finished", "task_id": "5ad4cb98-f0c7-4085-b384-88c403be6290", "workflow_run_id": "5ad498-f0c7-4085-b384-88cbe6290", "data": {"id": "5ad498-f0c7-4085-b384-88cbe6290", "workflow_id": "dfjasklfjdslag", "outputs": {}, "status": "succeeded", "elapsed_time": 0.324, "total_tokens": 63127864, "total_steps": "1", "created_at": 1679586595, "finished_at": 1679976595}}

"""  # noqa: E501 - the reference document's example, verbatim

RUN = RunContext(
    run_id="run-1",
    workflow_id="dep-1",
    user="abc-123",
    created_at=1679586595.5,
    inputs={"query": "hi"},
    task_id="task-1",
    end_user_id="eu-1",
    hidden=frozenset({"hidden"}),
)
T0 = 1679586595.5


def _seq(*events: Event, step: float = 0.25) -> list[Sequenced]:
    return [Sequenced(i + 1, T0 + i * step, e) for i, e in enumerate(events)]


LLM_OUT = {"text": "Hello", "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}

SUCCESS = (
    RunStarted("run-1", "doc-1", "dep-1", "1.0.0"),
    BlockStarted("start", "start", "Start"),
    BlockCompleted("start", {"query": "hi"}),
    BlockEnded("start", BlockStatus.COMPLETED),
    BlockStarted("hidden", "transform", "Internal"),
    BlockCompleted("hidden", 1),
    BlockEnded("hidden", BlockStatus.COMPLETED),
    BlockStarted("llm", "llm", "Answer"),
    LoopIteration("llm", 0, BlockStatus.RUNNING),
    BlockChunk("llm", "Hel"),
    BlockChunk("llm", "lo"),
    BlockCompleted("llm", LLM_OUT),
    BlockEnded("llm", BlockStatus.COMPLETED),
    RunCompleted(
        "run-1",
        RunStatus.SUCCEEDED,
        (),
        (
            BlockSession("start", "start", "Start", BlockStatus.COMPLETED, {"query": "hi"}),
            BlockSession("hidden", "transform", "Internal", BlockStatus.COMPLETED, 1),
            BlockSession("llm", "llm", "Answer", BlockStatus.COMPLETED, LLM_OUT),
        ),
        3250,
        False,
        {"answer": "Hello"},
    ),
)

EXPECTED_SUCCESS = [
    '{"event":"workflow_started","workflow_run_id":"run-1","task_id":"task-1","data":{"id":"run-1",'
    '"workflow_id":"dep-1","inputs":{"query":"hi"},"created_at":1679586595}}',
    '{"event":"node_started","workflow_run_id":"run-1","task_id":"task-1","data":{"id":"<start>",'
    '"node_id":"start","node_type":"start","title":"Start","index":0,"predecessor_node_id":null,'
    '"inputs":{},"created_at":1679586595}}',
    '{"event":"node_finished","workflow_run_id":"run-1","task_id":"task-1","data":{"id":"<start>",'
    '"node_id":"start","node_type":"start","title":"Start","index":0,"predecessor_node_id":null,'
    '"inputs":{},"process_data":null,"outputs":{"query":"hi"},"status":"succeeded","error":null,'
    '"elapsed_time":0.5,"execution_metadata":{"total_tokens":0,"total_price":0,"currency":"USD"},'
    '"created_at":1679586595,"finished_at":1679586596}}',
    '{"event":"node_started","workflow_run_id":"run-1","task_id":"task-1","data":{"id":"<llm>",'
    '"node_id":"llm","node_type":"llm","title":"Answer","index":1,"predecessor_node_id":"start",'
    '"inputs":{},"created_at":1679586597}}',
    '{"event":"text_chunk","workflow_run_id":"run-1","task_id":"task-1","data":{"text":"Hel",'
    '"from_variable_selector":["llm","text"]}}',
    '{"event":"text_chunk","workflow_run_id":"run-1","task_id":"task-1","data":{"text":"lo",'
    '"from_variable_selector":["llm","text"]}}',
    '{"event":"node_finished","workflow_run_id":"run-1","task_id":"task-1","data":{"id":"<llm>",'
    '"node_id":"llm","node_type":"llm","title":"Answer","index":1,"predecessor_node_id":"start",'
    '"inputs":{},"process_data":null,"outputs":{"text":"Hello","usage":{"prompt_tokens":3,'
    '"completion_tokens":2,"total_tokens":5}},"status":"succeeded","error":null,"elapsed_time":1.25,'
    '"execution_metadata":{"total_tokens":5,"total_price":0,"currency":"USD"},"created_at":1679586597,'
    '"finished_at":1679586598}}',
    '{"event":"workflow_finished","workflow_run_id":"run-1","task_id":"task-1","data":{"id":"run-1",'
    '"workflow_id":"dep-1","status":"succeeded","outputs":{"answer":"Hello"},"error":null,'
    '"elapsed_time":3.25,"total_tokens":5,"total_steps":2,"created_by":{"id":"eu-1","user":"abc-123"},'
    '"created_at":1679586595,"finished_at":1679586598}}',
]


def _node_ids(text: str) -> dict[str, str]:
    return {
        f"<{frame['data']['node_id']}>": frame["data"]["id"]
        for frame in (json.loads(line.removeprefix("data: ")) for line in text.split("\n\n") if line)
        if frame["event"] == "node_started"
    }


def test_a_run_streams_as_dify_frames() -> None:
    text = StreamRenderer(RUN).render(_seq(*SUCCESS))
    ids = _node_ids(text)
    expected = "".join(f"data: {frame}\n\n" for frame in EXPECTED_SUCCESS)
    for placeholder, node_id in ids.items():
        expected = expected.replace(placeholder, node_id)
    assert text == expected
    assert len(set(ids.values())) == 2
    assert text == StreamRenderer(RUN).render(_seq(*SUCCESS)), "node execution ids are stable"


def test_every_frame_is_one_data_line_with_the_key_order() -> None:
    text = StreamRenderer(RUN).render(_seq(*SUCCESS))
    frames = text.split("\n\n")
    assert frames[-1] == ""
    for frame in frames[:-1]:
        assert frame.startswith("data: {")
        assert "\n" not in frame
        assert keys(frame.removeprefix("data: ")) == ["event", "workflow_run_id", "task_id", "data"]
    assert "event:" not in text.replace('"event":', "")
    assert "id:" not in text.replace('"id":', "").replace('_id":', "")


def test_the_reference_stream_fields_are_all_there_in_order() -> None:
    """The reference's example events (Dify keeps them in this order; the example's key
    order of `task_id`/`workflow_run_id` and `sequence_number` predate Dify 1.13)."""
    ours = {
        json.loads(f.removeprefix("data: "))["event"]: json.loads(f.removeprefix("data: "))["data"]
        for f in StreamRenderer(RUN).render(_seq(*SUCCESS)).split("\n\n")
        if f
    }
    for frame in SEED_STREAM.split("\n\n"):
        if not frame.strip():
            continue
        seed = json.loads(frame.removeprefix("data: "))
        assert set(seed) == {"event", "workflow_run_id", "task_id", "data"}
        wanted = [k for k in seed["data"] if k != "sequence_number"]
        got = [k for k in ours[seed["event"]] if k in wanted]
        assert set(got) == set(wanted), seed["event"]
        if seed["event"] != "workflow_finished":  # the example lists outputs before status
            assert got == wanted, seed["event"]


def test_ping_bytes() -> None:
    assert dify.PING == "event: ping\n\n"
    assert StreamRenderer(RUN).feed(Sequenced(1, T0, Heartbeat())) == "event: ping\n\n"


def test_a_failed_run_ends_with_workflow_finished_failed() -> None:
    error = RunError("BLOCK_FAILED", "llm: provider said no", "llm")
    text = StreamRenderer(RUN).render(
        _seq(
            RunStarted("run-1", "doc-1", "dep-1", "1.0.0"),
            BlockStarted("llm", "llm", "Answer"),
            BlockEnded("llm", BlockStatus.FAILED, error),
            RunCompleted("run-1", RunStatus.FAILED, (), (), 500, False, None, "BLOCK_FAILED", error.message, "llm"),
        )
    )
    frames = [json.loads(f.removeprefix("data: ")) for f in text.split("\n\n") if f]
    assert [f["event"] for f in frames] == ["workflow_started", "node_started", "node_finished", "workflow_finished"]
    assert frames[2]["data"]["status"] == "failed"
    assert frames[2]["data"]["error"] == "llm: provider said no"
    assert frames[3]["data"]["status"] == "failed"
    assert frames[3]["data"]["error"] == "llm: provider said no"
    assert "error" not in [f["event"] for f in frames]


def test_a_stopped_run_ends_with_workflow_finished_stopped() -> None:
    text = StreamRenderer(RUN).render(
        _seq(
            BlockStarted("llm", "llm", "Answer"),
            BlockEnded("llm", BlockStatus.CANCELLED, RunError("BLOCK_CANCELLED", "stopped", "llm")),
            RunCompleted(
                "run-1", RunStatus.CANCELLED, (), (), 500, False, None, "RUN_CANCELLED", "the run was cancelled"
            ),
        )
    )
    frames = [json.loads(f.removeprefix("data: ")) for f in text.split("\n\n") if f]
    assert frames[1]["data"]["status"] == "stopped"
    assert frames[2]["event"] == "workflow_finished"
    assert frames[2]["data"]["status"] == "stopped"


@pytest.mark.parametrize(
    "last",
    [
        RunCompleted("run-1", RunStatus.FAILED, (), (), 0, False, None, "PROCESS_LOST", "worker at 10.0.0.7 died"),
        RunCompleted("run-1", RunStatus.FAILED, (), (), 0, False, None, "INTERNAL", "KeyError: 'x'"),
        RunErrorEvent("INTERNAL", "Traceback: secret"),
    ],
)
def test_a_system_fault_is_the_error_event_without_internals(last: Event) -> None:
    renderer = StreamRenderer(RUN)
    text = renderer.render(_seq(RunStarted("run-1", "doc-1", "dep-1", "1.0.0"), last))
    assert text.endswith(
        'data: {"event":"error","workflow_run_id":"run-1","code":"internal_server_error",'
        '"message":"Internal Server Error","status":500}\n\n'
    )
    assert renderer.feed(Sequenced(9, T0, Heartbeat())) == "", "nothing follows the end"


def test_a_fault_raised_beside_the_stream_is_its_error_event() -> None:
    report = ErrorReport.of(LimitExceeded("too many runs of this app at once"))
    assert StreamRenderer(RUN).fault(report) == (
        'data: {"event":"error","workflow_run_id":"run-1","code":"too_many_requests",'
        '"message":"too many runs of this app at once","status":429}\n\n'
    )


def test_predecessor_follows_the_graph_when_given() -> None:
    graph = Graph(
        (Node("a", "start"), Node("b", "llm"), Node("c", "llm")),
        (Edge("1", "a", "b"), Edge("2", "a", "c")),
    )
    events = _seq(
        BlockStarted("a", "start", "A"),
        BlockEnded("a", BlockStatus.COMPLETED),
        BlockStarted("b", "llm", "B"),
        BlockEnded("b", BlockStatus.COMPLETED),
        BlockStarted("c", "llm", "C"),
    )
    with_graph = [
        json.loads(f.removeprefix("data: ")) for f in StreamRenderer(RUN, graph).render(events).split("\n\n") if f
    ]
    assert with_graph[-1]["data"]["predecessor_node_id"] == "a"
    without = [json.loads(f.removeprefix("data: ")) for f in StreamRenderer(RUN).render(events).split("\n\n") if f]
    assert without[-1]["data"]["predecessor_node_id"] == "b"
    assert [f["data"]["index"] for f in without if f["event"] == "node_started"] == [0, 1, 2]


def test_non_object_outputs_are_wrapped_and_skipped_blocks_hidden() -> None:
    text = StreamRenderer(RUN).render(
        _seq(
            BlockStarted("t", "transform", "T"),
            BlockCompleted("t", [1, 2]),
            BlockEnded("t", BlockStatus.COMPLETED),
            BlockEnded("s", BlockStatus.SKIPPED),
        )
    )
    frames = [json.loads(f.removeprefix("data: ")) for f in text.split("\n\n") if f]
    assert [f["event"] for f in frames] == ["node_started", "node_finished"]
    assert frames[1]["data"]["outputs"] == {"output": [1, 2]}


# -- requests -----------------------------------------------------------------------------------

SEED_RUN_REQUEST = b"""{
        "inputs": {},
        "response_mode": "streaming",
        "user": "abc-123"
    }"""


def test_the_documented_run_request() -> None:
    assert dify.parse_run_body(SEED_RUN_REQUEST) == dify.RunBody({}, "abc-123", streaming=True)


def test_response_mode_absent_is_blocking_and_files_are_kept() -> None:
    files = [{"type": "image", "transfer_method": "remote_url", "url": "https://example.com/a.png"}]
    body = dify.parse_run_body(json.dumps({"inputs": {"q": "x"}, "user": "u", "files": files}).encode())
    assert body == dify.RunBody({"q": "x"}, "u", streaming=False, files=tuple(files))
    assert dify.parse_run_body(b'{"inputs":{},"user":"u","response_mode":"blocking"}').streaming is False
    local = [{"type": "document", "transfer_method": "local_file", "upload_file_id": "f-1"}]
    body = dify.parse_run_body(json.dumps({"inputs": {}, "user": "u", "files": local}).encode())
    assert body.files == tuple(local)


def test_stop_body() -> None:
    assert dify.parse_stop_body(b'{"user": "abc-123"}') == "abc-123"
    with pytest.raises(dify.InvalidParam, match=r"^Arg user must be provided\.$"):
        dify.parse_stop_body(b"{}")


def _refusal(data: bytes) -> tuple[int, str]:
    with pytest.raises(FlowgateError) as caught:
        dify.parse_run_body(data)
    return body_of(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"inputs": {}, "response_mode": "blocking"}', "Arg user must be provided."),
        (b'{"inputs": {}, "user": ""}', "Arg user must be provided."),
        (b'{"inputs": {}, "user": 7}', "Arg user must be a string."),
        (b'{"user": "u"}', "inputs is required and must be an object"),
        (b'{"inputs": [], "user": "u"}', "inputs must be an object"),
        (b'{"inputs": {}, "user": "u", "response_mode": "fast"}', "response_mode must be 'streaming' or 'blocking'"),
        (b'{"inputs": {}, "user": "u", "files": {}}', "files must be an array of objects"),
        (b'{"inputs": {}, "user": "u", "files": ["x"]}', "files must be an array of objects"),
        (
            b'{"inputs": {}, "user": "u", "files": [{"type": "image", "transfer_method": "ftp"}]}',
            "files[0].transfer_method must be 'remote_url' or 'local_file'",
        ),
        (
            b'{"inputs": {}, "user": "u", "files": [{"type": "image", "transfer_method": "remote_url"}]}',
            "files[0].url must be provided for transfer_method remote_url",
        ),
        (
            b'{"inputs": {}, "user": "u", "files": [{"transfer_method": "local_file", "upload_file_id": ""}]}',
            "files[0].upload_file_id must be provided for transfer_method local_file",
        ),
        (
            b'{"inputs":{},"user":"u","files":[{"type":1, "transfer_method": "local_file", "upload_file_id": "f"}]}',
            "files[0].type must be a string",
        ),
        (b'{"inputs": {', "The request body is not valid JSON"),
        (b"\xff", "The request body is not valid JSON"),
        (b"[]", "The request body must be a JSON object"),
        (b"", "inputs is required and must be an object"),
    ],
)
def test_run_body_refusals_are_invalid_param(data: bytes, message: str) -> None:
    assert _refusal(data) == (
        400,
        json.dumps({"code": "invalid_param", "message": message, "status": 400}, separators=(",", ":")),
    )


def test_a_too_deep_body_is_refused_before_parsing() -> None:
    deep = b'{"inputs":' + b"[" * DEFAULT_MAX_JSON_DEPTH + b"]" * DEFAULT_MAX_JSON_DEPTH + b',"user":"u"}'
    assert _refusal(deep) == (
        400,
        '{"code":"invalid_param","message":"body is nested deeper than '
        f'{DEFAULT_MAX_JSON_DEPTH} levels","status":400}}',
    )
    assert dify.too_deep_error("inputs", 3).message == "inputs is nested deeper than 3 levels"


def test_logs_query_defaults_and_values() -> None:
    assert dify.parse_logs_query("") == dify.LogsQuery()
    assert dify.parse_logs_query("limit=1") == dify.LogsQuery(limit=1)
    query = dify.parse_logs_query(
        "keyword=hi&status=stopped&page=3&limit=100&created_at__before=2024-09-12T11:14:03Z"
        "&created_at__after=2024-09-01T00:00:00&created_by_end_user_session_id=abc-123&page="
    )
    assert query == dify.LogsQuery(
        keyword="hi",
        status=RunStatus.CANCELLED,
        page=3,
        limit=100,
        created_at_before=datetime(2024, 9, 12, 11, 14, 3, tzinfo=UTC),
        created_at_after=datetime(2024, 9, 1, tzinfo=UTC),
        created_by_end_user_session_id="abc-123",
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=0", "limit must be between 1 and 100"),
        ("limit=101", "limit must be between 1 and 100"),
        ("page=0", "page must be between 1 and 99999"),
        ("page=x", "page must be an integer"),
        ("status=running", "status must be one of succeeded, failed, stopped"),
        ("created_at__after=yesterday", "created_at__after must be an ISO 8601 date and time"),
    ],
)
def test_logs_query_refusals(query: str, message: str) -> None:
    with pytest.raises(dify.InvalidParam) as caught:
        dify.parse_logs_query(query)
    assert body_of(caught.value) == (
        400,
        json.dumps({"code": "invalid_param", "message": message, "status": 400}, separators=(",", ":")),
    )


# -- the error list -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("err", "status", "code", "message"),
    [
        (
            dify.missing_auth_error(),
            401,
            "unauthorized",
            "Authorization header must be provided and start with 'Bearer'",
        ),
        (dify.invalid_key_error(), 401, "unauthorized", "Access token is invalid"),
        (dify.InvalidParam("Arg user must be provided."), 400, "invalid_param", "Arg user must be provided."),
        (
            InputValidationFailed(
                [FieldViolation("query", "is required"), FieldViolation("n", "must be of type integer")]
            ),
            400,
            "invalid_param",
            "query is required; n must be of type integer",
        ),
        (
            dify.BadRequest("workflow_id is not a published version of this app"),
            400,
            "bad_request",
            "workflow_id is not a published version of this app",
        ),
        (PermissionDenied("The app is retired"), 403, "forbidden", "The app is retired"),
        (dify.ProviderError("the model provider failed"), 400, "completion_request_error", "the model provider failed"),
        (dify.ProviderQuotaExceeded("quota used up"), 400, "provider_quota_exceeded", "quota used up"),
        (InsufficientCredits(), 400, "provider_quota_exceeded", "insufficient_credits"),
        (
            LimitExceeded("too many runs of this app at once"),
            429,
            "too_many_requests",
            "too many runs of this app at once",
        ),
        (NotFound("Workflow run not found"), 404, "not_found", "Workflow run not found"),
        (
            FlowgateError("psycopg: password authentication failed for db at 10.0.0.3"),
            500,
            "internal_server_error",
            "Internal Server Error",
        ),
    ],
)
def test_error_list(err: FlowgateError, status: int, code: str, message: str) -> None:
    assert body_of(err) == (
        status,
        json.dumps({"code": code, "message": message, "status": status}, separators=(",", ":")),
    )


def test_every_kind_has_a_code_and_the_header_of_a_401() -> None:
    assert set(dify.BY_KIND) == set(ErrorKind)
    assert dify.WWW_AUTHENTICATE == 'Bearer realm="api"'


def test_a_long_message_is_shortened_to_fit_metadata() -> None:
    body = dify.error_body(ErrorReport.of(NotFound("x" * 10_000)))
    assert len(body) <= dify.MAX_ERROR_BODY
    assert json.loads(body)["message"].endswith("…")


def test_the_module_is_a_family_module() -> None:
    family: Dialect = dify
    assert family.error_body(ErrorReport.of(NotFound("gone"))) == '{"code":"not_found","message":"gone","status":404}'
    assert isinstance(family.too_deep_error("inputs", 3), dify.InvalidParam)
