"""The code sandbox: SandboxPool + worker (real processes), and the code block's config."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pydantic import ValidationError

from flowgate.config import Settings
from flowgate.domain.events import BlockEnded, Event
from flowgate.domain.models import BlockStatus, Graph, RunError, RunStatus
from flowgate.engine.blocks import default_registry
from flowgate.engine.blocks.code import CodeBlock, CodeConfig
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.graph import compile_graph
from flowgate.engine.limits import EngineLimits
from flowgate.engine.sandbox import WORKER_SCRIPT, SandboxPool
from flowgate.engine.sandbox.kernel import LAYERS, missing_layers
from flowgate.engine.services import CodeError, CodeLimits, Services
from flowgate.server import build_services
from tests.eventually import eventually
from tests.sandbox_bypass import BYPASS

pytestmark = pytest.mark.asyncio(loop_scope="session")

LIMITS = CodeLimits(cpu_seconds=2, wall_seconds=20, memory_bytes=256 * 1024 * 1024)


def code(source: str) -> str:
    return textwrap.dedent(source).strip() + "\n"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def pool() -> AsyncIterator[SandboxPool]:
    async with SandboxPool(2) as p:
        yield p


def entries(directory: Path) -> list[str]:
    return os.listdir(directory)


def gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


async def fails(pool: SandboxPool, source: str, limits: CodeLimits = LIMITS, **inputs: Any) -> CodeError:
    with pytest.raises(CodeError) as err:
        await pool.run(code(source), inputs, limits)
    return err.value


# ---- results ---------------------------------------------------------------------------


async def test_main_gets_inputs_and_its_return_value_is_the_output(pool: SandboxPool) -> None:
    result = await pool.run(code("def main(a, b=2):\n    return {'sum': a + b}"), {"a": 40}, LIMITS)
    assert result.output == {"sum": 42}
    assert result.stdout == ""


async def test_every_json_type_goes_in_and_comes_out_unchanged(pool: SandboxPool) -> None:
    inputs: dict[str, Any] = {
        "text": 'héllo ✓ \u2028 "quoted"',
        "integer": 2**62,
        "negative": -7,
        "number": 3.25,
        "yes": True,
        "no": False,
        "nothing": None,
        "items": [1, "two", [3.5], {"four": None}],
        "mapping": {"nested": {"deep": [True, False]}, "": "empty key"},
        "empty_list": [],
        "empty_dict": {},
    }
    source = """
        def main(**inputs):
            return {"echo": inputs, "types": {k: type(v).__name__ for k, v in inputs.items()}}
    """
    result = await pool.run(code(source), inputs, LIMITS)
    assert result.output["echo"] == inputs
    assert result.output["types"] == {
        "text": "str",
        "integer": "int",
        "negative": "int",
        "number": "float",
        "yes": "bool",
        "no": "bool",
        "nothing": "NoneType",
        "items": "list",
        "mapping": "dict",
        "empty_list": "list",
        "empty_dict": "dict",
    }
    for value in inputs.values():  # a bare value is an output too
        assert (await pool.run(code("def main(v):\n    return v"), {"v": value}, LIMITS)).output == value


async def test_printed_output_is_captured_apart_from_the_result(pool: SandboxPool) -> None:
    source = """
        import sys
        print("loading")
        def main():
            print("one")
            print("two", file=sys.stderr)
            return "result"
    """
    result = await pool.run(code(source), {}, LIMITS)
    assert result.output == "result"
    assert result.stdout == "loading\none\ntwo\n"


async def test_an_exception_names_the_failing_line_of_the_code(pool: SandboxPool) -> None:
    source = """
        import json

        def helper(x):
            return 10 / x

        def main(x):
            if x == 0:
                return helper(x)
            return json.loads("{not json")
    """
    err = await fails(pool, source, x=0)
    assert (err.kind, err.line, err.message) == ("error", 4, "ZeroDivisionError: division by zero")
    err = await fails(pool, source, x=1)  # raised inside the standard library: the code's line
    assert (err.kind, err.line) == ("error", 9)
    assert err.message.startswith("JSONDecodeError: Expecting property name")


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("def main(:\n    pass", 1, "SyntaxError: invalid syntax"),
        ("x = 1", None, "the code does not define a function main(**inputs)"),
        ("def main():\n    return {1, 2}", None, "main() returned a value that is not JSON"),
        ("def main():\n    return float('nan')", None, "main() returned a value that is not JSON"),
        ("import sys\ndef main():\n    sys.exit(3)", 3, "the code called exit() (status 3)"),
        ("raise KeyError('top')\ndef main():\n    pass", 1, "KeyError: 'top'"),
    ],
)
async def test_broken_code_is_reported(pool: SandboxPool, source: str, line: int | None, message: str) -> None:
    err = await fails(pool, source)
    assert (err.kind, err.line) == ("error", line)
    assert err.message.startswith(message)


async def test_inputs_that_are_not_json_are_refused_before_any_process(pool: SandboxPool) -> None:
    with pytest.raises(CodeError, match="the inputs are not JSON"):
        await pool.run("def main(x):\n    return x", {"x": float("inf")}, LIMITS)


# ---- containment -------------------------------------------------------------------------


# The escape list (each attempt refused, with and without Landlock): test_sandbox_escapes.py.


async def test_the_code_cannot_add_audit_hooks_of_its_own(pool: SandboxPool) -> None:
    source = """
        import sys
        seen = []
        def main():
            sys.addaudithook(lambda event, args: seen.append(event))  # silently refused
            sys.audit("probe")
            return seen
    """
    assert (await pool.run(code(source), {}, LIMITS)).output == []


async def test_a_file_outside_the_working_directory_cannot_be_read_through_dotdot(
    pool: SandboxPool, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret")
    source = """
        import os
        def main(path):
            relative = os.path.relpath(path)
            assert relative.startswith("../"), relative
            return open(relative).read()
    """
    err = await fails(pool, source, path=str(secret))
    assert err.kind == "forbidden"
    assert err.message.startswith("Forbidden: reading '../")
    assert "s3cret" not in err.message


async def test_the_code_sees_a_minimal_environment_and_an_empty_private_directory(
    pool: SandboxPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLOWGATE_TEST_SECRET", "do-not-leak")
    source = """
        import os
        def main():
            return {"env": dict(os.environ), "cwd": os.getcwd(), "files": os.listdir(".")}
    """
    first = (await pool.run(code(source), {}, LIMITS)).output
    assert "do-not-leak" not in json.dumps(first["env"])
    assert set(first["env"]) <= {"PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "MALLOC_ARENA_MAX", "LC_CTYPE"}
    assert first["files"] == []
    assert first["env"]["HOME"] == first["cwd"]


async def test_each_run_gets_a_fresh_process_and_directory(pool: SandboxPool) -> None:
    source = """
        import builtins, os
        def main():
            seen = (getattr(builtins, "leak", None), sorted(os.listdir(".")))
            builtins.leak = "from an earlier run"
            open("left-behind.txt", "w").write("x")
            return {"pid": os.getpid(), "cwd": os.getcwd(), "seen": seen}
    """
    first = (await pool.run(code(source), {}, LIMITS)).output
    second = (await pool.run(code(source), {}, LIMITS)).output
    assert first["seen"] == second["seen"] == [None, []]
    assert first["pid"] != second["pid"]
    assert first["cwd"] != second["cwd"]
    await eventually(lambda: not Path(first["cwd"]).exists())  # removed after the run


async def test_unbounded_allocation_hits_the_memory_limit(pool: SandboxPool) -> None:
    source = """
        def main():
            hoard = []
            while True:
                hoard.append(bytearray(10_000_000))
    """
    err = await fails(pool, source, CodeLimits(memory_bytes=128 * 1024 * 1024))
    assert (err.kind, err.line) == ("memory", 4)
    assert err.message == "the code ran out of memory (limit 128 MiB)"


async def test_an_infinite_loop_hits_the_cpu_limit(pool: SandboxPool) -> None:
    err = await fails(pool, "def main():\n    while True:\n        pass", CodeLimits(cpu_seconds=1, wall_seconds=60))
    assert err.kind == "timeout"
    assert err.message == "the code used more than 1 s of CPU time"
    assert err.line in (2, 3)


async def test_swallowing_the_cpu_limit_does_not_help(pool: SandboxPool) -> None:
    source = """
        def main():
            while True:
                try:
                    while True:
                        pass
                except BaseException:
                    pass
    """
    err = await fails(pool, source, CodeLimits(cpu_seconds=1, wall_seconds=60))
    assert err.kind == "timeout"
    assert "CPU time" in err.message


async def test_sleeping_forever_hits_the_wall_clock_limit(pool: SandboxPool) -> None:
    err = await fails(pool, "import time\ndef main():\n    time.sleep(3600)", CodeLimits(wall_seconds=0.5))
    assert err.kind == "timeout"
    assert err.message == "the code ran longer than 0.5 s (wall-clock limit)"


async def test_a_huge_file_hits_the_file_size_limit(pool: SandboxPool) -> None:
    source = """
        def main():
            with open("big.bin", "wb") as f:
                while True:
                    f.write(b"x" * 100_000)
    """
    err = await fails(pool, source, CodeLimits(max_file_bytes=1_000_000))
    assert (err.kind, err.line) == ("output", 4)
    assert err.message == "the code wrote a file larger than the limit of 1000000 bytes"


async def test_many_files_are_refused_past_the_kernel_inode_cap(pool: SandboxPool) -> None:
    source = """
        def main():
            for i in range(5000):
                open(f"f{i}", "w").close()
    """
    err = await fails(pool, source)
    assert (err.kind, err.line) == ("output", 3)
    assert err.message == "the code filled its working directory (limit 67108864 bytes, 1000 files)"


async def test_disk_use_is_capped_by_the_working_directory_tmpfs(pool: SandboxPool) -> None:
    source = """
        import os
        written = []
        def main():
            try:
                for i in range(100):
                    with open(f"f{i}", "wb") as f:
                        f.write(b"x" * (1 << 20))
                    written.append(i)
            finally:
                print(len(written), sum(os.path.getsize(n) for n in os.listdir(".")))
    """
    err = await fails(pool, source, CodeLimits(max_file_bytes=2 << 20, wall_seconds=20))
    assert err.kind == "output"
    assert err.message.startswith("the code filled its working directory (limit 67108864 bytes")


async def test_huge_printed_output_is_cut_off(pool: SandboxPool) -> None:
    err = await fails(
        pool, "def main():\n    while True:\n        print('x' * 1000)", CodeLimits(max_output_bytes=50_000)
    )
    assert err.kind == "output"
    assert err.message == "the code printed more than 50000 bytes (output limit)"


async def test_a_huge_result_is_refused(pool: SandboxPool) -> None:
    err = await fails(pool, "def main():\n    return 'x' * 60_000", CodeLimits(max_output_bytes=50_000))
    assert err.kind == "output"
    assert err.message == "the result is 60002 bytes, more than the limit of 50000 bytes"


async def test_writing_a_fake_result_line_does_not_break_the_protocol(pool: SandboxPool) -> None:
    source = """
        import os
        def main():
            for fd in range(3, 10):
                try:
                    os.write(fd, b"garbage\\n")
                except OSError:
                    pass
            return "real"
    """
    assert (await pool.run(code(source), {}, LIMITS)).output == "real"


# ---- the kernel layer, without the audit hook --------------------------------------------

KERNEL_PROBE = """
import json, os, socket, sys
sys.path.insert(0, sys.argv[1])
import worker
layers = worker.isolate(os.path.realpath(os.getcwd()), None)
outcome = {}
def attempt(name, action):
    try:
        action()
        outcome[name] = "allowed"
    except OSError as exc:
        outcome[name] = exc.errno
attempt("socket", lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).close())
attempt("unix_socket", lambda: socket.socket(socket.AF_UNIX).close())
attempt("fork", lambda: os.fork())
attempt("read_passwd", lambda: open("/etc/passwd").close())
attempt("write_tmp", lambda: open("/tmp/flowgate-escape-probe", "w").close())
attempt("signal_parent", lambda: os.kill(os.getppid(), 0))
attempt("write_here", lambda: open("inside.txt", "w").close())
print(json.dumps({"layers": layers, "outcome": outcome}))
"""


async def test_the_kernel_layers_hold_even_without_the_audit_hook(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-I",
        "-S",
        "-c",
        KERNEL_PROBE,
        str(WORKER_SCRIPT.parent),
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin"},
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    report = json.loads(out)
    layers, outcome = report["layers"], report["outcome"]
    assert missing_layers(layers) == [], layers
    assert outcome["write_here"] == "allowed"
    assert outcome["socket"] == outcome["unix_socket"] == outcome["fork"] == errno.EPERM
    assert outcome["signal_parent"] == errno.EPERM
    assert outcome["read_passwd"] in (errno.ENOENT, errno.EACCES)  # not in the private root; Landlock
    assert outcome["write_tmp"] in (errno.EROFS, errno.EACCES)


async def test_the_pool_reports_its_isolation_layers(pool: SandboxPool) -> None:
    assert set(pool.isolation) >= set(LAYERS)
    assert missing_layers(dict(pool.isolation)) == []
    assert pool.isolation["uid"] == (65534 if os.geteuid() == 0 else os.getuid())
    assert pool.refusal == ""


def as_normal_user(directory: Path) -> str:
    """An interpreter for workers that runs them as uid 1000 in a user namespace, as when a
    normal user starts the server (when not root, the real interpreter: that is the case)."""
    if os.geteuid() != 0:
        return sys.executable
    unshare = shutil.which("unshare")
    assert unshare is not None, "util-linux's unshare is needed to run workers as a normal user"
    wrapper = directory / "python-as-user"
    wrapper.write_text(f'#!/bin/sh\nexec {unshare} --user --map-user=1000 --map-group=1000 {sys.executable} "$@"\n')
    wrapper.chmod(0o700)
    return str(wrapper)


async def test_a_server_that_is_not_root_isolates_code_in_a_user_namespace(tmp_path: Path) -> None:
    python = as_normal_user(tmp_path)
    secret = tmp_path / "secret.key"
    secret.write_text("s3cret")
    probe = BYPASS + "def attempt():\n    return {'uid': os.getuid(), 'root': sorted(os.listdir('/'))}\n"
    async with SandboxPool(1, python=python, temp_dir=str(tmp_path), test_skip_layers=("landlock",)) as pool:
        assert pool.refusal == ""
        assert str(pool.isolation["network"]).startswith("userns+")
        assert (pool.isolation["mounts"], pool.isolation["unprivileged"]) == (True, True)
        err = await fails(pool, "def main(path):\n    return open(path).read()", path=str(secret))
        assert err.kind == "forbidden"  # the audit hook first
        bypass = BYPASS + "def attempt(path):\n    return open(path).read()\n"
        report = (await pool.run(bypass, {"path": str(secret)}, LIMITS)).output
        assert (report["switched_off"], report["outcome"]) == (True, "ENOENT"), report  # the private root
        seen = (await pool.run(probe, {}, LIMITS)).output["detail"]
    assert seen["uid"] == (1000 if os.geteuid() == 0 else os.getuid())
    assert "work" not in seen["root"]
    assert "proc" not in seen["root"]


@pytest.mark.parametrize(
    ("skip", "lacks"),
    [
        (("mounts",), "a disk cap (a tmpfs in a mount namespace)"),
        (("mounts", "landlock"), "file isolation (a mount namespace or Landlock), a disk cap"),
        (("network",), "a network namespace"),
        (("seccomp",), "seccomp"),
        (("unprivileged",), "an unprivileged user"),
    ],
)
async def test_a_host_lacking_a_kernel_layer_refuses_code_blocks(
    tmp_path: Path, skip: tuple[str, ...], lacks: str
) -> None:
    if skip == ("unprivileged",) and os.geteuid() != 0:
        skip = ("mounts", "landlock")  # not root: the code never runs as root; another refusal
        lacks = "file isolation"
    pool = SandboxPool(1, temp_dir=str(tmp_path), test_skip_layers=skip)
    try:
        await pool.start()  # the server still starts; code blocks are refused
        assert pool.refusal.startswith(f"code blocks are disabled: this host lacks {lacks}")
        assert "set FLOWGATE_CODE_SANDBOX=weak to run them" in pool.refusal
        assert pool.idle_pids() == []  # no worker is kept
        with pytest.raises(CodeError) as err:
            await pool.run(PID, {}, LIMITS)
        assert err.value.message == pool.refusal
        assert err.value.kind == "forbidden"
    finally:
        await pool.close()
    assert entries(tmp_path) == []


async def test_the_weak_mode_runs_code_with_the_layers_there_are(tmp_path: Path) -> None:
    async with SandboxPool(1, temp_dir=str(tmp_path), weak=True, test_skip_layers=("mounts", "landlock")) as pool:
        assert pool.refusal == ""
        assert pool.isolation["mounts"] is False
        assert pool.isolation["disk"] is False
        assert isinstance((await pool.run(PID, {}, LIMITS)).output, int)
        err = await fails(pool, "def main():\n    return open('/etc/passwd').read()")
        assert err.kind == "forbidden"  # the audit hook still refuses
        many = "def main():\n    for i in range(100):\n        open(f'f{i}', 'w').close()"
        err = await fails(pool, many)  # without a tmpfs the hook counts files again
        assert (err.kind, err.message) == (
            "forbidden",
            "Forbidden: the sandbox allows at most 64 files to be opened for writing",
        )


async def test_the_sandbox_settings_reach_the_pool() -> None:
    settings = Settings.model_validate(
        {"code_warm_workers": 0, "code_disk_bytes": 2 << 20, "code_sandbox_uid": 4242, "_env_file": None}
    )
    services = build_services(settings)
    pool = services.code
    assert isinstance(pool, SandboxPool)
    try:
        uid = (await pool.run("import os\ndef main():\n    return os.getuid()", {}, LIMITS)).output
        assert uid == (4242 if os.geteuid() == 0 else os.getuid())
        many = "def main():\n    for i in range(3):\n        open(f'f{i}', 'wb').write(b'x' * (1 << 20))"
        err = await fails(pool, many)
        assert err.message == "the code filled its working directory (limit 2097152 bytes, 1000 files)"
    finally:
        await pool.close()
        close = getattr(services.http, "close", None)
        if close is not None:
            await close()
    weak = build_services(Settings.model_validate({"code_sandbox": "weak", "_env_file": None})).code
    strict = build_services(Settings.model_validate({"_env_file": None})).code
    assert isinstance(weak, SandboxPool)
    assert isinstance(strict, SandboxPool)
    assert (weak.weak, strict.weak) == (True, False)


async def test_test_skip_layers_takes_only_layer_names() -> None:
    with pytest.raises(ValueError, match="unknown layers"):
        SandboxPool(0, test_skip_layers=("audit_hook",))
    with pytest.raises(ValueError, match="unknown layers"):
        SandboxPool(0, test_skip_layers=("disk",))  # goes with "mounts"


# ---- the pool ----------------------------------------------------------------------------

PID = "import os\ndef main():\n    return os.getpid()"


async def test_a_job_is_served_by_a_worker_started_before_it_and_the_pool_refills(tmp_path: Path) -> None:
    async with SandboxPool(2, temp_dir=str(tmp_path)) as pool:
        warm = pool.idle_pids()
        assert len(warm) == 2
        served = (await pool.run(PID, {}, LIMITS)).output
        assert served in warm  # the process existed, ready, before the job was submitted
        await eventually(lambda: len(pool.idle_pids()) == 2 and served not in pool.idle_pids())
        await eventually(lambda: gone(served))
        again = (await pool.run(PID, {}, LIMITS)).output
        assert again != served


async def test_a_pool_without_warm_workers_starts_them_on_demand(tmp_path: Path) -> None:
    pool = SandboxPool(0, temp_dir=str(tmp_path))
    try:
        assert pool.idle_pids() == []
        assert isinstance((await pool.run(PID, {}, LIMITS)).output, int)
        assert pool.idle_pids() == []
    finally:
        await pool.close()
    assert entries(tmp_path) == []


async def test_cancelling_a_run_kills_its_process_at_once(tmp_path: Path) -> None:
    async with SandboxPool(1, temp_dir=str(tmp_path)) as pool:
        (pid,) = pool.idle_pids()
        task = asyncio.create_task(pool.run("import time\ndef main():\n    time.sleep(3600)", {}, LIMITS))
        await eventually(lambda: pid not in pool.idle_pids())
        await asyncio.sleep(0.1)  # let the job reach the worker: nothing outside shows when it has read it
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await eventually(lambda: gone(pid), timeout=5)


async def test_closing_the_pool_stops_a_running_job(tmp_path: Path) -> None:
    pool = SandboxPool(1, temp_dir=str(tmp_path))
    await pool.start()
    (pid,) = pool.idle_pids()
    task = asyncio.create_task(pool.run("import time\ndef main():\n    time.sleep(3600)", {}, LIMITS))
    await eventually(lambda: pid not in pool.idle_pids())
    await pool.close()
    with pytest.raises(CodeError, match="shut down"):
        await task
    await eventually(lambda: gone(pid), timeout=5)
    assert entries(tmp_path) == []


async def test_close_kills_idle_workers_and_removes_their_directories(tmp_path: Path) -> None:
    pool = SandboxPool(3, temp_dir=str(tmp_path))
    await pool.start()
    pids = pool.idle_pids()
    assert len(pids) == 3
    assert len(entries(tmp_path)) == 3
    await pool.close()
    assert all(gone(pid) for pid in pids)
    assert entries(tmp_path) == []
    with pytest.raises(CodeError, match="shut down"):
        await pool.run(PID, {}, LIMITS)


async def test_a_broken_interpreter_fails_start_with_a_clear_error(tmp_path: Path) -> None:
    pool = SandboxPool(1, python="/nonexistent/python", temp_dir=str(tmp_path))
    with pytest.raises(CodeError, match="could not start a worker"):
        await pool.start()
    await pool.close()
    assert entries(tmp_path) == []


async def test_jobs_run_concurrently_each_in_its_own_worker(pool: SandboxPool) -> None:
    results = await asyncio.gather(*(pool.run(PID, {}, LIMITS) for _ in range(4)))
    assert len({r.output for r in results}) == 4


# ---- the block ---------------------------------------------------------------------------


def config(**data: Any) -> CodeConfig:
    return CodeConfig.model_validate({"code": "def main(**inputs):\n    return inputs", **data})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "def main(:\n  pass"}, "line 1: SyntaxError: invalid syntax"),
        ({"code": "x = 1"}, "the code must define a top-level function: def main(**inputs)"),
        ({"code": "async def main():\n    return 1"}, "main must be a plain function"),
        ({"inputs": {"not valid": "{x}"}}, "input name 'not valid' is not a Python identifier"),
        ({"inputs": {"class": "{x}"}}, "input name 'class' is not a Python identifier"),
        ({"inputs": {"a": "{{ unclosed"}}, "input 'a'"),
        ({"code": "def main(a):\n    return a", "inputs": {"b": "{x}"}}, "main() has no parameter 'b'"),
        ({"code": "def main(a, b):\n    return a", "inputs": {"a": "{x}"}}, "main() needs 'b'"),
        ({"code": "def main(*, a, b=1):\n    return a", "inputs": {"b": "{x}"}}, "main() needs 'a'"),
        ({"code": "def main(a, /):\n    return a", "inputs": {"a": "{x}"}}, "positional-only"),
        ({"language": "javascript"}, "Input should be 'python'"),
        ({"limits": {"memory_bytes": 1000}}, "greater than or equal to"),
        ({"limits": {"cpu": 1}}, "Extra inputs are not permitted"),
    ],
)
async def test_code_config_is_validated(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        config(**data)


async def test_code_with_braces_is_not_taken_for_references() -> None:
    source = "def main(name):\n    return f'{name} {{x}}' + str({1: {2}})"
    g = Graph.from_json(
        {
            "nodes": [
                {"id": "s", "type": "start", "data": {"inputs": [{"name": "who", "type": "string"}]}},
                {"id": "c", "type": "code", "data": {"code": source, "inputs": {"name": "{who}"}}},
                {"id": "e", "type": "end"},
            ],
            "edges": [{"id": "1", "source": "s", "target": "c"}, {"id": "2", "source": "c", "target": "e"}],
        }
    )
    compile_graph(g, default_registry(CodeBlock()), EngineLimits())


async def test_main_signatures_that_fit_the_inputs_are_accepted() -> None:
    config(code="def main(a, b=2, *, c=3):\n    return a", inputs={"a": "{x}", "c": "{y}"})
    config(code="def main(**kw):\n    return kw", inputs={"anything": "{x}"})
    config(code="import functools\n@functools.cache\ndef main(z):\n    return z", inputs={})  # not checked


async def test_block_limits_can_only_be_lowered() -> None:
    block = CodeBlock(CodeLimits(cpu_seconds=5, wall_seconds=10, memory_bytes=256 << 20, max_file_bytes=100))
    lowered = block.limits_for(config(limits={"cpu_seconds": 1, "wall_seconds": 60, "max_file_bytes": 0}))
    assert lowered == CodeLimits(cpu_seconds=1, wall_seconds=10, memory_bytes=256 << 20, max_file_bytes=0)
    assert block.limits_for(config()) == block.limits


async def run_graph(code_data: dict[str, Any], services: Services, inputs: dict[str, Any]) -> tuple[Any, list[Event]]:
    g = Graph.from_json(
        {
            "nodes": [
                {"id": "s", "type": "start", "data": {"inputs": [{"name": "n", "type": "integer"}]}},
                {"id": "c", "type": "code", "data": {"label": "Calc", **code_data}},
                {"id": "e", "type": "end", "data": {"outputs": {"result": "{calc}"}}},
            ],
            "edges": [{"id": "1", "source": "s", "target": "c"}, {"id": "2", "source": "c", "target": "e"}],
        }
    )
    limits = EngineLimits()
    compiled = compile_graph(g, default_registry(CodeBlock()), limits)
    executor = Executor(limits, services)
    events: list[Event] = []
    done = await executor.run(compiled, RunSpec("run-1", "doc", "dep", "1.0.0", 30.0), inputs, events.append)
    return done, events


async def test_the_block_runs_code_through_the_engine(pool: SandboxPool) -> None:
    data = {
        "code": "def main(n, label):\n    return {'double': n * 2, 'label': label}",
        "inputs": {"n": "{n}", "label": "n is {n}"},
    }
    done, _ = await run_graph(data, Services(code=pool), {"n": 21})
    assert done.status is RunStatus.SUCCEEDED
    assert done.outputs == {"result": {"double": 42, "label": "n is 21"}}


async def test_a_failing_block_reports_the_line(pool: SandboxPool) -> None:
    data = {"code": "def main(n):\n    x = 1\n    raise ValueError(f'bad n: {n}')", "inputs": {"n": "{n}"}}
    done, _ = await run_graph(data, Services(code=pool), {"n": 3})
    assert done.status is RunStatus.FAILED
    assert done.error_message == "line 3: ValueError: bad n: 3"


async def test_without_a_sandbox_the_block_fails_clearly() -> None:
    done, _ = await run_graph({"code": "def main():\n    return 1"}, Services(), {"n": 1})
    assert done.status is RunStatus.FAILED
    assert done.error_message == "code blocks are not available: this server has no code sandbox configured"


async def test_a_block_timeout_kills_the_worker(tmp_path: Path) -> None:
    async with SandboxPool(1, temp_dir=str(tmp_path)) as pool:
        (pid,) = pool.idle_pids()
        data = {"code": "import time\ndef main():\n    time.sleep(3600)", "timeout_seconds": 0.5}
        done, events = await run_graph(data, Services(code=pool), {"n": 1})
        assert done.status is RunStatus.FAILED
        ended = [e for e in events if isinstance(e, BlockEnded) and e.block_id == "c"]
        assert ended[0].status is BlockStatus.FAILED
        assert ended[0].error == RunError("BLOCK_FAILED", "timed out after 0.5s", "c")
        await eventually(lambda: gone(pid), timeout=5)
