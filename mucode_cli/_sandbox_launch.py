"""Runs as the sandbox's first process: isolate, limit, drop privileges, exec.

Started by ``sandbox.py`` as ``python _sandbox_launch.py CONFIG.json`` in a new session.
Kept free of mucode imports so that it starts fast and needs nothing but the stdlib.
This is a separate program instead of a ``preexec_fn`` because ``preexec_fn`` is unsafe
in a parent with threads (llama.cpp runs its own).

On Linux it tries, in order: a new network namespace (no network) and a new PID namespace
(every process the candidate starts dies with it, even one that escaped the process group),
as root directly, otherwise inside a new user namespace. What it achieved is written to
the ``isolation`` file so that ``--verbose`` can report it.
"""

import ctypes
import json
import os
import resource
import signal
import struct
import sys

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNS = 0x00020000
MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE = 4096, 8192, 16384, 1 << 18


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _unshare(flags):
    libc = _libc()
    if libc is None or not hasattr(libc, "unshare"):
        return False
    return libc.unshare(ctypes.c_int(flags)) == 0


def _mount(src, target, fstype, flags, data=None):
    libc = _libc()
    enc = lambda v: v.encode() if isinstance(v, str) else v  # noqa: E731
    if libc.mount(enc(src), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)) != 0:
        raise OSError(ctypes.get_errno(), f"mount {target}")


def _blocking_dirs(paths):
    """Folders that uid nobody cannot enter on the way to ``paths`` -> the children needed.

    Typical case: Python installed under /root (mode 0700) by pyenv or a venv.
    """
    need = {}
    for p in paths:
        parts = os.path.abspath(p).split(os.sep)[1:]
        cur = "/"
        for name in parts:
            try:
                mode = os.stat(cur).st_mode
            except OSError:
                break
            if not mode & 0o001:
                need.setdefault(cur, set()).add(name)
                break  # one level is enough for the usual layouts
            cur = os.path.join(cur, name)
    return need


def _expose(paths, staging):
    """In a private mount namespace, make ``paths`` reachable for nobody.

    A tmpfs is laid over each blocking folder and only the needed children are bound back
    into it, so the rest of that folder (root's home, say) disappears from the sandbox.
    """
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    for i, (folder, children) in enumerate(sorted(_blocking_dirs(paths).items())):
        held = []
        for j, child in enumerate(sorted(children)):
            src = os.path.join(folder, child)
            if not os.path.isdir(src):
                continue
            stage = os.path.join(staging, f"{i}-{j}")
            os.makedirs(stage)
            _mount(src, stage, None, MS_BIND | MS_REC)
            held.append((stage, child))
        _mount("tmpfs", folder, "tmpfs", 0, "mode=0755")
        for stage, child in held:
            dest = os.path.join(folder, child)
            os.makedirs(dest, exist_ok=True)
            _mount(stage, dest, None, MS_MOVE)


# Folders anyone may write to. Each run gets its own empty tmpfs over them: what a candidate
# writes there dies with the run, and it cannot reach another run's folder in /tmp.
_SHARED_WRITABLE = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")


def _private_tmp(keep, staging):
    """A fresh tmpfs over each shared writable folder, with only ``keep`` (this run's own
    folder, an interpreter that lives in /tmp) bound back at the same paths."""
    os.makedirs(staging, exist_ok=True)
    for i, shared in enumerate(_SHARED_WRITABLE):
        if not os.path.isdir(shared) or os.path.islink(shared):
            continue
        inside = sorted({os.path.realpath(p) for p in keep if os.path.exists(p)
                         and os.path.realpath(p).startswith(shared + os.sep)})
        inside = [p for p in inside if not any(p.startswith(q + os.sep) for q in inside if q != p)]
        # The new tmpfs is built beside the old folder's content, then moved over it, so the
        # folders bound into it are still reachable while it is put together.
        fresh = os.path.join(staging, f"shared-{i}")
        os.makedirs(fresh)
        _mount("tmpfs", fresh, "tmpfs", 0, "mode=1777")
        for p in inside:
            dest = fresh + p[len(shared):]
            if os.path.isdir(p):
                os.makedirs(dest, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                open(dest, "a").close()
            _mount(p, dest, None, MS_BIND)  # not MS_REC: the run's folder holds ``fresh`` itself
        _mount(fresh, shared, None, MS_MOVE)


def _loopback_up():
    # A fresh network namespace has its loopback down; tests that talk to localhost
    # should still work. SIOCSIFFLAGS with IFF_UP|IFF_LOOPBACK|IFF_RUNNING.
    import fcntl
    import socket

    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        fcntl.ioctl(s, 0x8914, struct.pack("16sH14x", b"lo", 0x1 | 0x8 | 0x40))
    finally:
        s.close()


def _isolate(want, expose, staging, keep):
    notes = []
    if not want or not sys.platform.startswith("linux"):
        return ["no namespaces (not Linux or disabled)"]
    uid, gid = os.geteuid(), os.getegid()
    if uid == 0:
        ok = _unshare(CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS)
        if ok:
            try:
                _expose(expose, staging)
            except OSError as e:
                notes.append(f"could not expose the interpreter to nobody ({e})")
            try:
                _private_tmp(keep + expose, os.path.join(staging, "tmp"))
                notes.append("private /tmp")
            except OSError as e:
                notes.append(f"shared /tmp ({e})")
    else:
        ok = _unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWPID)
        if ok:
            try:
                _write("/proc/self/setgroups", "deny")
                _write("/proc/self/uid_map", f"{uid} {uid} 1")
                _write("/proc/self/gid_map", f"{gid} {gid} 1")
            except OSError:
                pass
    if not ok:
        # Some kernels allow a network namespace but not a PID one.
        flags = CLONE_NEWNET if uid == 0 else CLONE_NEWUSER | CLONE_NEWNET
        if _unshare(flags):
            notes.append("network namespace (no network); no PID namespace")
        else:
            notes.append("no namespaces available: candidate code has network access")
        return notes
    notes.append("network namespace (no network), PID namespace")
    try:
        _loopback_up()
    except OSError:
        notes.append("loopback down")
    return notes


def _count_user_procs(uid):
    n = 0
    try:
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    if os.stat(f"/proc/{d}").st_uid == uid:
                        n += 1
                except OSError:
                    pass
    except OSError:
        return 0
    return n


def _set_limits(lim, run_uid):
    def setl(res, value):
        try:
            resource.setrlimit(res, (value, value))
        except (ValueError, OSError):
            pass

    setl(resource.RLIMIT_CPU, int(lim["cpu_seconds"]))
    if hasattr(resource, "RLIMIT_AS"):
        setl(resource.RLIMIT_AS, int(lim["memory_mb"]) << 20)
    setl(resource.RLIMIT_FSIZE, int(lim["max_file_mb"]) << 20)
    setl(resource.RLIMIT_CORE, 0)
    if hasattr(resource, "RLIMIT_NPROC"):
        # RLIMIT_NPROC counts every process of the real user, not just ours.
        setl(resource.RLIMIT_NPROC, _count_user_procs(run_uid) + int(lim["max_procs"]))


def main():
    with open(sys.argv[1]) as f:
        cfg = json.load(f)
    drop = cfg.get("drop_to")
    expose = cfg.get("expose", [])
    notes = _isolate(cfg.get("isolate", True), expose, cfg.get("staging", "/tmp"), cfg.get("keep", []))
    if drop and _blocking_dirs(expose):
        drop = None
        notes.append("running as root: the interpreter is not reachable for nobody (no process limit)")
    if drop:
        notes.append(f"running as uid {drop[0]}")
    _write(cfg["isolation_file"], "; ".join(notes))

    pid = os.fork()  # in a new PID namespace, the child is its init: when it dies, all die
    if pid == 0:
        try:
            os.chdir(cfg["cwd"])
            if drop:
                os.setgroups([])
                os.setgid(drop[1])
                os.setuid(drop[0])
            _set_limits(cfg["limits"], os.getuid())
            os.execve(cfg["argv"][0], cfg["argv"], cfg["env"])
        except BaseException as e:  # noqa: BLE001 - report anything, then die
            os.write(2, f"mucode sandbox: cannot start: {e}\n".encode())
        os._exit(127)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except ChildProcessError:
            status = 127 << 8
            break
        except InterruptedError:
            continue
    if os.WIFSIGNALED(status):
        os._exit(128 + os.WTERMSIG(status))
    os._exit(os.WEXITSTATUS(status))


if __name__ == "__main__":
    main()
