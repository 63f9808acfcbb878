"""`SandboxPool`: runs Python code in sandboxed, single-use worker processes.

The pool keeps `size` workers started and ready (interpreter up, kernel isolation applied,
blocked on stdin), so a job pays no interpreter start. Each worker runs exactly one job
and is then killed and its temporary directory removed; the pool starts a replacement in
the background. See `worker.py` for what a worker does, and docs/blocks/code.md.

Before using a worker the pool checks the kernel layers it reports (`kernel.missing_layers`):
when a required one is missing, code blocks are refused with an error naming what the
host lacks, unless the pool runs in the weak mode (`weak=True`, FLOWGATE_CODE_SANDBOX=weak),
where they run with the layers there are and the audit hook.

Per job the parent enforces the wall-clock limit (SIGKILL to the worker's process group)
and the output caps (it keeps at most `max_output_bytes` of printed output and of result,
and kills the worker past that); the worker applies the rest (CPU, memory, file size,
open files) to itself before the code runs. A cancelled `run` kills its worker at once.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flowgate.domain.models import JSONValue
from flowgate.engine.sandbox.kernel import LAYERS, SKIPPABLE, missing_layers
from flowgate.engine.services import CodeError, CodeLimits, CodeResult

log = logging.getLogger(__name__)

WORKER_SCRIPT = Path(__file__).resolve().with_name("worker.py")
"""The worker, run by path as a standalone script (it imports nothing of flowgate)."""

_KINDS = frozenset({"error", "timeout", "memory", "output", "forbidden"})
_RESULT_SLACK = 64 * 1024
"""Room in the result channel for the envelope and error messages, besides the output."""
_IDLE_CAP = 64 * 1024
"""What an idle worker may write before it gets a job (the ready line)."""
_REAP_SECONDS = 5.0
"""How long a killed worker may take to be gone before its pipes are closed anyway."""


class _WorkerProtocol(asyncio.SubprocessProtocol):
    """Collects what a worker writes, within caps; tells when it is ready and when it is gone."""

    def __init__(self) -> None:
        loop = asyncio.get_running_loop()
        self.ready: asyncio.Future[bytes] = loop.create_future()
        self.finished: asyncio.Future[None] = loop.create_future()
        self.stdout = bytearray()
        self.channel = bytearray()
        self.stdout_cap = _IDLE_CAP
        self.channel_cap = _IDLE_CAP
        self.overflow = ""
        """"stdout" or "result" once a cap was passed."""
        self.on_overflow: Callable[[], None] | None = None
        self.exited = False

    def pipe_data_received(self, fd: int, data: bytes) -> None:
        if fd == 1:
            self._keep(self.stdout, self.stdout_cap, data, "stdout")
        elif fd == 2:
            self._keep(self.channel, self.channel_cap, data, "result")
            if not self.ready.done():
                newline = self.channel.find(b"\n")
                if newline >= 0:
                    self.ready.set_result(bytes(self.channel[:newline]))
                    del self.channel[: newline + 1]

    def _keep(self, buffer: bytearray, cap: int, data: bytes, name: str) -> None:
        room = cap - len(buffer)
        if len(data) <= room:
            buffer += data
            return
        buffer += data[: max(room, 0)]
        if not self.overflow:
            self.overflow = name
            if self.on_overflow is not None:
                self.on_overflow()

    def process_exited(self) -> None:
        self.exited = True
        if not self.ready.done():
            self.ready.set_result(b"")

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.ready.done():
            self.ready.set_result(b"")
        if not self.finished.done():
            self.finished.set_result(None)


@dataclass(eq=False)
class _Worker:
    transport: asyncio.SubprocessTransport
    protocol: _WorkerProtocol
    pid: int
    workdir: str
    layers: dict[str, JSONValue] = field(default_factory=dict)
    stopped_by: str = ""
    """Why the pool killed it: "timeout", "output", "closed", "done"."""

    @property
    def alive(self) -> bool:
        return not self.protocol.exited and not self.protocol.finished.done()

    def kill(self, reason: str) -> None:
        """SIGKILL the worker's process group (it is the leader of its own session)."""
        if not self.stopped_by:
            self.stopped_by = reason
        if self.protocol.exited:
            return  # reaped: its pid may belong to someone else by now
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)


class SandboxPool:
    """`CodeRunner` over pre-started, single-use sandboxed worker processes.

    `size` workers are kept warm; at most `max_running` jobs run at once (more wait).
    `python` is the interpreter for workers (default: this one), `temp_dir` where their
    working directories are made (default: the system's), `start_timeout` how long a
    worker may take to become ready. `uid` is the user (and group) the code runs as when
    the server is root; `disk_bytes` the size of a job's working directory (a tmpfs);
    `weak` runs code even where required kernel layers are missing. `test_skip_layers`
    names layers the workers leave out, for tests of the others only (never from
    settings). Use `start()` to warm up (else workers start on demand) and `close()` to
    stop every worker; or `async with SandboxPool() as pool`.
    """

    def __init__(
        self,
        size: int = 2,
        *,
        max_running: int = 8,
        python: str | None = None,
        temp_dir: str | None = None,
        start_timeout: float = 30.0,
        uid: int = 65534,
        disk_bytes: int = 64 * 1024 * 1024,
        weak: bool = False,
        test_skip_layers: Collection[str] = (),
    ) -> None:
        if size < 0 or max_running < 1 or disk_bytes < 1 << 20 or not 0 < uid < 2**32 - 1:
            raise ValueError("size must be >= 0, max_running >= 1, disk_bytes >= 1 MiB and uid > 0")
        unknown = set(test_skip_layers) - set(SKIPPABLE)
        if unknown:
            raise ValueError(f"unknown layers: {sorted(unknown)}")
        self._uid = uid
        self._disk_bytes = disk_bytes
        self._weak = weak
        self._skip = ",".join(sorted(test_skip_layers))
        self._refusal = ""
        """Why code blocks are refused on this host (strict mode, a required layer missing)."""
        self._size = size
        self._python = python or sys.executable
        self._temp_dir = temp_dir
        self._start_timeout = start_timeout
        self._running = asyncio.Semaphore(max_running)
        self._idle: collections.deque[_Worker] = collections.deque()
        self._live: set[_Worker] = set()
        self._warming: set[asyncio.Task[None]] = set()
        self._cleanups: set[asyncio.Task[None]] = set()
        self._spawning = 0
        self._closed = False
        self._isolation: dict[str, JSONValue] = {}
        self._warned = False

    # ---- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        """Start the warm workers and wait until they are ready. Raises CodeError when a
        worker cannot start (a broken interpreter, no temporary directory)."""
        if self._closed:
            raise CodeError("the code sandbox is shut down")
        missing = self._size - len(self._idle) - self._spawning
        started = await asyncio.gather(*(self._spawn() for _ in range(max(missing, 0))), return_exceptions=True)
        failure: BaseException | None = None
        for item in started:
            if isinstance(item, _Worker):
                self._idle.append(item)
            else:
                failure = failure or item
        if self._refusal:
            log.error("code sandbox: %s", self._refusal)
            return
        if failure is not None:
            if isinstance(failure, CodeError):
                raise failure
            raise CodeError(f"the code sandbox could not start: {failure}")

    async def close(self) -> None:
        """Kill every worker (idle or running) and remove their directories."""
        self._closed = True
        for task in list(self._warming):
            task.cancel()
        if self._warming:
            await asyncio.gather(*self._warming, return_exceptions=True)
        self._idle.clear()
        for worker in list(self._live):
            self._retire(worker, "closed")
        while self._cleanups:
            await asyncio.gather(*self._cleanups, return_exceptions=True)

    async def __aenter__(self) -> SandboxPool:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # ---- introspection --------------------------------------------------------------

    def idle_pids(self) -> list[int]:
        """Process ids of the warm workers waiting for a job, oldest first."""
        return [w.pid for w in self._idle if w.alive]

    @property
    def weak(self) -> bool:
        """Whether code runs even where required kernel layers are missing."""
        return self._weak

    @property
    def refusal(self) -> str:
        """Why code blocks are refused here ("" when they run)."""
        return self._refusal

    @property
    def isolation(self) -> Mapping[str, JSONValue]:
        """The kernel-level layers the latest worker reported (see worker.isolate)."""
        return dict(self._isolation)

    # ---- CodeRunner -----------------------------------------------------------------

    async def run(self, code: str, inputs: Mapping[str, JSONValue], limits: CodeLimits) -> CodeResult:
        if self._closed:
            raise CodeError("the code sandbox is shut down")
        if self._refusal:
            raise CodeError(self._refusal, kind="forbidden")
        job = _job(code, inputs, limits)
        async with self._running:
            worker = await self._take()
            try:
                return await self._execute(worker, job, limits)
            finally:
                self._retire(worker, "done")

    # ---- workers --------------------------------------------------------------------

    async def _take(self) -> _Worker:
        if self._closed:
            raise CodeError("the code sandbox is shut down")
        while self._idle:
            worker = self._idle.popleft()
            if worker.alive:
                self._refill()
                return worker
            self._retire(worker, "done")
        self._refill()
        worker = await self._spawn()
        if self._closed:
            self._retire(worker, "closed")
            raise CodeError("the code sandbox is shut down")
        return worker

    def _refill(self) -> None:
        if self._closed or self._refusal:
            return
        for _ in range(self._size - len(self._idle) - self._spawning):
            self._spawning += 1
            task = asyncio.get_running_loop().create_task(self._warm())
            self._warming.add(task)
            task.add_done_callback(self._warming.discard)

    async def _warm(self) -> None:
        try:
            worker = await self._spawn()
        except CodeError as exc:
            log.warning("code sandbox: %s", exc.message)
            return
        finally:
            self._spawning -= 1
        if self._closed:
            self._retire(worker, "closed")
        else:
            self._idle.append(worker)

    async def _spawn(self) -> _Worker:
        loop = asyncio.get_running_loop()
        if self._refusal:
            raise CodeError(self._refusal, kind="forbidden")
        workdir = tempfile.mkdtemp(prefix="flowgate-code-", dir=self._temp_dir)
        try:
            if os.geteuid() == 0:  # the code's own directory, where no mount namespace covers it
                os.chown(workdir, self._uid, self._uid)
            transport, protocol = await loop.subprocess_exec(
                _WorkerProtocol,
                self._python,
                "-I",
                "-S",
                "-B",
                "-X",
                "utf8",
                str(WORKER_SCRIPT),
                "--parent",
                str(os.getpid()),
                "--uid",
                str(self._uid),
                "--disk-bytes",
                str(self._disk_bytes),
                *(("--skip", self._skip) if self._skip else ()),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=workdir,
                env=_environment(workdir),
                start_new_session=True,
            )
        except BaseException as exc:
            shutil.rmtree(workdir, ignore_errors=True)
            if isinstance(exc, OSError):
                raise CodeError(f"the code sandbox could not start a worker: {exc}") from None
            raise
        worker = _Worker(transport, protocol, transport.get_pid(), workdir)
        self._live.add(worker)
        try:
            async with asyncio.timeout(self._start_timeout):
                line = await asyncio.shield(protocol.ready)
            hello = json.loads(line) if line else None
            if not isinstance(hello, dict) or hello.get("ready") is not True:
                said = (bytes(protocol.channel) + bytes(protocol.stdout)).decode("utf-8", "replace").strip()
                raise CodeError(f"the code sandbox worker did not start: {said[-500:] or 'it exited'}")
        except BaseException as exc:
            self._retire(worker, "closed")
            if isinstance(exc, TimeoutError):
                raise CodeError(f"the code sandbox worker was not ready after {self._start_timeout:g} s") from None
            if isinstance(exc, ValueError):
                raise CodeError("the code sandbox worker did not start: garbled ready line") from None
            raise
        layers = hello.get("layers")
        worker.layers = layers if isinstance(layers, dict) else {}
        self._note_isolation(worker.layers)
        missing = missing_layers(worker.layers)
        if missing and not self._weak:
            self._refusal = (
                f"code blocks are disabled: this host lacks {', '.join(missing)}; set FLOWGATE_CODE_SANDBOX=weak "
                "to run them with only the layers it has and the Python audit hook, which is not a security boundary"
            )
            self._retire(worker, "closed")
            for idle in list(self._idle):
                self._retire(idle, "closed")
            self._idle.clear()
            raise CodeError(self._refusal, kind="forbidden")
        return worker

    def _note_isolation(self, layers: dict[str, JSONValue]) -> None:
        self._isolation = dict(layers)
        missing = [name for name in LAYERS if not layers.get(name)]
        if missing and not self._warned:
            self._warned = True
            log.warning(
                "code sandbox: these isolation layers are not available here: %s%s",
                ", ".join(missing),
                " (weak mode: code blocks still run, with the audit hook and resource limits)" if self._weak else "",
            )

    def _retire(self, worker: _Worker, reason: str) -> None:
        """Kill the worker now; reap it and remove its directory in the background."""
        if worker not in self._live:
            return
        self._live.discard(worker)
        worker.kill(reason)
        task = asyncio.get_running_loop().create_task(self._cleanup(worker))
        self._cleanups.add(task)
        task.add_done_callback(self._cleanups.discard)

    async def _cleanup(self, worker: _Worker) -> None:
        try:
            if not worker.protocol.finished.done():
                await asyncio.wait([worker.protocol.finished], timeout=_REAP_SECONDS)
        finally:
            worker.transport.close()
            await asyncio.to_thread(shutil.rmtree, worker.workdir, True)

    # ---- one job --------------------------------------------------------------------

    async def _execute(self, worker: _Worker, job: bytes, limits: CodeLimits) -> CodeResult:
        protocol = worker.protocol
        protocol.stdout.clear()
        protocol.stdout_cap = max(limits.max_output_bytes, 0)
        protocol.channel_cap = max(limits.max_output_bytes, 0) + _RESULT_SLACK
        protocol.on_overflow = lambda: worker.kill("output")
        stdin = worker.transport.get_pipe_transport(0)
        if not isinstance(stdin, asyncio.WriteTransport) or stdin.is_closing():
            raise CodeError("the code sandbox worker is gone")
        stdin.write(job)
        stdin.close()  # after the buffered job is written
        done, _ = await asyncio.wait([protocol.finished], timeout=limits.wall_seconds)
        if not done:
            worker.kill("timeout")
            await asyncio.wait([protocol.finished], timeout=_REAP_SECONDS)
        return _outcome(worker, limits)


def _environment(workdir: str) -> dict[str, str]:
    """A worker's whole environment: nothing of the server's (no secrets)."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": workdir,
        "TMPDIR": workdir,
        "MALLOC_ARENA_MAX": "2",  # glibc reserves 64 MiB of address space per arena otherwise
    }


def _job(code: str, inputs: Mapping[str, JSONValue], limits: CodeLimits) -> bytes:
    try:
        text = json.dumps(
            {
                "code": code,
                "inputs": dict(inputs),
                "limits": {
                    "cpu_seconds": limits.cpu_seconds,
                    "memory_bytes": limits.memory_bytes,
                    "max_output_bytes": limits.max_output_bytes,
                    "max_file_bytes": limits.max_file_bytes,
                },
            },
            ensure_ascii=False,
            allow_nan=False,
        )
    except (TypeError, ValueError) as exc:
        raise CodeError(f"the inputs are not JSON: {exc}") from None
    return text.encode("utf-8", "surrogatepass")


def _outcome(worker: _Worker, limits: CodeLimits) -> CodeResult:
    """The job's result, or the CodeError that says why there is none."""
    protocol = worker.protocol
    if worker.stopped_by == "timeout":
        raise CodeError(f"the code ran longer than {limits.wall_seconds:g} s (wall-clock limit)", kind="timeout")
    if worker.stopped_by == "closed":
        raise CodeError("the code sandbox was shut down while the code ran")
    if protocol.overflow == "stdout":
        raise CodeError(f"the code printed more than {limits.max_output_bytes} bytes (output limit)", kind="output")
    if protocol.overflow == "result":
        raise CodeError(f"the result is larger than the limit of {limits.max_output_bytes} bytes", kind="output")
    stdout = bytes(protocol.stdout).decode("utf-8", "replace")
    message = _last_message(protocol.channel)
    if message is not None:
        if message.get("ok") is True:
            return CodeResult(output=message.get("output"), stdout=stdout)
        line = message.get("line")
        kind = message.get("kind")
        raise CodeError(
            str(message.get("message") or "the code failed"),
            line=line if isinstance(line, int) and not isinstance(line, bool) else None,
            kind=kind if isinstance(kind, str) and kind in _KINDS else "error",
        )
    returncode = worker.transport.get_returncode()
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise CodeError(f"the code was stopped after more than {limits.cpu_seconds:g} s of CPU time", kind="timeout")
    if returncode == -signal.SIGXFSZ:
        raise CodeError(f"the code wrote a file larger than the limit of {limits.max_file_bytes} bytes", kind="output")
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        raise CodeError(f"the code process crashed ({name})")
    raise CodeError(f"the code process exited (status {returncode}) without returning from main()")


def _last_message(channel: bytearray) -> dict[str, Any] | None:
    for raw in reversed(bytes(channel).split(b"\n")):
        if not raw.strip():
            continue
        try:
            message = json.loads(raw)
        except ValueError:
            return None
        return message if isinstance(message, dict) and "ok" in message else None
    return None
