"""Changing the user's file: only on request, atomically, with a backup."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".mucode-backup")
    i = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.mucode-backup.{i}")
        i += 1
    return candidate


def write_with_backup(path: Path, new_text: str, expected_old: str) -> Path:
    """Replace ``path`` by ``new_text``; returns where the original was saved.

    Refuses if the file changed since it was read (the user kept editing meanwhile).
    """
    current = path.read_bytes().decode("utf-8")
    if current != expected_old:
        raise RuntimeError(f"{path} changed while mucode was running; nothing written")
    backup = backup_path(path)
    shutil.copy2(path, backup)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".mucode-tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(new_text)
            f.flush()
            os.fsync(f.fileno())
        shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return backup
