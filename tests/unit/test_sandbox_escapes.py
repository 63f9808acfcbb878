"""The code sandbox's escape list: each attempt is refused, with Landlock and without it.

Three families, each run against workers with every layer and against workers with
Landlock left out (`test_skip_layers`), so that the other layers are shown to hold alone:

- `GUARDED`: plain escape code; the audit hook refuses it with a clear error.
- `BYPASSED`: the audit hook's path checks switched off first (an object whose
  `__class__` is a property, passed to sqlite3.connect, runs inside the hook, walks to
  its frame with sys._getframe and replaces the checks' code), then the attempt: the
  kernel layers (private root, unprivileged uid, tmpfs disk cap, Landlock) refuse it.
- `SYSCALLS`: straight system calls in a process isolated like a worker and without any
  audit hook: seccomp, the namespaces and the unprivileged uid refuse them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import textwrap
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from flowgate.engine.sandbox import WORKER_SCRIPT, SandboxPool
from flowgate.engine.sandbox.kernel import LAYERS
from flowgate.engine.services import CodeError, CodeLimits
from tests.sandbox_bypass import BYPASS

pytestmark = pytest.mark.asyncio(loop_scope="session")

LIMITS = CodeLimits(cpu_seconds=5, wall_seconds=30, memory_bytes=256 * 1024 * 1024, max_file_bytes=2 << 20)
SECRET = "flowgate-secret-key-material-0123456789abcdef"
MODES = ["landlock", "no-landlock"]


@pytest.fixture(scope="module")
def state() -> Iterator[dict[str, str]]:
    """A server state directory as readable as it can be: 0755, its key and database 0644."""
    root = tempfile.mkdtemp(prefix="flowgate-state-")
    os.chmod(root, 0o755)  # noqa: S103 - the point: readable by anyone
    key = os.path.join(root, "secret.key")
    Path(key).write_text(SECRET)
    os.chmod(key, 0o644)
    db = os.path.join(root, "flowgate.db")
    with sqlite3.connect(db) as connection:
        connection.execute("create table secrets (value text)")
        connection.execute("insert into secrets values (?)", (SECRET,))
    connection.close()
    os.chmod(db, 0o644)
    try:
        yield {
            "state": root,
            "key": key,
            "db": db,
            "home": os.path.expanduser("~"),
            "source": os.path.abspath(__file__),
            "stdlib": os.path.dirname(json.__file__),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
        # What the write attempts below would have left behind had they not been refused.
        for path in (
            "/tmp/flowgate-escape",  # noqa: S108
            "/flowgate-escape",
            os.path.join(os.path.dirname(json.__file__), "flowgate-escape.py"),
        ):
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
        with contextlib.suppress(FileNotFoundError):
            os.rmdir("/usr/flowgate-escape")


@pytest_asyncio.fixture(scope="module", loop_scope="session", params=MODES)
async def pool(request: pytest.FixtureRequest) -> AsyncIterator[SandboxPool]:
    skip = () if request.param == "landlock" else ("landlock",)
    async with SandboxPool(2, test_skip_layers=skip) as p:
        assert p.refusal == ""
        assert bool(p.isolation["landlock"]) is (request.param == "landlock")
        assert p.isolation["mounts"] is True
        assert p.isolation["unprivileged"] is True
        yield p


def code(source: str) -> str:
    return textwrap.dedent(source).strip() + "\n"


def leaked(value: Any) -> bool:
    return SECRET in json.dumps(value)


# ---- GUARDED: the audit hook refuses (a friendly, early error) ----------------------------

GUARDED: list[tuple[str, str, str]] = [
    ("socket", "import socket\ndef main(**s):\n    return socket.socket()", "(socket.__new__)"),
    (
        "tcp_connect",
        "import socket\ndef main(**s):\n    return socket.create_connection(('127.0.0.1', 80), timeout=1)",
        "(socket.getaddrinfo)",
    ),
    (
        "urlopen",
        "import urllib.request\ndef main(**s):\n    return urllib.request.urlopen('http://example.com').read()",
        "network access is not allowed",
    ),
    (
        "http_client",
        "import http.client\ndef main(**s):\n    http.client.HTTPConnection('example.com').connect()",
        "network access is not allowed",
    ),
    ("fork", "import os\ndef main(**s):\n    while True:\n        os.fork()", "(os.fork)"),
    ("forkpty", "import os\ndef main(**s):\n    os.forkpty()", "(os.forkpty)"),
    ("subprocess", "def main(**s):\n    import subprocess\n    return subprocess.run(['id'])", "'_posixsubprocess'"),
    ("system", "import os\ndef main(**s):\n    return os.system('id')", "(os.system)"),
    ("execv", "import os\ndef main(**s):\n    os.execv('/bin/sh', ['sh'])", "(os.exec)"),
    ("posix_spawn", "import os\ndef main(**s):\n    os.posix_spawn('/bin/sh', ['sh'], {})", "(os.posix_spawn)"),
    ("kill", "import os\ndef main(**s):\n    os.kill(1, 0)", "(os.kill)"),
    ("killpg", "import os\ndef main(**s):\n    os.killpg(1, 0)", "(os.killpg)"),
    ("import_ctypes", "def main(**s):\n    import ctypes\n    return ctypes.CDLL(None).getpid()", "'ctypes'"),
    ("import_module_ctypes", "import importlib\ndef main(**s):\n    importlib.import_module('_ctypes')", "'_ctypes'"),
    ("import_pwd", "def main(**s):\n    import pwd\n    return pwd.getpwall()", "'pwd'"),
    ("import_module_pwd", "import importlib\ndef main(**s):\n    importlib.import_module('pwd')", "'pwd'"),
    ("import_testcapi", "def main(**s):\n    import _testcapi", "'_testcapi'"),
    ("import_shm", "def main(**s):\n    import _posixshmem", "'_posixshmem'"),
    ("read_passwd", "def main(**s):\n    return open('/etc/passwd').read()", "reading '/etc/passwd'"),
    (
        "read_hostname",
        "import pathlib\ndef main(**s):\n    return pathlib.Path('/etc/hostname').read_text()",
        "reading '/etc/hostname'",
    ),
    ("read_bytes_path", "def main(**s):\n    return open(b'/etc/passwd').read()", "reading '/etc/passwd'"),
    ("os_open", "import os\ndef main(**s):\n    return os.open('/etc/passwd', os.O_RDONLY)", "reading '/etc/passwd'"),
    ("read_key", "def main(key, **s):\n    return open(key).read()", "is not allowed in the sandbox"),
    ("read_environ", "def main(**s):\n    return open('/proc/self/environ').read()", "reading '/proc/self/environ'"),
    ("list_root", "import os\ndef main(**s):\n    return os.listdir('/')", "reading '/'"),
    ("list_state", "import os\ndef main(state, **s):\n    return os.listdir(state)", "is not allowed in the sandbox"),
    (
        "copy_key",
        "import shutil\ndef main(key, **s):\n    shutil.copy(key, 'k')\n    return open('k').read()",
        "is not allowed in the sandbox",
    ),
    (
        "str_subclass_path",
        "class P(str):\n    def __str__(self):\n        return 'x'\n"
        "def main(key, **s):\n    return open(P(key)).read()",
        "is not allowed in the sandbox",
    ),
    (
        "dotdot",
        "import os\ndef main(key, **s):\n    return open(os.path.relpath(key)).read()",
        "Forbidden: reading '../",
    ),
    ("dir_fd", "import os\ndef main(stdlib, **s):\n    return os.open(stdlib, os.O_RDONLY)", "opening the directory"),
    ("write_tmp", "def main(**s):\n    open('/tmp/escaped.txt', 'w').write('x')", "writing '/tmp/escaped.txt'"),
    ("overwrite_key", "def main(key, **s):\n    open(key, 'w').write('x')", "is not allowed in the sandbox"),
    ("chdir_out", "import os\ndef main(**s):\n    os.chdir('..')", "os.chdir on '..'"),
    ("symlink", "import os\ndef main(**s):\n    os.symlink('/etc/passwd', 'link')", "os.symlink is not allowed"),
    ("hardlink", "import os\ndef main(key, **s):\n    os.link(key, 'k')", "os.link is not allowed"),
    ("rename_out", "import os\ndef main(**s):\n    open('a', 'w').close()\n    os.rename('a', '/tmp/a')", "os.rename"),
    ("remove_key", "import os\ndef main(key, **s):\n    os.remove(key)", "os.remove on"),
    ("chmod_key", "import os\ndef main(key, **s):\n    os.chmod(key, 0o777)", "os.chmod on"),
    (
        "sqlite_key_db",
        "import sqlite3\ndef main(db, **s):\n    return sqlite3.connect(db).execute('select * from secrets').all()",
        "sqlite3.connect on",
    ),
    (
        "sqlite_uri",
        "import sqlite3\ndef main(db, **s):\n    return sqlite3.connect('file:' + db + '?mode=ro', uri=True)",
        "sqlite URIs are not allowed",
    ),
    ("subinterpreter", "def main(**s):\n    import _xxsubinterpreters", "'_xxsubinterpreters'"),
    ("shared_memory", "def main(**s):\n    from multiprocessing import shared_memory", "'_posixshmem'"),
    ("gc_objects", "import gc\ndef main(**s):\n    return len(gc.get_objects())", "gc.get_objects is not allowed"),
    ("gc_referrers", "import gc\ndef main(**s):\n    return len(gc.get_referrers(main))", "gc.get_referrers"),
    (
        "raise_rlimit",
        "import resource\ndef main(**s):\n    resource.setrlimit(resource.RLIMIT_AS, (-1, -1))",
        "resource.setrlimit",
    ),
    ("breakpoint", "def main(**s):\n    breakpoint()", "builtins.breakpoint"),
]


@pytest.mark.parametrize(("name", "source", "message"), GUARDED, ids=[g[0] for g in GUARDED])
async def test_the_audit_hook_refuses_escapes_with_a_clear_error(
    pool: SandboxPool, state: dict[str, str], name: str, source: str, message: str
) -> None:
    with pytest.raises(CodeError) as caught:
        await pool.run(source, state, LIMITS)
    assert caught.value.kind == "forbidden", caught.value.message
    assert message in caught.value.message
    assert caught.value.line is not None
    assert SECRET not in caught.value.message


# ---- BYPASSED: the hook switched off; the kernel refuses -----------------------------------


HIDDEN = ("ENOENT", "EACCES")
"""Not there (the private root) or not allowed (Landlock, the uid)."""
READ_ONLY = ("EROFS", "EACCES", "ENOENT", "EPERM")

BYPASSED: list[tuple[str, str, tuple[str, ...]]] = [
    ("read_key", "return open(key).read()", HIDDEN),
    ("read_key_relative", "return open(os.path.relpath(key)).read()", HIDDEN),
    ("stat_key", "return os.stat(key).st_size", HIDDEN),
    ("list_state", "return os.listdir(state)", HIDDEN),
    ("read_db", "return open(db, 'rb').read().decode('latin-1')", HIDDEN),
    (
        "sqlite_db",
        "return sqlite3.connect(db).execute('select * from secrets').fetchall()",
        ("OperationalError",),
    ),
    ("move_key_in", "os.rename(key, 'k')\nreturn open('k').read()", (*HIDDEN, "EXDEV")),
    ("copy_key_in", "import shutil\nshutil.copyfile(key, 'k')\nreturn open('k').read()", HIDDEN),
    ("truncate_key", "os.truncate(key, 0)", (*HIDDEN, "EROFS")),
    ("mkfifo", "os.mkfifo('fifo')", ("EPERM",)),
    ("overwrite_key", "open(key, 'w').write('forged')", (*HIDDEN, "EROFS")),
    ("remove_key", "os.remove(key)", (*HIDDEN, "EROFS")),
    ("read_passwd", "return open('/etc/passwd').read()", HIDDEN),
    ("read_shadow", "return open('/etc/shadow').read()", HIDDEN),
    ("read_environ", "return open('/proc/self/environ').read()", HIDDEN),
    ("read_init_cmdline", "return open('/proc/1/cmdline').read()", HIDDEN),
    ("list_sys", "return os.listdir('/sys')", HIDDEN),
    ("open_disk", "return open('/dev/vda', 'rb').read(16).hex()", HIDDEN),
    (
        "list_home",  # the Python installation may live there: nothing else of it is visible
        "return [n for n in os.listdir(home) if not stdlib.startswith(os.path.join(home, n) + '/')]",
        (*HIDDEN, "nothing"),
    ),
    ("read_server_source", "return open(source).read()", HIDDEN),
    ("write_tmp", "open('/tmp/flowgate-escape', 'w').write('x')", READ_ONLY),
    ("write_root", "open('/flowgate-escape', 'w').write('x')", READ_ONLY),
    # On the shared Python installation: harmless even when allowed (no bytes or modes change).
    ("append_to_stdlib", "open(os.path.join(stdlib, '__init__.py'), 'a').close()", READ_ONLY),
    ("add_to_stdlib", "open(os.path.join(stdlib, 'flowgate-escape.py'), 'w').close()", READ_ONLY),
    ("chmod_stdlib", "os.chmod(os.path.join(stdlib, 'decoder.py'), 0o644)", READ_ONLY),
    (
        "touch_stdlib",
        "path = os.path.join(stdlib, 'decoder.py')\n"
        "st = os.stat(path)\n"
        "os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))",
        READ_ONLY,
    ),
    ("mkdir_outside", "os.mkdir('/usr/flowgate-escape')", READ_ONLY),
    (
        "inherited_directory_fd",  # a descriptor of a host directory would let openat() walk out
        "import stat\nfound = []\nfor fd in range(1024):\n    try:\n        mode = os.fstat(fd).st_mode\n"
        "    except OSError:\n        continue\n    if stat.S_ISDIR(mode):\n        found.append(fd)\nreturn found",
        ("nothing",),
    ),
    (
        "openat_dotdot",
        "fd = os.open('.', os.O_RDONLY)\nreturn os.open('../../../../etc/passwd', os.O_RDONLY, dir_fd=fd)",
        HIDDEN,
    ),
    ("proc_self_root", "return os.listdir('/proc/self/root')", HIDDEN),
    ("proc_parent_fds", "return os.listdir(f'/proc/{os.getppid()}/fd')", HIDDEN),
    ("setuid_root", "os.setuid(0)", ("EPERM", "EINVAL")),
    ("setgid_root", "os.setgid(0)", ("EPERM", "EINVAL")),
    ("write_100_mib", "for i in range(100):\n    open(f'f{i}', 'wb').write(b'x' * (1 << 20))", ("ENOSPC",)),
    ("many_files", "for i in range(5000):\n    open(f'f{i}', 'w').close()", ("ENOSPC",)),
    ("one_huge_file", "open('big', 'wb').write(b'x' * (3 << 20))", ("EFBIG",)),
]


@pytest.mark.parametrize(("name", "body", "refusals"), BYPASSED, ids=[b[0] for b in BYPASSED])
async def test_the_kernel_refuses_when_the_audit_hook_is_switched_off(
    pool: SandboxPool, state: dict[str, str], name: str, body: str, refusals: tuple[str, ...]
) -> None:
    attempt = "def attempt(state, key, db, home, source, stdlib):\n" + textwrap.indent(body, "    ") + "\n"
    result = await pool.run(BYPASS + attempt, state, LIMITS)
    report = result.output
    assert report["switched_off"] is True  # the bypass works: the hook no longer checks paths
    assert report["outcome"] in refusals, report
    assert not leaked(report)
    assert SECRET not in result.stdout


async def test_with_the_hook_switched_off_the_root_holds_only_the_sandbox(
    pool: SandboxPool, state: dict[str, str]
) -> None:
    attempt = """
def listing(path):
    try:
        return sorted(os.listdir(path))
    except PermissionError:
        return "EACCES"  # Landlock

def attempt(state, **paths):
    return {
        "here": os.getcwd(),
        "/": listing("/"),
        "/..": listing("/.."),
        "/tmp": listing("/tmp"),
        "/etc": listing("/etc"),
    }
"""
    report = (await pool.run(BYPASS + attempt, state, LIMITS)).output
    assert report["switched_off"] is True
    assert report["outcome"] == "allowed", report
    seen = report["detail"]
    if pool.isolation["landlock"]:
        assert seen["/"] == seen["/.."] == seen["/tmp"] == seen["/etc"] == "EACCES"  # noqa: S108
    else:  # the private root: the system's libraries, Python, the working directory
        assert seen["/tmp"] == [os.path.basename(seen["here"])]  # noqa: S108 - nothing of the host's /tmp
        assert set(seen["/etc"]) <= {"ld.so.cache", "localtime"}
        assert set(seen["/"]) <= {"usr", "lib", "lib32", "lib64", "libx32", "etc", "tmp", "root", "opt", "home"}
        assert "proc" not in seen["/"]
        assert seen["/.."] == seen["/"]  # the root's parent is the root


# ---- SYSCALLS: no audit hook at all; seccomp, namespaces and the uid refuse ------------------

SYSCALL_PROBE = r"""
import ctypes, errno, json, os, socket, sys
sys.path.insert(0, sys.argv[1])
import worker
layers = worker.isolate(os.path.realpath(os.getcwd()), None, skip=json.loads(sys.argv[2]))
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
numbers = worker.kernel.ARCHES[os.uname().machine][1]
parent = os.getppid()
outcome = {}

def raw(number, *args):
    words = [a if isinstance(a, bytes) or a is None else ctypes.c_long(a) for a in args]
    result = libc.syscall(ctypes.c_long(number), *words)
    if result < 0:
        raise OSError(ctypes.get_errno(), str(number))

def attempt(name, action):
    try:
        action()
        outcome[name] = "allowed"
    except OSError as exc:
        outcome[name] = errno.errorcode.get(exc.errno, str(exc.errno))

for name, call, args in json.loads(sys.argv[3]):
    args = [parent if a == "PARENT" else a.encode() if isinstance(a, str) else a for a in args]
    if call in numbers:
        attempt(name, lambda: raw(numbers[call], *args))
    else:
        outcome[name] = "absent"  # fork and vfork exist on x86_64 only
attempt("socket_inet", lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
attempt("socket_unix", lambda: socket.socket(socket.AF_UNIX))
attempt("socket_netlink", lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW))
attempt("os_fork", os.fork)
attempt("os_exec", lambda: os.execv("/bin/sh", ["sh"]))
attempt("signal_parent", lambda: os.kill(parent, 0))
attempt("signal_init", lambda: os.kill(1, 0))
if os.uname().machine == "x86_64":
    attempt("x32_socket", lambda: raw(0x40000000 + 41, 2, 1, 0))
else:
    outcome["x32_socket"] = "absent"
print(json.dumps({"layers": layers, "outcome": outcome}))
"""

CLONE_NEWUSER, CLONE_NEWNS, SIGCHLD = 0x10000000, 0x00020000, 17
PTRACE_ATTACH = 16
SYSCALLS: list[tuple[str, str, list[Any], tuple[str, ...]]] = [
    ("mount_tmpfs", "mount", ["none", "/", "tmpfs", 0, None], ("EPERM",)),
    ("umount_root", "umount2", ["/", 2], ("EPERM",)),
    ("pivot_root", "pivot_root", [".", "."], ("EPERM",)),
    ("chroot", "chroot", ["/"], ("EPERM",)),
    ("unshare_user", "unshare", [CLONE_NEWUSER], ("EPERM",)),
    ("unshare_mount", "unshare", [CLONE_NEWNS], ("EPERM",)),
    ("setns", "setns", [0, 0], ("EPERM",)),
    ("clone_process", "clone", [SIGCHLD, 0, 0, 0, 0], ("EPERM",)),
    ("clone3", "clone3", [0, 0], ("ENOSYS",)),
    ("fork", "fork", [], ("EPERM", "absent")),
    ("vfork", "vfork", [], ("EPERM", "absent")),
    ("execve", "execve", ["/bin/sh", 0, 0], ("EPERM",)),
    ("ptrace_parent", "ptrace", [PTRACE_ATTACH, "PARENT", 0, 0], ("EPERM",)),
    ("process_vm_readv", "process_vm_readv", ["PARENT", 0, 0, 0, 0, 0], ("EPERM",)),
    ("kill_parent", "kill", ["PARENT", 9], ("EPERM",)),
    ("tgkill_parent", "tgkill", ["PARENT", "PARENT", 9], ("EPERM",)),
    ("pidfd_open", "pidfd_open", ["PARENT", 0], ("EPERM",)),
    ("prlimit_parent", "prlimit64", ["PARENT", 7, 0, 0], ("EPERM",)),
    ("setpriority_parent", "setpriority", [0, "PARENT", 19], ("EPERM",)),
    ("socket", "socket", [2, 1, 0], ("EPERM",)),
    ("socketpair", "socketpair", [1, 1, 0, 0], ("EPERM",)),
    ("memfd_create", "memfd_create", ["x", 0], ("EPERM",)),
    ("io_uring_setup", "io_uring_setup", [8, 0], ("EPERM",)),
    ("bpf", "bpf", [0, 0, 0], ("EPERM",)),
    ("perf_event_open", "perf_event_open", [0, 0, -1, -1, 0], ("EPERM",)),
    ("userfaultfd", "userfaultfd", [0], ("EPERM",)),
    ("keyctl", "keyctl", [0, 0, 0, 0, 0], ("EPERM",)),
    ("add_key", "add_key", ["user", "x", "y", 1, -1], ("EPERM",)),
    ("init_module", "init_module", [0, 0, ""], ("EPERM",)),
    ("finit_module", "finit_module", [0, "", 0], ("EPERM",)),
    ("kexec_load", "kexec_load", [0, 0, 0, 0], ("EPERM",)),
    ("reboot", "reboot", [0, 0, 0, 0], ("EPERM",)),
    ("swapon", "swapon", ["/x", 0], ("EPERM",)),
    ("acct", "acct", ["/x"], ("EPERM",)),
    ("open_by_handle_at", "open_by_handle_at", [0, 0, 0], ("EPERM",)),
    ("mknodat", "mknodat", [-100, "dev", 0o20666, 0x0801], ("EPERM",)),
]
PROBE_EXTRAS = {
    "socket_inet": ("EPERM",),
    "socket_unix": ("EPERM",),
    "socket_netlink": ("EPERM",),
    "os_fork": ("EPERM",),
    "os_exec": ("EPERM",),
    "signal_parent": ("EPERM",),
    "signal_init": ("EPERM",),
    "x32_socket": ("EPERM", "absent"),
}
EXPECTED = {name: refusals for name, _, _, refusals in SYSCALLS} | PROBE_EXTRAS
_probes: dict[str, dict[str, Any]] = {}


async def probe(mode: str, tmp_path: Path) -> dict[str, Any]:
    """Run every system call attempt once per mode, as root like the server (the probe
    isolates itself with the worker's own code, then tries them with no audit hook)."""
    if mode not in _probes:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-I",
            "-S",
            "-c",
            SYSCALL_PROBE,
            str(WORKER_SCRIPT.parent),
            json.dumps([] if mode == "landlock" else ["landlock"]),
            json.dumps([[name, call, args] for name, call, args, _ in SYSCALLS]),
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={"PATH": "/usr/bin:/bin"},
        )
        out, err = await process.communicate()
        assert process.returncode == 0, err.decode()
        _probes[mode] = json.loads(out)
    return _probes[mode]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
async def test_system_calls_are_refused_without_any_audit_hook(
    mode: str, name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    report = await probe(mode, tmp_path_factory.mktemp("probe"))
    layers = report["layers"]
    assert all(layers[layer] for layer in LAYERS if layer != "landlock" or mode == "landlock"), layers
    assert bool(layers["landlock"]) is (mode == "landlock")
    assert report["outcome"][name] in EXPECTED[name], report["outcome"][name]
