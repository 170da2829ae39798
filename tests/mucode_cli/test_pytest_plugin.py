"""The opt-in pytest plugin (``pytest --mucode-fix``), in real pytest runs of a real project."""

import re
import subprocess
import sys

import pytest

from tests.mucode_cli.test_cli import _git_project


def _pytest(folder, *args):
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=folder,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=900)


def _untimed(text):
    # pytest's header lists the installed plugins (mucode among them); the rest must not differ.
    text = re.sub(r"^plugins: .*\n", "", text, flags=re.M)
    return re.sub(r"in \d+\.\d+s", "in Ns", text)


def test_pytest_help_lists_the_plugins_options(tmp_path):
    r = _pytest(tmp_path, "--help")
    assert "--mucode-fix" in r.stdout and "--mucode-patch=FILE" in r.stdout


def test_without_its_options_pytest_runs_exactly_as_without_the_plugin(tmp_path):
    repo = _git_project(tmp_path)
    for args in ([], ["-q"], ["-k", "nothing"]):
        with_it, without = _pytest(repo, *args), _pytest(repo, "-p", "no:mucode", *args)
        assert with_it.returncode == without.returncode
        assert _untimed(with_it.stdout) == _untimed(without.stdout)
    assert _pytest(repo).returncode == 1
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout == ""


def test_asking_for_a_fix_when_nothing_failed_is_an_error(tmp_path):
    repo = _git_project(tmp_path)
    (repo / "src" / "pkg" / "calc.py").write_text("def add(a, b):\n    return a + b\n")
    r = _pytest(repo, "--mucode-fix")
    assert r.returncode == 2 and "mucode: no test failed: nothing to fix" in r.stdout
    r = _pytest(repo, "--mucode-patch", str(tmp_path / "missing" / "fix.patch"))
    assert r.returncode == 4 and "--mucode-patch" in r.stderr and "does not exist" in r.stderr  # pytest's own usage error, before any test


@pytest.mark.slow
def test_after_a_failing_run_the_plugin_writes_a_patch_that_fixes_it(tmp_path):
    repo = _git_project(tmp_path)
    r = _pytest(repo, "--mucode-patch", "fix.patch")
    assert r.returncode == 1  # the run's own outcome: its test failed
    assert "mucode: looking for a fix of what failed in tests/test_calc.py" in r.stdout
    assert "repairing add in src/pkg/calc.py" in r.stdout
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout
    assert status == "?? fix.patch\n"  # the source is never written from inside pytest
    subprocess.run(["git", "apply", "fix.patch"], cwd=repo, check=True)
    assert _pytest(repo).returncode == 0
