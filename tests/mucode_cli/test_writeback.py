"""Writing the user's file: atomically, with a numbered backup, never over their own edits."""

import os
import stat

import pytest

from mucode_cli.writeback import write_with_backup


def test_writes_atomically_and_keeps_the_original_as_a_backup(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("x = 1\n")
    os.chmod(f, 0o751)
    backup = write_with_backup(f, "x = 2\n", "x = 1\n")
    assert f.read_text() == "x = 2\n" and backup.read_text() == "x = 1\n"
    assert backup.name == "m.py.mucode-backup"
    assert stat.S_IMODE(f.stat().st_mode) == 0o751  # the user's permissions stay
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.py", "m.py.mucode-backup"]  # no temp file left


def test_backups_are_numbered_never_overwritten(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("v0\n")
    names = []
    for i in range(3):
        names.append(write_with_backup(f, f"v{i + 1}\n", f"v{i}\n").name)
    assert names == ["m.py.mucode-backup", "m.py.mucode-backup.1", "m.py.mucode-backup.2"]
    assert [(tmp_path / n).read_text() for n in names] == ["v0\n", "v1\n", "v2\n"]
    assert f.read_text() == "v3\n"


def test_refuses_when_the_file_changed_since_it_was_read(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("x = 1  # edited by the user meanwhile\n")
    with pytest.raises(RuntimeError, match="changed while mucode was running"):
        write_with_backup(f, "x = 2\n", "x = 1\n")
    assert f.read_text() == "x = 1  # edited by the user meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.py"]  # no backup, no temp file
