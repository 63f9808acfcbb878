"""P3: 1000 concurrent runs, each streaming 20 chunks 50 ms apart.

Flowgate side: the published app `llm20x50ms`, whose LLM block streams 20 tokens 50 ms
apart (`tokens-20-every-50ms`) from the fake OpenAI-compatible server in its own process,
with delta coalescing off (`chunk_interval_ms=0`: every token is its own event). 1000
RunApp streams are opened at once from this one client process over a few channels (each
its own HTTP/2 connection).

Baseline: the bare stack, a grpc.aio server whose `Paced` method streams pre-built
messages of the same size as Flowgate's chunk events: as many unpaced messages before
and after as Flowgate sends around its chunks, and 20 chunks each after a 50 ms pause
(relative, as the fake model paces its tokens), to 1000 streams opened at once by the
same client code.

Per chunk, lateness = arrival - due, where due is the run's first chunk arrival + k x 50 ms
(the provider's send time is not on the wire; the server's emit time is, and gives the
server's share as an info row). p50/p99 over every chunk of every run.

Memory: the server process's RSS (psutil), sampled every 50 ms: before the wave (after a
small warm-up), at the sample with the most active runs (a run is active from its first
event to its last), and after the wave. Growth per active run = (RSS at that sample -
RSS before) / active runs then; that RSS also holds the calls not started yet, so the
growth per open call (all 1000) is reported beside it. Every repeat uses fresh server
processes, so the growth is memory the process had to get from the OS, not heap freed by
an earlier wave.

Repeats alternate Flowgate and bare (who goes first alternates too); medians over repeats."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import psutil

from bench import bare
from bench.harness import ROOT, ServerProcess, median, percentile, server
from bench.scenarios import REPEATS, Row, row
from flowgate.v1 import execution_pb2, execution_service_pb2

RUNS = 1000
CHUNKS = 20
INTERVAL = 0.050
CHANNELS = 4
WARMUP_RUNS = 20
SAMPLE_EVERY = 0.05
WORKFLOW = "llm20x50ms"
LLM_MAX_CONNECTIONS = 1200
"""The bench server's LLM connection pool. OpenAICompatible's default, which the server
uses, is 200: no more than 200 runs of a replica could stream from a provider at once."""

LATENESS_BAR, RSS_BAR_KB = 1.5, 70.0

Response = execution_service_pb2.RunAppResponse


@dataclass
class Stream:
    """What one call received: arrival times (time.time()) of its chunks, their emit times."""

    opened: float
    first_event: float = 0.0
    chunks: list[float] = field(default_factory=list)
    emitted: list[float] = field(default_factory=list)
    error: str = ""


@dataclass
class Wave:
    streams: list[Stream]
    wall: float
    peak_active: int
    rss_before: int
    rss_at_peak: int
    rss_max: int
    rss_after: int
    server_cpu: float
    client_cpu: float
    llm_cpu: float

    @property
    def errors(self) -> int:
        return sum(1 for s in self.streams if s.error)

    def lateness(self) -> list[float]:
        out: list[float] = []
        for s in self.streams:
            if s.chunks:
                first = s.chunks[0]
                out += [t - (first + k * INTERVAL) for k, t in enumerate(s.chunks)]
        return out

    def emit_lateness(self) -> list[float]:
        out: list[float] = []
        for s in self.streams:
            if s.emitted:
                first = s.emitted[0]
                out += [t - (first + k * INTERVAL) for k, t in enumerate(s.emitted)]
        return out

    def first_event(self) -> list[float]:
        return [s.first_event - s.opened for s in self.streams if s.first_event]

    def first_chunk(self) -> list[float]:
        return [s.chunks[0] - s.opened for s in self.streams if s.chunks]

    @property
    def kb_per_active(self) -> float:
        return (self.rss_at_peak - self.rss_before) / 1024 / max(1, self.peak_active)

    @property
    def kb_per_call(self) -> float:
        return (self.rss_at_peak - self.rss_before) / 1024 / RUNS

    @property
    def kb_retained_per_run(self) -> float:
        return (self.rss_after - self.rss_before) / 1024 / RUNS


def _channel(target: str) -> grpc.aio.Channel:
    # a local subchannel pool: each channel gets its own connection, not a shared one
    return grpc.aio.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)])


async def flowgate_stream(
    channel: grpc.aio.Channel, key: str, deployment: str, s: Stream, started: Callable[[], None]
) -> None:
    call = channel.unary_stream(
        "/flowgate.v1.ExecutionService/RunApp",
        request_serializer=execution_service_pb2.RunAppRequest.SerializeToString,
        response_deserializer=Response.FromString,
    )
    request = execution_service_pb2.RunAppRequest(deployment_id=deployment)
    status = None
    first = True
    async for response in call(request, metadata=(("authorization", f"Bearer {key}"),)):
        now = time.time()
        if first:
            started()
            s.first_event = now
            first = False
        event = response.event
        kind = event.WhichOneof("kind")
        if kind == "block_chunk":
            s.chunks.append(now)
            s.emitted.append(event.time.ToNanoseconds() / 1e9)
        elif kind == "run_completed":
            status = event.run_completed.status
        elif kind == "error":
            s.error = s.error or f"run error: {event.error}"
    if status != execution_pb2.RUN_STATUS_SUCCEEDED:
        s.error = s.error or f"run ended with status {status}"
    elif len(s.chunks) != CHUNKS:
        s.error = f"{len(s.chunks)} chunks"


async def bare_stream(
    channel: grpc.aio.Channel, request: bytes, pre: int, s: Stream, started: Callable[[], None]
) -> None:
    call = channel.unary_stream(bare.PACED, request_serializer=lambda b: b, response_deserializer=Response.FromString)
    i = 0
    async for _ in call(request):
        now = time.time()
        if i == 0:
            started()
            s.first_event = now
        if pre <= i < pre + CHUNKS:
            s.chunks.append(now)
        i += 1
    if len(s.chunks) != CHUNKS:
        s.error = f"{len(s.chunks)} chunks"


async def wave(
    proc: ServerProcess,
    llm: psutil.Process | None,
    one: Callable[[grpc.aio.Channel, Stream, Callable[[], None]], Any],
) -> Wave:
    """RUNS calls opened at once over CHANNELS channels, the server's RSS sampled meanwhile."""
    chans = [_channel(proc.target) for _ in range(CHANNELS)]
    try:
        # warm-up: every channel connected, the server's caches and pools primed
        await asyncio.gather(*(one(chans[i % CHANNELS], Stream(time.time()), lambda: None) for i in range(WARMUP_RUNS)))
        await asyncio.sleep(0.5)
        active = peak_active = 0
        rss_before = proc.process.memory_info().rss
        rss_at_peak = rss_max = rss_before
        done = asyncio.Event()

        async def sampler() -> None:
            nonlocal peak_active, rss_at_peak, rss_max
            while not done.is_set():
                rss, now_active = proc.process.memory_info().rss, active
                rss_max = max(rss_max, rss)
                if now_active > peak_active or (now_active == peak_active and rss > rss_at_peak):
                    peak_active, rss_at_peak = now_active, rss
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), SAMPLE_EVERY)

        def opened() -> None:
            nonlocal active
            active += 1

        async def run(i: int) -> Stream:
            nonlocal active
            s = Stream(time.time())
            began = False

            def started() -> None:
                nonlocal began
                began = True
                opened()

            try:
                await one(chans[i % CHANNELS], s, started)
            except grpc.aio.AioRpcError as e:
                s.error = f"{e.code().name}: {e.details()}"
            finally:
                if began:
                    active -= 1
            return s

        me = psutil.Process()
        cpu0 = proc.cpu_seconds()
        ccpu0 = sum(me.cpu_times()[:2])
        lcpu0 = sum(llm.cpu_times()[:2]) if llm else 0.0
        sampling = asyncio.create_task(sampler())
        started = time.perf_counter()
        streams = await asyncio.gather(*(run(i) for i in range(RUNS)))
        wall = time.perf_counter() - started
        server_cpu = proc.cpu_seconds() - cpu0
        client_cpu = sum(me.cpu_times()[:2]) - ccpu0
        llm_cpu = (sum(llm.cpu_times()[:2]) - lcpu0) if llm else 0.0
        done.set()
        await sampling
        await asyncio.sleep(1.0)
        rss_after = proc.process.memory_info().rss
    finally:
        for c in chans:
            await c.close()
    return Wave(
        list(streams),
        wall,
        peak_active,
        rss_before,
        rss_at_peak,
        rss_max,
        rss_after,
        server_cpu,
        client_cpu,
        llm_cpu,
    )


@contextlib.contextmanager
def fake_llm() -> Iterator[tuple[str, psutil.Process]]:
    """The fake OpenAI-compatible server in its own process: its base URL and process."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.openai_server"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        if proc.stdout is None:
            raise RuntimeError("the fake LLM server has no stdout pipe")
        yield proc.stdout.readline().strip(), psutil.Process(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


async def event_shape(proc: ServerProcess, deployment: str) -> tuple[int, int, int]:
    """(events before the first chunk, events after the last, bytes of a chunk event) of one run."""
    call_kinds: list[tuple[str, int]] = []
    async with _channel(proc.target) as ch:
        call = ch.unary_stream(
            "/flowgate.v1.ExecutionService/RunApp",
            request_serializer=execution_service_pb2.RunAppRequest.SerializeToString,
            response_deserializer=Response.FromString,
        )
        request = execution_service_pb2.RunAppRequest(deployment_id=deployment)
        md = (("authorization", f"Bearer {proc.info['key']}"),)
        async for response in call(request, metadata=md):
            call_kinds.append((response.event.WhichOneof("kind") or "", response.ByteSize()))
    chunk_at = [i for i, (kind, _) in enumerate(call_kinds) if kind == "block_chunk"]
    if len(chunk_at) != CHUNKS:
        raise RuntimeError(f"{WORKFLOW}: {len(chunk_at)} chunks, not {CHUNKS}: {call_kinds}")
    sizes = [call_kinds[i][1] for i in chunk_at]
    return chunk_at[0], len(call_kinds) - chunk_at[-1] - 1, round(median([float(x) for x in sizes]))


async def flowgate_wave(
    llm_url: str, llm: psutil.Process, pool: int = LLM_MAX_CONNECTIONS
) -> tuple[Wave, tuple[int, int, int]]:
    extra = {
        "llm_base_url": llm_url,
        "llm_max_connections": pool,
        "settings": {"chunk_interval_ms": 0},
    }
    with server("flowgate", extra) as fg:
        key, deployment = fg.info["key"], fg.info["deployments"][WORKFLOW]
        shape = await event_shape(fg, deployment)

        def one(ch: grpc.aio.Channel, s: Stream, started: Callable[[], None]) -> Any:
            return flowgate_stream(ch, key, deployment, s, started)

        return await wave(fg, llm, one), shape


async def bare_wave(shape: tuple[int, int, int]) -> Wave:
    pre, post, size = shape
    request = f"{CHUNKS},{size},{round(INTERVAL * 1000)},{pre},{post}".encode()
    with server("bare") as bs:

        def one(ch: grpc.aio.Channel, s: Stream, started: Callable[[], None]) -> Any:
            return bare_stream(ch, request, pre, s, started)

        return await wave(bs, None, one)


def _ms(values: list[float], q: float) -> float:
    return percentile(values, q) * 1000 if values else float("nan")


async def p3() -> list[Row]:
    """1000 concurrent runs of 20 chunks 50 ms apart: errors, p99 chunk lateness vs bare,
    RSS growth per active run."""
    fg_waves: list[Wave] = []
    bare_waves: list[Wave] = []
    with fake_llm() as (llm_url, llm):
        shape = (3, 3, 100)
        for i in range(REPEATS):
            if i % 2 == 0:
                w, shape = await flowgate_wave(llm_url, llm)
                fg_waves.append(w)
                bare_waves.append(await bare_wave(shape))
            else:
                bare_waves.append(await bare_wave(shape))
                w, shape = await flowgate_wave(llm_url, llm)
                fg_waves.append(w)
            for name, w in (("flowgate", fg_waves[-1]), ("bare", bare_waves[-1])):
                print(  # progress
                    f"  P3 repeat {i + 1} {name}: {w.errors} errors, p99 lateness {_ms(w.lateness(), 0.99):.1f} ms,"
                    f" peak {w.peak_active} active, {w.kb_per_active:.1f} KB/run, wall {w.wall:.1f} s,"
                    f" CPU server {w.server_cpu:.1f} s client {w.client_cpu:.1f} s llm {w.llm_cpu:.1f} s",
                    flush=True,
                )

    def med(waves: list[Wave], f: Callable[[Wave], float]) -> float:
        return median([f(w) for w in waves])

    errors = max(w.errors for w in fg_waves)
    bare_errors = max(w.errors for w in bare_waves)
    f99, b99 = med(fg_waves, lambda w: _ms(w.lateness(), 0.99)), med(bare_waves, lambda w: _ms(w.lateness(), 0.99))
    f50, b50 = med(fg_waves, lambda w: _ms(w.lateness(), 0.5)), med(bare_waves, lambda w: _ms(w.lateness(), 0.5))
    kb, bare_kb = med(fg_waves, lambda w: w.kb_per_active), med(bare_waves, lambda w: w.kb_per_active)
    ev50 = med(fg_waves, lambda w: _ms(w.first_event(), 0.5))
    bare_ev50 = med(bare_waves, lambda w: _ms(w.first_event(), 0.5))
    first99 = med(fg_waves, lambda w: _ms(w.first_chunk(), 0.99))
    bare_first99 = med(bare_waves, lambda w: _ms(w.first_chunk(), 0.99))
    first50 = med(fg_waves, lambda w: _ms(w.first_chunk(), 0.5))
    bare_first50 = med(bare_waves, lambda w: _ms(w.first_chunk(), 0.5))
    emit99 = med(fg_waves, lambda w: _ms(w.emit_lateness(), 0.99))
    pre, post, size = shape
    n = len(fg_waves)
    return [
        row("P3", f"errors, worst of {n} waves of {RUNS} runs", errors, bare_errors, "0", errors == 0),
        row("P3", "p99 chunk lateness ms", f99, b99, f"≤ {LATENESS_BAR}×", f99 <= LATENESS_BAR * b99),
        row("P3", "RSS growth KB per active run", kb, RSS_BAR_KB, f"≤ {RSS_BAR_KB:g} KB", kb <= RSS_BAR_KB),
        row("P3", "p50 chunk lateness ms (info)", f50, b50, "(info)", True),
        row("P3", "p99 chunk lateness at the server's emit, ms (info)", emit99, b99, "(info)", True),
        row("P3", "RSS growth KB per active stream vs bare (info)", kb, bare_kb, "(info)", True),
        row(
            "P3",
            f"RSS growth KB per open call, all {RUNS} (info)",
            med(fg_waves, lambda w: w.kb_per_call),
            med(bare_waves, lambda w: w.kb_per_call),
            "(info)",
            True,
        ),
        row(
            "P3",
            "peak active runs (info)",
            med(fg_waves, lambda w: w.peak_active),
            med(bare_waves, lambda w: w.peak_active),
            "(info)",
            True,
        ),
        row(
            "P3",
            "RSS at peak MB (info)",
            med(fg_waves, lambda w: w.rss_at_peak / 2**20),
            med(bare_waves, lambda w: w.rss_at_peak / 2**20),
            "(info)",
            True,
        ),
        row(
            "P3",
            "RSS kept after the wave KB per run (info)",
            med(fg_waves, lambda w: w.kb_retained_per_run),
            med(bare_waves, lambda w: w.kb_retained_per_run),
            "(info)",
            True,
        ),
        row("P3", "request → first event (run_start) p50 ms (info)", ev50, bare_ev50, "(info)", True),
        row("P3", "request → first chunk p50 ms (info)", first50, bare_first50, "(info)", True),
        row("P3", "request → first chunk p99 ms (info)", first99, bare_first99, "(info)", True),
        row(
            "P3",
            f"wave wall s ({RUNS}×{CHUNKS} chunks of {size} B, +{pre}/{post} ev) (info)",
            med(fg_waves, lambda w: w.wall),
            med(bare_waves, lambda w: w.wall),
            "(info)",
            True,
        ),
        row(
            "P3",
            "server CPU s per wave (info)",
            med(fg_waves, lambda w: w.server_cpu),
            med(bare_waves, lambda w: w.server_cpu),
            "(info)",
            True,
        ),
        row(
            "P3",
            "client CPU s per wave (info)",
            med(fg_waves, lambda w: w.client_cpu),
            med(bare_waves, lambda w: w.client_cpu),
            "(info)",
            True,
        ),
        row("P3", "fake LLM CPU s per wave (info)", med(fg_waves, lambda w: w.llm_cpu), 0.0, "(info)", True),
    ]
