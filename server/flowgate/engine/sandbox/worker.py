"""The code sandbox worker: a standalone script (it imports nothing of flowgate).

Started by `SandboxPool` as `python -I -S -B -X utf8 worker.py --parent PID`, in its own
session, with a fresh temporary directory as cwd and a minimal environment. It runs one
job and exits.

1. Warm-up (before any job): lock the process down at the kernel level, each step
   best-effort (what took effect is reported in the ready line):
   no-new-privileges; a parent-death signal; a new, empty network namespace
   (`unshare(CLONE_NEWNET)`, or with a user namespace when not privileged); Landlock
   (read-only access to the Python installation and shared libraries, full access to the
   working directory only, no TCP, no signals or abstract sockets outside the sandbox);
   all capabilities dropped; a seccomp filter that refuses sockets, process creation
   (fork/exec, clone without CLONE_THREAD), ptrace, signals to other processes, namespace
   and mount calls, io_uring, bpf and friends. Then `{"ready": …}` goes out on the
   protocol channel and the worker blocks on stdin.
2. The job: one JSON object on stdin (`code`, `inputs`, `limits`). Resource limits
   (CPU, address space, file size, open files, no core dumps) are applied, an audit hook
   (`sys.addaudithook`) refusing network, processes, ctypes, files outside the working
   directory and other dangerous events is installed, and then the code runs:
   `main(**inputs)`.
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
import struct
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

MAX_OPEN_FILES = 64
"""RLIMIT_NOFILE of a job."""
MAX_WRITE_OPENS = 64
"""Files a job may open for writing (each at most `max_file_bytes`): bounds its disk use."""
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


# ---- kernel isolation (warm-up) -------------------------------------------------------

PR_SET_PDEATHSIG = 1
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
CLONE_THREAD = 0x00010000
EPERM = 1
ENOSYS = 38

SECCOMP_MODE_FILTER = 2
SECCOMP_RET_KILL_PROCESS = 0x80000000
SECCOMP_RET_ERRNO = 0x00050000
SECCOMP_RET_ALLOW = 0x7FFF0000
BPF_LD_W_ABS = 0x20
BPF_JEQ_K = 0x15
BPF_JGE_K = 0x35
BPF_JSET_K = 0x45
BPF_RET_K = 0x06

# Syscall numbers, "name number …" (x86_64 from asm/unistd_64.h, aarch64 from asm-generic/unistd.h).
_X86_64 = (
    "socket 41 socketpair 53 clone 56 fork 57 vfork 58 execve 59 kill 62 ptrace 101 "
    "rt_sigqueueinfo 129 mknod 133 setpriority 141 sched_setparam 142 sched_setscheduler 144 "
    "pivot_root 155 chroot 161 acct 163 mount 165 umount2 166 swapon 167 swapoff 168 reboot 169 "
    "init_module 175 delete_module 176 quotactl 179 tkill 200 sched_setaffinity 203 tgkill 234 "
    "kexec_load 246 add_key 248 request_key 249 keyctl 250 ioprio_set 251 mknodat 259 unshare 272 "
    "rt_tgsigqueueinfo 297 perf_event_open 298 prlimit64 302 name_to_handle_at 303 "
    "open_by_handle_at 304 setns 308 process_vm_readv 310 process_vm_writev 311 finit_module 313 "
    "sched_setattr 314 memfd_create 319 kexec_file_load 320 bpf 321 execveat 322 userfaultfd 323 "
    "pidfd_send_signal 424 io_uring_setup 425 io_uring_enter 426 io_uring_register 427 open_tree 428 "
    "move_mount 429 fsopen 430 fsconfig 431 fsmount 432 fspick 433 pidfd_open 434 clone3 435 "
    "pidfd_getfd 438 process_madvise 440 mount_setattr 442 "
)
_AARCH64 = (
    "mknodat 33 umount2 39 mount 40 pivot_root 41 chroot 51 quotactl 60 acct 89 unshare 97 "
    "kexec_load 104 init_module 105 delete_module 106 ptrace 117 sched_setparam 118 "
    "sched_setscheduler 119 sched_setaffinity 122 kill 129 tkill 130 tgkill 131 rt_sigqueueinfo 138 "
    "setpriority 140 reboot 142 socket 198 socketpair 199 add_key 217 request_key 218 keyctl 219 "
    "clone 220 execve 221 swapon 224 swapoff 225 rt_tgsigqueueinfo 240 perf_event_open 241 "
    "prlimit64 261 name_to_handle_at 264 open_by_handle_at 265 setns 268 process_vm_readv 270 "
    "process_vm_writev 271 finit_module 273 sched_setattr 274 memfd_create 279 bpf 280 execveat 281 "
    "userfaultfd 282 kexec_file_load 294 ioprio_set 30 pidfd_send_signal 424 io_uring_setup 425 "
    "io_uring_enter 426 io_uring_register 427 open_tree 428 move_mount 429 fsopen 430 fsconfig 431 "
    "fsmount 432 fspick 433 pidfd_open 434 clone3 435 pidfd_getfd 438 process_madvise 440 "
    "mount_setattr 442 "
)


def _table(text: str) -> dict[str, int]:
    words = text.split()
    return {name: int(number) for name, number in zip(words[::2], words[1::2], strict=True)}


ARCHES: dict[str, tuple[int, dict[str, int]]] = {
    "x86_64": (0xC000003E, _table(_X86_64)),
    "aarch64": (0xC00000B7, _table(_AARCH64)),
}
_DENIED = (
    "socket socketpair fork vfork execve execveat ptrace process_vm_readv process_vm_writev "
    "process_madvise tkill rt_sigqueueinfo rt_tgsigqueueinfo pidfd_open pidfd_send_signal "
    "pidfd_getfd unshare setns mount umount2 pivot_root chroot open_tree move_mount fsopen fsconfig "
    "fsmount fspick mount_setattr io_uring_setup io_uring_enter io_uring_register bpf "
    "perf_event_open userfaultfd keyctl add_key request_key init_module finit_module delete_module "
    "kexec_load kexec_file_load reboot swapon swapoff acct quotactl name_to_handle_at "
    "open_by_handle_at mknod mknodat memfd_create ioprio_set "
)
DENIED_SYSCALLS = tuple(_DENIED.split())
# Allowed only when the pid argument (index) is 0 or the worker's own pid.
OWN_PID_SYSCALLS = (
    ("kill", 0),
    ("tgkill", 0),
    ("prlimit64", 0),
    ("sched_setaffinity", 0),
    ("sched_setscheduler", 0),
    ("sched_setparam", 0),
    ("sched_setattr", 0),
)

# Landlock (linux/landlock.h)
LANDLOCK_CREATE_RULESET = 444
LANDLOCK_ADD_RULE = 445
LANDLOCK_RESTRICT_SELF = 446
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_RULE_PATH_BENEATH = 1
LL_EXECUTE = 1 << 0
LL_WRITE_FILE = 1 << 1
LL_READ_FILE = 1 << 2
LL_READ_DIR = 1 << 3
LL_REFER = 1 << 13
LL_TRUNCATE = 1 << 14
LL_IOCTL_DEV = 1 << 15
LL_NET_BIND_TCP = 1 << 0
LL_NET_CONNECT_TCP = 1 << 1
LL_SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0
LL_SCOPE_SIGNAL = 1 << 1
LL_FILE_ACCESS = LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE | LL_TRUNCATE | LL_IOCTL_DEV
LAYERS = ("no_new_privs", "network", "landlock", "capabilities_dropped", "seccomp")
SYSTEM_READ_PATHS = (
    "/lib",
    "/lib64",
    "/usr/lib",
    "/usr/lib64",
    "/usr/local/lib",
    "/usr/share/zoneinfo",
    "/etc/ld.so.cache",
    "/etc/localtime",
)


def read_roots() -> tuple[str, ...]:
    """Where the code may read besides its working directory: the interpreter's import
    path (the standard library; the worker runs with -S, so no site-packages)."""
    roots: list[str] = []
    for entry in [*sys.path, "/usr/share/zoneinfo"]:
        if entry and os.path.isdir(entry):
            real = os.path.realpath(entry)
            if real not in roots:
                roots.append(real)
    return tuple(roots)


def isolate(workdir: str, parent: int | None) -> dict[str, Any]:
    """Apply every kernel-level layer that this system allows; report what took effect.
    A layer that fails (not permitted, an old kernel, no ctypes) is skipped, not fatal."""
    layers: dict[str, Any] = dict.fromkeys(LAYERS, False)
    try:
        import ctypes

        libc: Any = ctypes.CDLL(None, use_errno=True)
        libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
        libc.prctl.restype = ctypes.c_int
        libc.unshare.argtypes = [ctypes.c_int]
        libc.syscall.restype = ctypes.c_long
    except (ImportError, OSError, AttributeError):
        return layers

    def step(name: str, action: Callable[[], Any]) -> None:
        try:
            layers[name] = action()
        except Exception:
            layers[name] = False

    step("no_new_privs", lambda: libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0 and parent is not None and os.getppid() != parent:
        os._exit(0)  # the pool died before we could watch it
    step("network", lambda: _unshare_network(libc))
    step("landlock", lambda: _landlock(ctypes, libc, workdir))
    step("capabilities_dropped", lambda: _drop_capabilities(ctypes, libc))
    if layers["no_new_privs"]:
        step("seccomp", lambda: _seccomp(ctypes, libc))

    # ctypes was needed for the above only: forget it. The audit hook refuses `import` of
    # blocked modules; a None entry also stops importlib.import_module, which raises no
    # audit event for built-in modules and already loaded extensions (`_ctypes`, `pwd`).
    for name in list(sys.modules):
        if name.startswith("ctypes."):
            del sys.modules[name]
    for name in BLOCKED_MODULES:
        sys.modules[name] = None  # type: ignore[assignment]
    return layers


def _unshare_network(libc: Any) -> str | None:
    """A new network namespace has no interfaces at all (not even loopback up)."""
    if libc.unshare(CLONE_NEWNET) == 0:
        return "netns"
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:  # unprivileged, where user namespaces are allowed
        return "userns+netns"
    return None


def _landlock(ctypes: ModuleType, libc: Any, workdir: str) -> int:
    """Confine the file system with Landlock; the ABI version applied, 0 if none."""
    long, word = ctypes.c_long, ctypes.c_ulong  # syscall(2) is variadic: pass full-width words

    def syscall(number: int, *args: Any) -> int:
        return int(libc.syscall(long(number), *args))

    abi = syscall(LANDLOCK_CREATE_RULESET, None, word(0), word(LANDLOCK_CREATE_RULESET_VERSION))
    if abi < 1:
        return 0
    handled_fs = (1 << 13) - 1  # ABI 1: EXECUTE … MAKE_SYM
    if abi >= 2:
        handled_fs |= LL_REFER
    if abi >= 3:
        handled_fs |= LL_TRUNCATE
    if abi >= 5:
        handled_fs |= LL_IOCTL_DEV
    # struct landlock_ruleset_attr {u64 handled_access_fs, handled_access_net, scoped}: as
    # long as this kernel's ABI knows.
    attr = struct.pack(
        "=QQQ",
        handled_fs,
        LL_NET_BIND_TCP | LL_NET_CONNECT_TCP if abi >= 4 else 0,
        LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL if abi >= 6 else 0,
    )[: 8 if abi < 4 else 16 if abi < 6 else 24]
    ruleset = syscall(LANDLOCK_CREATE_RULESET, ctypes.create_string_buffer(attr, len(attr)), word(len(attr)), word(0))
    if ruleset < 0:
        return 0
    try:
        rules: list[tuple[str, int]] = [(workdir, handled_fs)]
        rules += [(path, LL_READ_FILE | LL_READ_DIR) for path in (*read_roots(), *SYSTEM_READ_PATHS)]
        for path, wanted in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                access = wanted if os.path.isdir(path) else wanted & LL_FILE_ACCESS
                beneath = struct.pack("=Qi", access, fd)  # struct landlock_path_beneath_attr (packed)
                added = syscall(
                    LANDLOCK_ADD_RULE,
                    long(ruleset),
                    word(LANDLOCK_RULE_PATH_BENEATH),
                    ctypes.create_string_buffer(beneath, len(beneath)),
                    word(0),
                )
                if added != 0:
                    return 0
            finally:
                os.close(fd)
        if syscall(LANDLOCK_RESTRICT_SELF, long(ruleset), word(0)) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def _drop_capabilities(ctypes: ModuleType, libc: Any) -> bool:
    header = struct.pack("=Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = bytes(24)  # 2 x {effective, permitted, inheritable}: all empty
    return bool(
        libc.capset(ctypes.create_string_buffer(header, len(header)), ctypes.create_string_buffer(data, 24)) == 0
    )


def seccomp_program(arch: str, own_pid: int) -> list[tuple[int, int, int, int]] | None:
    """The classic-BPF seccomp filter, as (code, jt, jf, k); None on an unknown architecture."""
    if arch not in ARCHES:
        return None
    audit_arch, numbers = ARCHES[arch]
    errno = SECCOMP_RET_ERRNO
    prog: list[tuple[int, int, int, int]] = [
        (BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (BPF_JEQ_K, 1, 0, audit_arch),
        (BPF_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS),
        (BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    if arch == "x86_64":  # x32 ABI calls would dodge the numbers below
        prog += [(BPF_JGE_K, 0, 1, 0x40000000), (BPF_RET_K, 0, 0, errno | EPERM)]
    for name in DENIED_SYSCALLS:
        if name in numbers:
            prog += [(BPF_JEQ_K, 0, 1, numbers[name]), (BPF_RET_K, 0, 0, errno | EPERM)]
    # clone: threads only (glibc's pthread_create); clone3 cannot be inspected, so ENOSYS
    # makes glibc fall back to clone.
    prog += [
        (BPF_JEQ_K, 0, 4, numbers["clone"]),
        (BPF_LD_W_ABS, 0, 0, 16),  # args[0] (low half): flags
        (BPF_JSET_K, 0, 1, CLONE_THREAD),
        (BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        (BPF_RET_K, 0, 0, errno | EPERM),
    ]
    prog += [(BPF_JEQ_K, 0, 1, numbers["clone3"]), (BPF_RET_K, 0, 0, errno | ENOSYS)]
    for name, index in OWN_PID_SYSCALLS:
        prog += [
            (BPF_JEQ_K, 0, 5, numbers[name]),
            (BPF_LD_W_ABS, 0, 0, 16 + 8 * index),
            (BPF_JEQ_K, 2, 0, 0),
            (BPF_JEQ_K, 1, 0, own_pid),
            (BPF_RET_K, 0, 0, errno | EPERM),
            (BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        ]
    # setpriority(which, who, prio): only PRIO_PROCESS of itself.
    prog += [
        (BPF_JEQ_K, 0, 7, numbers["setpriority"]),
        (BPF_LD_W_ABS, 0, 0, 16),
        (BPF_JEQ_K, 0, 3, 0),  # PRIO_PROCESS
        (BPF_LD_W_ABS, 0, 0, 24),
        (BPF_JEQ_K, 2, 0, 0),
        (BPF_JEQ_K, 1, 0, own_pid),
        (BPF_RET_K, 0, 0, errno | EPERM),
        (BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
    ]
    prog.append((BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW))
    return prog


def _seccomp(ctypes: ModuleType, libc: Any) -> bool:
    program = seccomp_program(os.uname().machine, os.getpid())
    if program is None:
        return False
    filters = ctypes.create_string_buffer(b"".join(struct.pack("=HBBI", *ins) for ins in program))
    fprog = struct.pack("=HxxxxxxQ", len(program), ctypes.addressof(filters))  # struct sock_fprog
    buffer = ctypes.create_string_buffer(fprog, len(fprog))
    return bool(libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(buffer), 0, 0) == 0)


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


def install_guard(workdir: str, roots: tuple[str, ...]) -> None:  # noqa: PLR0915 - one self-contained closure
    """Install the audit hook. It relies only on values captured here (C functions,
    immutable tuples) and never on module attributes the code could replace, and nothing
    keeps a reference to it once installed (the gc introspection that could find it is
    refused)."""
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
    max_writes = MAX_WRITE_OPENS

    def text(path: Any) -> str | None:
        """The path a call will use, as an exact str; None when it is not a path (an fd)."""
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
                if writes[0] > max_writes:
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
    install_guard(workdir, roots)
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
    parent = int(argv[argv.index("--parent") + 1]) if "--parent" in argv else None
    workdir = os.path.realpath(os.getcwd())
    roots = read_roots()
    layers = isolate(workdir, parent)
    send(proto, json.dumps({"ready": True, "pid": os.getpid(), "layers": layers}))

    raw = sys.stdin.buffer.read()
    if not raw.strip():
        os._exit(0)  # closed without a job: the pool is shutting down
    out = sys.stdout
    try:
        job = json.loads(raw)
        del raw
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
