"""Changing the user's file: only on request, atomically, with a backup where git does not
hold the original; and writing a fix as a patch."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".mucode-backup")
    i = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.mucode-backup.{i}")
        i += 1
    return candidate


def write_with_backup(path: Path, new_text: str, expected_old: str, backup: bool = True) -> Path | None:
    """Replace ``path`` by ``new_text``; returns where the original was saved (None: not
    asked to save it).

    Refuses if the file changed since it was read (the user kept editing meanwhile).
    """
    current = path.read_bytes().decode("utf-8")
    if current != expected_old:
        raise RuntimeError(f"{path} changed while mucode was running; nothing written")
    saved = None
    if backup:
        saved = backup_path(path)
        shutil.copy2(path, saved)
    write_atomic(path, new_text, mode_of=path)
    return saved


def git_state(path: Path) -> str | None:
    """``clean`` (git holds this file as it is), ``changed`` (uncommitted changes), ``untracked``,
    or None: not in a git work tree, or no git to ask."""
    if repository_root(path) is None:
        return None
    try:
        r = subprocess.run(["git", "status", "--porcelain", "--ignored", "--", path.name], cwd=path.parent,
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if r.returncode != 0:
        return None
    line = r.stdout.strip()
    if not line:
        return "clean"
    return "untracked" if line.startswith(("??", "!!")) else "changed"


def write_atomic(path: Path, text: str, mode_of: Path | None = None) -> None:
    """``path`` holds either what it held or all of ``text``, never a part (a temporary file in
    the same folder, then a rename)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".mucode-tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode_of is not None:
            shutil.copymode(mode_of, tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def repository_root(path: Path) -> Path | None:
    """The git work tree ``path`` lies in (the nearest folder above with ``.git``), if any."""
    for folder in [path.resolve(), *path.resolve().parents]:
        if (folder / ".git").exists():
            return folder
    return None


def check_patch_path(path: Path) -> str | None:
    """Why a patch cannot be written to ``path`` (said before the search starts), or None."""
    if path.is_dir():
        return f"--patch {path}: is a folder"
    parent = path.resolve().parent
    if not parent.is_dir():
        return f"--patch {path}: folder {parent} does not exist"
    if not os.access(parent, os.W_OK):
        return f"--patch {path}: folder {parent} is not writable"
    return None


def write_patch(path: Path, module: Path, old: str, new: str, project_root: Path) -> Path:
    """The fix as a unified diff with paths relative to the repository root (else the project
    root), so that ``git apply`` or ``patch -p1`` run there apply it."""
    from .splice import unified_diff

    base = repository_root(module) or project_root
    write_atomic(path, unified_diff(old, new, module.resolve().relative_to(base.resolve()).as_posix()))
    return base
