"""The scenarios. Each returns rows: metric, Flowgate's median, the baseline's median
from the same run, the ratio and the bar from PERFORMANCE.md."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any

import grpc
from google.protobuf import json_format

from bench import bare
from bench.harness import ROOT, median, percentile, server
from flowgate.v1 import execution_service_pb2

REPEATS = 5

Row = dict[str, Any]


def row(scenario: str, metric: str, value: float, baseline: float, bar: str, ok: bool) -> Row:
    return {
        "scenario": scenario,
        "metric": metric,
        "value": value,
        "baseline": baseline,
        "ratio": value / baseline if baseline else float("inf"),
        "bar": bar,
        "pass": ok,
    }


async def run_app_stream(channel: grpc.aio.Channel, key: str, deployment: str, inputs: dict[str, Any]) -> int:
    call = channel.unary_stream(
        "/flowgate.v1.ExecutionService/RunApp",
        request_serializer=execution_service_pb2.RunAppRequest.SerializeToString,
        response_deserializer=execution_service_pb2.RunAppResponse.FromString,
    )
    request = json_format.ParseDict(
        {"deploymentId": deployment, "inputs": inputs}, execution_service_pb2.RunAppRequest()
    )
    count = 0
    async for _ in call(request, metadata=(("authorization", f"Bearer {key}"),)):
        count += 1
    return count


async def bare_stream(channel: grpc.aio.Channel, count: int, size: int) -> int:
    call = channel.unary_stream(
        bare.METHOD,
        request_serializer=lambda b: b,
        response_deserializer=execution_service_pb2.RunAppResponse.FromString,
    )
    n = 0
    async for _ in call(f"{count},{size}".encode()):
        n += 1
    return n


async def timed(fn: Callable[[], Awaitable[int]]) -> tuple[float, int]:
    started = time.perf_counter()
    n = await fn()
    return time.perf_counter() - started, n


async def p2() -> list[Row]:
    """100-block linear workflow of trivial blocks: RunApp p50 vs a bare stream of as many events."""
    calls = 30
    with server("flowgate") as fg, server("bare") as bs:
        key, deployment = fg.info["key"], fg.info["deployments"]["linear100"]
        async with grpc.aio.insecure_channel(fg.target) as fch, grpc.aio.insecure_channel(bs.target) as bch:
            events = await run_app_stream(fch, key, deployment, {})  # warm-up, and the event count
            await bare_stream(bch, events, 90)
            fg_p50s, bare_p50s = [], []
            for _ in range(REPEATS):
                f, b = [], []
                for _ in range(calls):  # interleaved call by call: drift hits both alike
                    f.append((await timed(lambda: run_app_stream(fch, key, deployment, {})))[0])
                    b.append((await timed(lambda: bare_stream(bch, events, 90)))[0])
                fg_p50s.append(median(f))
                bare_p50s.append(median(b))
    fg_p50, bare_p50 = median(fg_p50s), median(bare_p50s)
    per_block_us = (fg_p50 - bare_p50) / 100 * 1e6
    engine_us = engine_cost_per_block()
    return [
        row(
            "P2",
            f"RunApp p50 ms ({events} events)",
            fg_p50 * 1000,
            bare_p50 * 1000,
            "≤ 1.25×",
            fg_p50 <= 1.25 * bare_p50,
        ),
        row("P2", "added µs per block, end to end (info)", per_block_us, 25.0, "(info)", True),
        row("P2", "engine cost per block µs (in-process)", engine_us, 25.0, "≤ 25 µs", engine_us <= 25),
    ]


def engine_cost_per_block() -> float:
    """Executor time per block for the 100-block workflow, in-process, no transport or store."""
    import asyncio as aio

    from bench.workflows import linear_trivial
    from flowgate.domain.models import Graph
    from flowgate.engine.blocks import default_registry
    from flowgate.engine.executor import Executor, RunSpec
    from flowgate.engine.graph import compile_graph
    from flowgate.engine.limits import EngineLimits

    limits = EngineLimits()
    compiled = compile_graph(Graph.from_json(linear_trivial(100)), default_registry(), limits)
    executor = Executor(limits)
    sink: list[Any] = []

    async def once() -> float:
        sink.clear()
        started = time.perf_counter()
        await executor.run(compiled, RunSpec("r", "d", "p", "1.0.0"), {}, sink.append)
        return time.perf_counter() - started

    async def many() -> list[float]:
        for _ in range(20):
            await once()
        return [await once() for _ in range(200)]

    return median(aio.run(many()) if False else _run_in_new_loop(many)) / 102 * 1e6


def _run_in_new_loop(fn: Callable[[], Awaitable[list[float]]]) -> list[float]:
    import threading

    result: list[float] = []

    def target() -> None:
        import asyncio as aio

        result.extend(aio.run(fn()))  # type: ignore[arg-type]

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return result


@contextmanager
def fake_llm() -> Iterator[str]:
    """The fake OpenAI-compatible server in its own process; its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.openai_server"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        if proc.stdout is None:
            raise RuntimeError("the fake LLM server has no stdout pipe")
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


async def run_app_sized(channel: grpc.aio.Channel, key: str, deployment: str) -> tuple[int, int, int]:
    """(events, chunk text characters, serialized bytes) of one RunApp."""
    call = channel.unary_stream(
        "/flowgate.v1.ExecutionService/RunApp",
        request_serializer=execution_service_pb2.RunAppRequest.SerializeToString,
        response_deserializer=execution_service_pb2.RunAppResponse.FromString,
    )
    request = execution_service_pb2.RunAppRequest(deployment_id=deployment)
    events = chars = size = 0
    async for response in call(request, metadata=(("authorization", f"Bearer {key}"),)):
        events += 1
        size += response.ByteSize()
        chars += len(response.event.block_chunk.delta)
    return events, chars, size


TOKENS = 100_000


async def p1() -> list[Row]:
    """100k chunks with no delay and coalescing off: events/s and server CPU per event vs a
    bare stream of as many messages of the same size. The chunks come from a block that
    emits 100k deltas (the event pipeline alone); the same run with the LLM block over the
    fake OpenAI server is reported beside it (its HTTP client receives several tokens per
    read, so it makes fewer, larger events)."""
    with fake_llm() as llm_url:
        extra = {"llm_base_url": llm_url, "settings": {"chunk_interval_ms": 0, "max_run_events": 1_000_000}}
        with server("flowgate", extra) as fg, server("bare") as bs:
            key = fg.info["key"]
            rows: list[Row] = []
            for workflow in ("chatty100k", "llm100k"):
                deployment = fg.info["deployments"][workflow]
                async with grpc.aio.insecure_channel(fg.target) as fch, grpc.aio.insecure_channel(bs.target) as bch:
                    events, _chars, size = await run_app_sized(fch, key, deployment)
                    avg = max(1, size // events)
                    await bare_stream(bch, events, avg)
                    fg_rates, bare_rates, fg_cpu, bare_cpu = [], [], [], []
                    for _ in range(REPEATS):
                        cpu0 = fg.cpu_seconds()
                        wall, _ = await timed(lambda: run_app_stream(fch, key, deployment, {}))  # noqa: B023
                        fg_cpu.append((fg.cpu_seconds() - cpu0) / events * 1e6)
                        fg_rates.append(events / wall)
                        cpu0 = bs.cpu_seconds()
                        wall, _ = await timed(lambda: bare_stream(bch, events, avg))  # noqa: B023
                        bare_cpu.append((bs.cpu_seconds() - cpu0) / events * 1e6)
                        bare_rates.append(events / wall)
                rate, base_rate = median(fg_rates), median(bare_rates)
                cpu, base_cpu = median(fg_cpu), median(bare_cpu)
                label = "100k deltas" if workflow == "chatty100k" else "LLM block, 100k tokens"
                gate = workflow == "chatty100k"
                rows += [
                    row(
                        "P1",
                        f"events/s, {label} ({events} ev, {avg} B)",
                        rate,
                        base_rate,
                        "≥ 0.80×" if gate else "(info)",
                        rate >= 0.8 * base_rate or not gate,
                    ),
                    row(
                        "P1",
                        f"server CPU µs/event, {label}",
                        cpu,
                        base_cpu,
                        "≤ 1.3×" if gate else "(info)",
                        cpu <= 1.3 * base_cpu or not gate,
                    ),
                ]
    return rows


async def ndjson_tokens(base: str, key: str, deployment: str) -> int:
    """Tokens (chunk characters / token size) received over the released-app NDJSON route."""
    import httpx

    chars = 0
    async with (
        httpx.AsyncClient(timeout=120) as client,
        client.stream(
            "POST",
            f"{base}/api/released-app/{deployment}/run",
            headers={"Authorization": f"Bearer {key}"},
            content=b"{}",
        ) as response,
    ):
        async for line in response.aiter_lines():
            if line.startswith('{"type":"block_chunk"'):
                chars += len(json.loads(line)["delta"])
    return chars


async def uvicorn_lines(port: int, n: int) -> int:
    import httpx

    count = 0
    async with (
        httpx.AsyncClient(timeout=120) as client,
        client.stream("GET", f"http://127.0.0.1:{port}/lines?n={n}") as response,
    ):
        async for _line in response.aiter_lines():
            count += 1
    return count


@contextmanager
def uvicorn_server() -> Iterator[int]:
    from tests.harness import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bench.ndjson_app", str(port)], cwd=ROOT)  # noqa: S603
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def p6() -> list[Row]:
    """Tokens/s of a fast LLM stream with delta coalescing: gRPC vs FastAPI/uvicorn NDJSON
    lines/s, and Envoy's NDJSON route vs direct gRPC."""
    token_chars = len("tok ")  # the fake model's token
    with fake_llm() as llm_url, uvicorn_server() as uv_port:
        extra = {"llm_base_url": llm_url, "envoy": True}
        with server("flowgate", extra) as fg:
            key, deployment = fg.info["key"], fg.info["deployments"]["llm100k"]
            http_base = f"http://127.0.0.1:{fg.info['http_port']}"
            async with grpc.aio.insecure_channel(fg.target) as fch:
                _events, chars, _size = await run_app_sized(fch, key, deployment)
                tokens = chars // token_chars
                await uvicorn_lines(uv_port, tokens)
                grpc_rates, envoy_rates, uv_rates = [], [], []
                for _ in range(REPEATS):
                    wall, _ = await timed(lambda: run_app_stream(fch, key, deployment, {}))
                    grpc_rates.append(tokens / wall)
                    wall, got = await timed(lambda: ndjson_tokens(http_base, key, deployment))
                    envoy_rates.append(got / token_chars / wall)
                    wall, lines = await timed(lambda: uvicorn_lines(uv_port, tokens))
                    uv_rates.append(lines / wall)
    g, e, u = median(grpc_rates), median(envoy_rates), median(uv_rates)
    return [
        row("P6", f"gRPC tokens/s vs uvicorn NDJSON lines/s ({tokens})", g, u, "≥ 1.0×", g >= u),
        row("P6", "Envoy NDJSON tokens/s vs direct gRPC", e, g, "≥ 0.8×", e >= 0.8 * g),
    ]


async def p5() -> list[Row]:
    """Request → first event (run_start) on a warm channel vs a bare unary call: p50 and p99."""
    calls = 200
    with server("flowgate") as fg, server("bare") as bs:
        key, deployment = fg.info["key"], fg.info["deployments"]["linear1"]
        async with grpc.aio.insecure_channel(fg.target) as fch, grpc.aio.insecure_channel(bs.target) as bch:
            run_app = fch.unary_stream(
                "/flowgate.v1.ExecutionService/RunApp",
                request_serializer=execution_service_pb2.RunAppRequest.SerializeToString,
                response_deserializer=execution_service_pb2.RunAppResponse.FromString,
            )
            echo = bch.unary_unary(
                "/bench.Bare/Echo", request_serializer=lambda b: b, response_deserializer=lambda b: b
            )
            request = execution_service_pb2.RunAppRequest(deployment_id=deployment)
            md = (("authorization", f"Bearer {key}"),)

            async def first_event() -> float:
                started = time.perf_counter()
                elapsed = 0.0
                async for _ in run_app(request, metadata=md):  # drain: one run at a time
                    if not elapsed:
                        elapsed = time.perf_counter() - started
                return elapsed

            async def unary() -> float:
                started = time.perf_counter()
                await echo(b"x" * 64)
                return time.perf_counter() - started

            bare_stream = bch.unary_stream(
                bare.METHOD, request_serializer=lambda b: b, response_deserializer=lambda b: b
            )
            events = len([r async for r in run_app(request, metadata=md)])

            async def stream_first() -> float:  # the same number of messages from a bare stream
                started = time.perf_counter()
                elapsed = 0.0
                async for _ in bare_stream(f"{events},200".encode()):
                    if not elapsed:
                        elapsed = time.perf_counter() - started
                return elapsed

            for _ in range(20):
                await first_event()
                await unary()
                await stream_first()
            fg_times, bare_times, stream_times = [], [], []
            for _ in range(calls):
                fg_times.append(await first_event())
                bare_times.append(await unary())
                stream_times.append(await stream_first())
    f50, b50, s50 = median(fg_times) * 1000, median(bare_times) * 1000, median(stream_times) * 1000
    f99, b99 = percentile(fg_times, 0.99) * 1000, percentile(bare_times, 0.99) * 1000
    s99 = percentile(stream_times, 0.99) * 1000
    return [
        row("P5", "request → first event p50 ms", f50, b50, "≤ 1.5×", f50 <= 1.5 * b50),
        row("P5", "request → first event p99 ms", f99, b99, "≤ 2×", f99 <= 2 * b99),
        row("P5", f"(info) vs a bare stream's first of {events} messages, p50 ms", f50, s50, "(info)", True),
        row("P5", "(info) … p99 ms", f99, s99, "(info)", True),
    ]


async def p4() -> list[Row]:
    """2000 RunApp calls opened at once: none cancelled or refused."""
    calls = 2000
    with server("flowgate") as fg:
        key, deployment = fg.info["key"], fg.info["deployments"]["linear1"]
        async with grpc.aio.insecure_channel(fg.target) as fch:
            await run_app_stream(fch, key, deployment, {})

            async def one() -> bool:
                try:
                    await run_app_stream(fch, key, deployment, {})
                except grpc.aio.AioRpcError:
                    return False
                return True

            started = time.perf_counter()
            results = await asyncio.gather(*(one() for _ in range(calls)))
            wall = time.perf_counter() - started
    failures = results.count(False)
    return [
        row("P4", f"failed of {calls} calls opened at once ({wall:.1f} s)", failures, 0, "0", failures == 0),
    ]


def _p3() -> Coroutine[Any, Any, list[Row]]:
    from bench.concurrency import p3  # it imports this module for row()

    return p3()


def _p7() -> Coroutine[Any, Any, list[Row]]:
    from bench.control_plane import p7  # it imports this module for row()

    return p7()


ALL: dict[str, Callable[[], Coroutine[Any, Any, list[Row]]]] = {
    "P1": p1,
    "P2": p2,
    "P3": _p3,
    "P4": p4,
    "P5": p5,
    "P6": p6,
    "P7": _p7,
}
