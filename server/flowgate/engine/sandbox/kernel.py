"""The code sandbox's kernel layers, applied by a worker to itself before it takes a job.

A standalone module (it imports nothing of flowgate): the worker script loads it by path.
`isolate` applies every layer this host allows and reports what took effect;
`missing_layers` names the required ones that did not (the pool then refuses code blocks
unless the operator chose the weak mode). See docs/blocks/code.md.

The layers, in order: no-new-privileges and a parent-death signal; new network and mount
namespaces (with a user namespace when the server is not root); a private root: a
read-only tmpfs holding read-only bind mounts of the Python standard library and the
system's shared libraries only, and the working directory as a tmpfs of a fixed size and
inode count (the disk cap), entered with pivot_root, the host's tree detached; when root,
a switch to an unprivileged uid/gid with no supplementary groups; Landlock; all
capabilities dropped; a seccomp filter.
"""

from __future__ import annotations

import os
import signal
import struct
import sys
from collections.abc import Callable, Collection
from types import ModuleType
from typing import Any

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
LAYERS = (
    "no_new_privs",
    "network",
    "mounts",
    "disk",
    "unprivileged",
    "landlock",
    "capabilities_dropped",
    "seccomp",
)
SKIPPABLE = tuple(name for name in LAYERS if name != "disk")
"""Layers a test may ask a worker to leave out (the disk cap goes with "mounts")."""
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
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


MAX_FILES = 1000
"""Inodes (files and directories) a job's working directory may hold (tmpfs nr_inodes)."""
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
_KEPT_FLAGS = os.ST_NOEXEC
"""Flags of a mount that a read-only bind of it keeps, as a user namespace may not clear
them (ST_NOEXEC is MS_NOEXEC; a remount without atime flags keeps the mount's own)."""


def missing_layers(layers: dict[str, Any]) -> list[str]:
    """The required layers that did not take effect, as words for an operator."""
    missing: list[str] = []
    if not layers.get("network"):
        missing.append("a network namespace")
    if not (layers.get("mounts") or layers.get("landlock")):
        missing.append("file isolation (a mount namespace or Landlock)")
    if not layers.get("disk"):
        missing.append("a disk cap (a tmpfs in a mount namespace)")
    if not layers.get("unprivileged"):
        missing.append("an unprivileged user")
    if not (layers.get("no_new_privs") and layers.get("seccomp")):
        missing.append("seccomp")
    return missing


def isolate(
    workdir: str,
    parent: int | None,
    *,
    uid: int = 65534,
    disk_bytes: int = 64 << 20,
    skip: Collection[str] = (),
) -> dict[str, Any]:
    """Apply every kernel-level layer that this system allows; report what took effect.
    A layer that fails (not permitted, an old kernel, no ctypes) is skipped, not fatal.
    `uid` is who the code runs as when the worker starts as root; `disk_bytes` the size
    of the working directory; `skip` names layers not to apply (tests of the others)."""
    layers: dict[str, Any] = dict.fromkeys(LAYERS, False)
    try:
        import ctypes

        libc: Any = ctypes.CDLL(None, use_errno=True)
        libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
        libc.prctl.restype = ctypes.c_int
        libc.unshare.argtypes = [ctypes.c_int]
        libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
        libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
        libc.syscall.restype = ctypes.c_long
    except (ImportError, OSError, AttributeError):
        layers["uid"] = os.getuid()
        layers["unprivileged"] = os.getuid() != 0
        return layers

    def step(name: str, action: Callable[[], Any]) -> None:
        if name in skip:
            return
        try:
            layers[name] = action()
        except Exception:
            layers[name] = False

    def watch_parent() -> None:
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0 and parent is not None and os.getppid() != parent:
            os._exit(0)  # the pool died before we could watch it

    was_root = os.geteuid() == 0
    step("no_new_privs", lambda: libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
    watch_parent()
    namespaces = _unshare(libc, network="network" not in skip, mounts="mounts" not in skip)
    layers["network"] = namespaces if "network" not in skip else False
    if namespaces and "mounts" not in skip:
        owner = uid if was_root and "unprivileged" not in skip else os.getuid()
        step("mounts", lambda: _private_root(libc, workdir, disk_bytes, owner))
        layers["disk"] = disk_bytes if layers["mounts"] else False
    if was_root and "unprivileged" not in skip:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)  # real, effective and saved: no way back
        except OSError:
            pass  # reported: "unprivileged" stays false
    watch_parent()  # a change of credentials (the uid, a user namespace) clears the parent-death signal
    layers["uid"] = os.getuid()
    layers["unprivileged"] = os.getuid() != 0 and os.geteuid() != 0
    step("landlock", lambda: _landlock(ctypes, libc, workdir))
    step("capabilities_dropped", lambda: _drop_capabilities(ctypes, libc))
    if layers["no_new_privs"]:
        step("seccomp", lambda: _seccomp(ctypes, libc))

    # ctypes was needed for the above only: forget it (the worker blocks its import too).
    for name in list(sys.modules):
        if name == "ctypes" or name.startswith("ctypes."):
            del sys.modules[name]
    return layers


def _unshare(libc: Any, *, network: bool, mounts: bool) -> str | None:
    """New network (no interfaces, not even loopback up) and mount namespaces: directly
    when privileged, else inside a new user namespace where the system allows one, the
    worker's uid and gid mapped to themselves."""
    flags = (CLONE_NEWNET if network else 0) | (CLONE_NEWNS if mounts else 0)
    if not flags:
        return None
    kinds = "+".join(name for name, on in (("netns", network), ("mountns", mounts)) if on)
    if os.geteuid() == 0 and libc.unshare(flags) == 0:
        return kinds
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | flags) != 0:
        return None
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        fd = os.open(f"/proc/self/{name}", os.O_WRONLY)
        try:
            os.write(fd, text.encode())
        finally:
            os.close(fd)
    return "userns+" + kinds


def _mount(libc: Any, source: str | None, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    def raw(value: str | None) -> bytes | None:
        return None if value is None else os.fsencode(value)

    if libc.mount(raw(source), raw(target), raw(fstype), flags, raw(data)) != 0:
        import ctypes

        errno = ctypes.get_errno()
        raise OSError(errno, f"mount {target}: {os.strerror(errno)}")


def _private_root(libc: Any, workdir: str, disk_bytes: int, owner: int) -> bool:
    """Replace the file system view with a minimal root (see the module docstring). The
    new root is built on a tmpfs mounted over the working directory, then entered with
    pivot_root; the host's tree is detached, so nothing else of it (the server's data
    directory, its key, other users' files, /proc, /dev) has a path any more."""
    _mount(libc, None, "/", None, MS_REC | MS_PRIVATE, None)
    new = workdir
    _mount(libc, "flowgate-root", new, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=1m,nr_inodes=4096,mode=0755")
    try:
        bound: list[str] = []
        for path in sorted({*read_roots(), *SYSTEM_READ_PATHS}):
            if any(path == b or path.startswith(b + "/") for b in bound):
                continue  # already visible through its parent
            target = new + path
            if os.path.islink(path):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.symlink(os.readlink(path), target)
                continue
            if os.path.isdir(path):
                os.makedirs(target, exist_ok=True)
            elif os.path.isfile(path):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o644))
            else:
                continue
            _mount(libc, path, target, None, MS_BIND | MS_REC, None)
            kept = os.statvfs(path).f_flag & _KEPT_FLAGS
            _mount(libc, None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | kept, None)
            bound.append(path)
        inner = new + workdir
        os.makedirs(inner)
        options = f"size={disk_bytes},nr_inodes={MAX_FILES + 1},mode=0700,uid={owner},gid={owner}"
        _mount(libc, "flowgate-work", inner, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, options)
        _mount(libc, None, new, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
        os.chdir(new)
        if int(libc.syscall(PIVOT_ROOT[os.uname().machine], b".", b".")) != 0:
            raise OSError("pivot_root failed")
        if libc.umount2(b".", MNT_DETACH) != 0:  # the old root, stacked on the new one
            raise OSError("detaching the old root failed")
    except BaseException:
        os.chdir("/")
        libc.umount2(os.fsencode(new), MNT_DETACH)  # back to the host's view, no half-built root
        raise
    os.chdir(workdir)
    return True


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
