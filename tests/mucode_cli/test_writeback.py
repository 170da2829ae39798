"""Writing the user's file: atomically, with a numbered backup, never over their own edits."""

import os
import stat
import subprocess

import pytest

from mucode_cli.writeback import check_patch_path, git_state, write_patch, write_with_backup


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


def _git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                            GIT_COMMITTER_EMAIL="t@t"))


def _repo(tmp_path):
    """A git repository whose Python project lies in a subfolder; the module ends without a newline."""
    project = tmp_path / "repo" / "service"
    (project / "src" / "pkg").mkdir(parents=True)
    (project / "src" / "pkg" / "calc.py").write_text("def add(a, b):\n    return a - b")
    _git(tmp_path / "repo", "init", "-q")
    _git(tmp_path / "repo", "add", "-A")
    _git(tmp_path / "repo", "commit", "-qm", "init")
    return tmp_path / "repo", project, project / "src" / "pkg" / "calc.py"


def test_a_patch_has_paths_from_the_repository_root_and_applies_with_git_and_patch(tmp_path):
    repo, project, module = _repo(tmp_path)
    old = module.read_text()
    new = "def add(a, b):\n    return a + b"
    assert write_patch(tmp_path / "fix.patch", module, old, new, project) == repo
    text = (tmp_path / "fix.patch").read_text()
    assert text.startswith("--- a/service/src/pkg/calc.py\n+++ b/service/src/pkg/calc.py\n")
    assert module.read_text() == old  # writing a patch leaves the source alone
    subprocess.run(["git", "apply", str(tmp_path / "fix.patch")], cwd=repo, check=True)
    assert module.read_text() == new
    module.write_text(old)
    subprocess.run(["patch", "-p1", "-i", str(tmp_path / "fix.patch")], cwd=repo, check=True, capture_output=True)
    assert module.read_text() == new
    # Outside git: paths from the project root.
    plain = tmp_path / "plain"
    (plain / "m.py").parent.mkdir()
    (plain / "m.py").write_text("x = 1\n")
    assert write_patch(tmp_path / "p2.patch", plain / "m.py", "x = 1\n", "x = 2\n", plain) == plain
    assert (tmp_path / "p2.patch").read_text().startswith("--- a/m.py\n")


def test_where_a_patch_cannot_go_is_said(tmp_path):
    assert check_patch_path(tmp_path / "fix.patch") is None
    assert "is a folder" in check_patch_path(tmp_path)
    assert "does not exist" in check_patch_path(tmp_path / "missing" / "fix.patch")


def test_git_says_whether_it_holds_the_file_as_it_is(tmp_path):
    repo, project, module = _repo(tmp_path)
    assert git_state(module) == "clean"
    module.write_text("def add(a, b):\n    return b + a\n")
    assert git_state(module) == "changed"
    (module.parent / "new.py").write_text("y = 1\n")
    assert git_state(module.parent / "new.py") == "untracked"
    (tmp_path / "outside.py").write_text("z = 1\n")
    assert git_state(tmp_path / "outside.py") is None
    # Without a backup asked for, none is made.
    assert write_with_backup(module, "w = 1\n", module.read_text(), backup=False) is None
    assert sorted(p.name for p in module.parent.iterdir()) == ["calc.py", "new.py"]
