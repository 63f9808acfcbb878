"""The code sandbox worker: a standalone script (it imports nothing of flowgate).

Started by `SandboxPool` as `python -I -S -B -X utf8 worker.py --parent PID --uid UID
--disk-bytes N`, in its own session, with a fresh temporary directory as cwd and a
minimal environment. It runs one job and exits.

1. Warm-up (before any job): `kernel.isolate` locks the process down at the kernel level
   (namespaces, a private minimal root with the working directory as a size-capped
   tmpfs, an unprivileged uid when started as root, Landlock, no capabilities, seccomp;
   see kernel.py). What took effect is reported in the ready line, `{"ready": …,
   "layers": …}`, on the protocol channel; the pool refuses to use a worker that lacks
   a required layer unless it runs in the weak mode. Then the worker blocks on stdin.
2. The job: one JSON object on stdin (`code`, `inputs`, `limits`). Resource limits
   (CPU, address space, file size, open files, no core dumps) are applied, an audit hook
   (`sys.addaudithook`) refusing network, processes, ctypes, files outside the working
   directory and other dangerous events is installed, and then the code runs:
   `main(**inputs)`. The hook gives early, friendly errors; it is not the boundary (code
   can switch it off): the kernel layers are.
3. The result: one JSON line on the protocol channel, `{"ok": true, "output": …}` or
   `{"ok": false, "kind": …, "message": …, "line": …}`; then the process exits at once.

Channels: fd 0 = the job; fd 1 = what the code prints (stdout and stderr), read and capped
by the parent; the protocol channel is the original fd 2, moved to a private descriptor
(fd 2 then points at fd 1).
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import math
import os
import resource
import signal
import sys
from collections.abc import Callable
from typing import Any

try:
    from . import kernel
except ImportError:  # run as a script (the pool's way): the module next to this file
    import importlib.util

    _spec = importlib.util.spec_from_file_location("kernel", os.path.join(os.path.dirname(__file__), "kernel.py"))
    if _spec is None or _spec.loader is None:
        raise ImportError("kernel.py must sit next to the worker") from None
    kernel = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(kernel)

isolate = kernel.isolate
read_roots = kernel.read_roots

MAX_OPEN_FILES = 64
"""RLIMIT_NOFILE of a job."""
MAX_WRITE_OPENS = 64
"""Files a job may open for writing, counted by the audit hook only where the kernel caps
no disk (the weak mode without a mount namespace); elsewhere the tmpfs size is the cap."""
MAX_MESSAGE = 2000
"""Error messages are cut to this many characters."""
RESERVE_BYTES = 1 << 20
"""Memory held back while the code runs and released when it runs out, so that the
failure can still be reported."""
CODE_FILENAME = "<code>"
MODULE_NAME = "sandbox"

# Modules that may not be imported at all (checked on every component of a dotted name):
# they create processes without an audit event, load native code, read the user
# database, or give access to interpreter internals that defeat the audit hook.
BLOCKED_MODULES = frozenset(
    {
        "ctypes",
        "_ctypes",
        "_posixsubprocess",
        "_posixshmem",
        "_multiprocessing",
        "_xxsubinterpreters",
        "_xxinterpchannels",
        "_interpreters",
        "_interpchannels",
        "_interpqueues",
        "pwd",
        "grp",
        "spwd",
        "_dbm",
        "_gdbm",
    }
)
BLOCKED_MODULE_PREFIXES = ("_test", "_xx", "_ctypes")

NETWORK_EVENTS = frozenset(
    {
        "urllib.Request",
        "http.client.connect",
        "http.client.send",
        "ftplib.connect",
        "ftplib.sendcmd",
        "smtplib.connect",
        "smtplib.send",
        "imaplib.open",
        "imaplib.send",
        "poplib.connect",
        "poplib.putline",
        "nntplib.connect",
        "nntplib.putline",
        "telnetlib.Telnet.open",
        "telnetlib.Telnet.write",
        "webbrowser.open",
    }
)
PROCESS_EVENTS = frozenset(
    {
        "os.system",
        "os.exec",
        "os.spawn",
        "os.posix_spawn",
        "os.fork",
        "os.forkpty",
        "os.startfile",
        "subprocess.Popen",
        "pty.spawn",
        "os.kill",
        "os.killpg",
        "signal.pthread_kill",
        "os.setns",
        "os.unshare",
        "cpython.PyInterpreterState_New",
        "_interpreters.create",
    }
)
OTHER_REFUSED_EVENTS = frozenset(
    {
        "sys.addaudithook",
        "gc.get_objects",
        "gc.get_referrers",
        "gc.get_referents",
        "resource.setrlimit",
        "resource.prlimit",
        "sqlite3.enable_load_extension",
        "sqlite3.load_extension",
        "builtins.breakpoint",
        "os.link",
        "os.symlink",
        "os.add_dll_directory",
        "sys.remote_exec",
    }
)
REFUSED_PREFIXES = ("socket.", "ctypes.", "syslog.", "winreg.", "msvcrt.", "_winapi.")

# Events whose listed arguments are paths, and whether they read or write there.
READ_PATH_EVENTS: dict[str, tuple[int, ...]] = {
    "os.listdir": (0,),
    "os.scandir": (0,),
    "os.listxattr": (0,),
    "os.getxattr": (0,),
    "os.fwalk": (0,),
    "os.walk": (0,),
}
WRITE_PATH_EVENTS: dict[str, tuple[int, ...]] = {
    "os.chdir": (0,),
    "os.mkdir": (0,),
    "os.rmdir": (0,),
    "os.remove": (0,),
    "os.rename": (0, 1),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.utime": (0,),
    "os.chflags": (0,),
    "os.lchflags": (0,),
    "os.lchmod": (0,),
    "os.setxattr": (0,),
    "os.removexattr": (0,),
    "os.mkfifo": (0,),
    "os.mknod": (0,),
}
"""Higher-level events (shutil, tempfile, pathlib) end in these os-level ones."""


class Forbidden(PermissionError):
    """Raised by the audit hook when the code tries something the sandbox does not allow."""


class ForbiddenImport(ImportError):
    """Raised by the audit hook for a module that may not be imported."""


class CPUTimeExceeded(BaseException):
    """Raised in the code when its CPU time runs out (not an Exception: `except Exception` does not catch it)."""


# ---- protocol -----------------------------------------------------------------------


def send(fd: int, message: str) -> None:
    data = (message + "\n").encode("utf-8", "surrogatepass")
    while data:
        written = os.write(fd, data)
        data = data[written:]


def envelope_error(kind: str, message: str, line: int | None = None) -> str:
    return json.dumps({"ok": False, "kind": kind, "message": message[:MAX_MESSAGE], "line": line})


# ---- resource limits (per job) ---------------------------------------------------------


def apply_limits(limits: dict[str, Any]) -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_soft = math.ceil(usage.ru_utime + usage.ru_stime + float(limits["cpu_seconds"])) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_soft + 1))
    memory = int(limits["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    file_bytes = int(limits["max_file_bytes"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (MAX_OPEN_FILES, MAX_OPEN_FILES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _cpu_exceeded(signum: int, frame: object) -> None:
    raise CPUTimeExceeded


# ---- the audit hook ----------------------------------------------------------------------


def install_guard(  # noqa: PLR0915 - one self-contained closure
    workdir: str, roots: tuple[str, ...], max_writes: int | None = MAX_WRITE_OPENS
) -> None:
    """Install the audit hook. It relies only on values captured here (C functions,
    immutable tuples) and never on module attributes the code could replace, and nothing
    keeps a reference to it once installed (the gc introspection that could find it is
    refused). `max_writes` counts opens for writing (None: no count, the kernel caps the
    disk)."""
    import posix

    lstat = posix.lstat
    readlink = posix.readlink
    getcwd = posix.getcwd
    str_concat = str.__add__
    bytes_decode = bytes.decode
    isinstance_ = isinstance
    type_ = type
    len_ = len
    str_, bytes_, int_, tuple_ = str, bytes, int, tuple
    forbidden = Forbidden
    forbidden_import = ForbiddenImport
    blocked_modules = BLOCKED_MODULES
    blocked_prefixes = BLOCKED_MODULE_PREFIXES
    network_events = NETWORK_EVENTS
    process_events = PROCESS_EVENTS
    other_events = OTHER_REFUSED_EVENTS
    refused_prefixes = REFUSED_PREFIXES
    read_events = dict(READ_PATH_EVENTS)
    write_events = dict(WRITE_PATH_EVENTS)
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    s_ifmt, s_iflnk, s_ifdir = 0o170000, 0o120000, 0o040000
    readable = (workdir, *roots)
    writes = [0]

    def text(path: Any) -> str | None:
        """The path a call will use, as an exact str; None when it is not a path (an fd).
        isinstance() consults a `__class__` the code may define: code can run inside this
        hook, and switch it off (docs/blocks/code.md). The hook is not the boundary."""
        if isinstance_(path, str_):
            return str_concat("", path)  # an exact copy, whatever a subclass overrides
        if isinstance_(path, bytes_):
            return bytes_decode(path, "utf-8", "surrogateescape")
        if path is None or isinstance_(path, int_):
            return None
        raise forbidden("the sandbox accepts only str and bytes paths")

    def resolve(path: str) -> str:
        """Like os.path.realpath, built only from captured C functions."""
        if path[:1] != "/":
            path = str_concat(str_concat(getcwd(), "/"), path)
        pending = path.split("/")
        pending.reverse()
        done: list[str] = []
        hops = 0
        while pending:
            name = pending.pop()
            if name in ("", "."):
                continue
            if name == "..":
                if done:
                    done.pop()
                continue
            candidate = str_concat("/", "/".join([*done, name]))
            try:
                mode = lstat(candidate).st_mode
            except OSError:
                done.append(name)
                continue
            if mode & s_ifmt != s_iflnk:
                done.append(name)
                continue
            hops += 1
            if hops > 40:
                raise forbidden("too many levels of symbolic links")
            target = readlink(candidate)
            if target[:1] == "/":
                done = []
            parts = target.split("/")
            parts.reverse()
            pending.extend(parts)
        return str_concat("/", "/".join(done))

    def inside(path: str, roots: tuple[str, ...]) -> bool:
        for root in roots:  # noqa: SIM110 - not any(): builtins can be replaced by the code
            if path == root or path.startswith(str_concat(root, "/")):
                return True
        return False

    def check_read(raw: Any) -> None:
        path = text(raw)
        if path is not None and not inside(resolve(path), readable):
            raise forbidden(f"reading {path!r} is not allowed in the sandbox (only the working directory)")

    def check_write(raw: Any, event: str) -> None:
        path = text(raw)
        if path is not None and not inside(resolve(path), (workdir,)):
            raise forbidden(f"{event} on {path!r} is not allowed in the sandbox (only inside the working directory)")

    def check_import(name: Any, filename: Any) -> None:
        names: list[str] = []
        if isinstance_(name, str_):
            names += str_concat("", name).split(".")
        if isinstance_(filename, str_):
            names.append(str_concat("", filename).rsplit("/", 1)[-1].split(".", 1)[0])
        for part in names:
            if part in blocked_modules or part.startswith(blocked_prefixes):
                raise forbidden_import(f"importing {str_(name)!r} is not allowed in the sandbox")

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if type_(args) is not tuple_:
            raise forbidden("unexpected audit event")
        if event == "open":
            raw = args[0]
            mode: Any = args[1] if len_(args) > 1 else None
            flags = args[2] if len_(args) > 2 else 0
            mode_text = str_concat("", mode) if isinstance_(mode, str_) else ""
            writing = "w" in mode_text or "a" in mode_text or "x" in mode_text or "+" in mode_text
            if isinstance_(flags, int_) and flags & write_flags:
                writing = True
            path = text(raw)
            if path is None:
                return
            real = resolve(path)
            if writing:
                if not inside(real, (workdir,)):
                    raise forbidden(f"writing {path!r} is not allowed in the sandbox (only in the working directory)")
                writes[0] += 1
                if max_writes is not None and writes[0] > max_writes:
                    raise forbidden(f"the sandbox allows at most {max_writes} files to be opened for writing")
                return
            if inside(real, (workdir,)):
                return
            if not inside(real, readable):
                raise forbidden(f"reading {path!r} is not allowed in the sandbox (only the working directory)")
            try:
                is_dir = lstat(real).st_mode & s_ifmt == s_ifdir
            except OSError:
                is_dir = False
            if is_dir:  # a directory descriptor would let dir_fd= calls escape the checks
                raise forbidden(f"opening the directory {path!r} is not allowed in the sandbox")
            return
        if event == "import":
            check_import(args[0] if args else None, args[1] if len_(args) > 1 else None)
            return
        if event in read_events:
            for i in read_events[event]:
                if i < len_(args):
                    check_read(args[i])
            return
        if event in write_events:
            for i in write_events[event]:
                if i < len_(args):
                    check_write(args[i], event)
            return
        if event in network_events or event.startswith("socket."):
            raise forbidden(f"network access is not allowed in the sandbox ({event})")
        if event in process_events:
            raise forbidden(f"starting processes or signalling them is not allowed in the sandbox ({event})")
        if event.startswith("ctypes."):
            raise forbidden(f"ctypes is not allowed in the sandbox ({event})")
        if event in other_events or event.startswith(refused_prefixes):
            raise forbidden(f"{event} is not allowed in the sandbox")
        if event == "sqlite3.connect":
            database = text(args[0]) if args else None
            if database is None or database in (":memory:", ""):
                return
            if database.startswith("file:"):
                raise forbidden("sqlite URIs are not allowed in the sandbox")
            check_write(database, event)

    sys.addaudithook(hook)


# ---- running the job ----------------------------------------------------------------------


def user_line(exc: BaseException) -> int | None:
    """The line of the code where `exc` was raised (the innermost frame in the code)."""
    line: int | None = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == CODE_FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    if line is None and isinstance(exc, SyntaxError) and exc.filename == CODE_FILENAME:
        line = exc.lineno
    return line


def release_frames(exc: BaseException) -> None:
    """Drop the locals of the failed code's frames (they may hold most of the memory)."""
    tb = exc.__traceback__
    while tb is not None:
        with contextlib.suppress(RuntimeError):  # a frame still running (this worker's own)
            tb.tb_frame.clear()
        tb = tb.tb_next


def in_chain(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 20:
        if isinstance(current, kinds):
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False


def describe(exc: BaseException, limits: dict[str, Any]) -> str:
    """The error envelope for an exception that ended the code."""
    line = user_line(exc)
    release_frames(exc)
    name = type(exc).__name__
    try:
        detail = str(exc.msg) if isinstance(exc, SyntaxError) else str(exc)
    except Exception:
        detail = "<unprintable>"
    text = f"{name}: {detail}" if detail else name
    if isinstance(exc, CPUTimeExceeded):
        return envelope_error("timeout", f"the code used more than {limits['cpu_seconds']:g} s of CPU time", line)
    if isinstance(exc, MemoryError):
        mib = int(limits["memory_bytes"]) / (1024 * 1024)
        return envelope_error("memory", f"the code ran out of memory (limit {mib:g} MiB)", line)
    if in_chain(exc, (Forbidden, ForbiddenImport)):
        return envelope_error("forbidden", text, line)
    if isinstance(exc, ImportError) and exc.name in BLOCKED_MODULES:
        return envelope_error(
            "forbidden", f"ForbiddenImport: importing {exc.name!r} is not allowed in the sandbox", line
        )
    if isinstance(exc, OSError) and exc.errno == 28 and limits.get("disk_bytes"):  # ENOSPC: the tmpfs is full
        return envelope_error(
            "output",
            f"the code filled its working directory (limit {int(limits['disk_bytes'])} bytes,"
            f" {kernel.MAX_FILES} files)",
            line,
        )
    if isinstance(exc, OSError) and exc.errno == 27:  # EFBIG: RLIMIT_FSIZE
        return envelope_error(
            "output", f"the code wrote a file larger than the limit of {int(limits['max_file_bytes'])} bytes", line
        )
    if isinstance(exc, SystemExit):
        return envelope_error("error", f"the code called exit() (status {exc.code!r}) instead of returning", line)
    return envelope_error("error", text, line)


def run_job(job: dict[str, Any], workdir: str, roots: tuple[str, ...]) -> str:
    """Run the code; the result envelope."""
    code = job["code"]
    inputs = job["inputs"]
    limits = job["limits"]
    if not isinstance(code, str) or not isinstance(inputs, dict):
        return envelope_error("error", "malformed job")
    namespace: dict[str, Any] = {"__name__": MODULE_NAME, "__builtins__": builtins}
    sys.stdin = io.StringIO()
    sys.stderr = sys.stdout  # one stream, in the order it was written
    signal.signal(signal.SIGXCPU, _cpu_exceeded)
    signal.signal(signal.SIGPROF, _cpu_exceeded)
    apply_limits(limits)
    reserve: bytearray | None = bytearray(RESERVE_BYTES)
    install_guard(workdir, roots, None if limits.get("disk_bytes") else MAX_WRITE_OPENS)
    signal.setitimer(signal.ITIMER_PROF, float(limits["cpu_seconds"]))
    try:
        try:
            compiled = compile(code, CODE_FILENAME, "exec")
            exec(compiled, namespace)  # noqa: S102 - running the code is the point
            main = namespace.get("main")
            if not callable(main):
                return envelope_error("error", "the code does not define a function main(**inputs)")
            value = main(**inputs)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        try:
            output = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as exc:
            return envelope_error("error", f"main() returned a value that is not JSON: {exc}")
    except BaseException as exc:
        reserve = None
        return describe(exc, limits)
    del reserve
    size = len(output.encode("utf-8", "surrogatepass"))
    if size > int(limits["max_output_bytes"]):
        return envelope_error(
            "output", f"the result is {size} bytes, more than the limit of {int(limits['max_output_bytes'])} bytes"
        )
    return '{"ok":true,"output":' + output + "}"


def main(argv: list[str]) -> None:
    proto = os.dup(2)  # the protocol channel; fd 2 now joins what the code prints
    os.dup2(1, 2)
    options = dict(zip(argv[::2], argv[1::2], strict=False))
    parent = int(options["--parent"]) if "--parent" in options else None
    workdir = os.path.realpath(os.getcwd())
    roots = read_roots()
    layers = isolate(
        workdir,
        parent,
        uid=int(options.get("--uid", "65534")),
        disk_bytes=int(options.get("--disk-bytes", str(64 << 20))),
        skip=frozenset(filter(None, options.get("--skip", "").split(","))),
    )
    # The audit hook refuses `import` of blocked modules; a None entry also stops
    # importlib.import_module, which raises no audit event for built-in modules and
    # already loaded extensions (`_ctypes`, which isolate used, `pwd`).
    for name in BLOCKED_MODULES:
        sys.modules[name] = None  # type: ignore[assignment]
    send(proto, json.dumps({"ready": True, "pid": os.getpid(), "layers": layers}))

    raw = sys.stdin.buffer.read()
    if not raw.strip():
        os._exit(0)  # closed without a job: the pool is shutting down
    out = sys.stdout
    try:
        job = json.loads(raw)
        del raw
        if isinstance(job, dict) and isinstance(job.get("limits"), dict):
            job["limits"]["disk_bytes"] = layers["disk"] or 0
        result = run_job(job, workdir, roots)
    except CPUTimeExceeded:  # the timer fired after the code returned, before it was stopped
        result = envelope_error("timeout", "the code used more than its CPU time")
    except MemoryError:
        result = envelope_error("memory", "the code ran out of memory")
    except BaseException as exc:  # a bug of this worker
        result = envelope_error("error", f"sandbox worker failed: {type(exc).__name__}: {exc}")
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)  # the hard CPU limit still kills
    signal.signal(signal.SIGPROF, signal.SIG_IGN)
    with contextlib.suppress(BaseException):  # the code may have closed or replaced it
        out.flush()
    send(proto, result)
    os._exit(0)  # no atexit handlers, no waiting for threads the code started


_entry: Callable[[list[str]], None] = main

if __name__ == "__main__":
    _entry(sys.argv[1:])
