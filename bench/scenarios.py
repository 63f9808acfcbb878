"""The scenarios. Each returns rows: metric, Flowgate's median, the baseline's median
from the same run, the ratio and the bar from PERFORMANCE.md."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import grpc
from google.protobuf import json_format

from bench import bare
from bench.harness import median, server
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
                f = [(await timed(lambda: run_app_stream(fch, key, deployment, {})))[0] for _ in range(calls)]
                b = [(await timed(lambda: bare_stream(bch, events, 90)))[0] for _ in range(calls)]
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
        row("P2", "added cost per block µs (incl. store)", per_block_us, 25.0, "≤ 25 µs", per_block_us <= 25),
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


ALL: dict[str, Callable[[], Coroutine[Any, Any, list[Row]]]] = {"P2": p2}
