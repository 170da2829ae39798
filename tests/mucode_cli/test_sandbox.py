"""The real sandbox against hostile candidate code. Each test is a real pytest run."""

import os
import socket
import threading
import time

import pytest

from mucode_cli.feedback import format_feedback
from mucode_cli.sandbox import Sandbox, SandboxLimits

TEST = "from mod import f\n\ndef test_f():\n    assert f(2) == 4\n\ndef test_g():\n    assert f(0) == 0\n"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    root.mkdir()
    (root / "mod.py").write_text("def f(x):\n    return x + x\n")
    (root / "test_mod.py").write_text(TEST)
    (root / "keep.txt").write_text("precious")
    return root


def run(project, body, timeout=8.0, **limits):
    sb = Sandbox(SandboxLimits(timeout=timeout, **limits))
    return sb.run_pytest(project, {"mod.py": body}, ["test_mod.py"])


def untouched(project):
    return (project / "keep.txt").read_text() == "precious" and (project / "mod.py").read_text().startswith("def f")


def test_passing_and_failing_runs_report_per_test(project):
    ok = run(project, "def f(x):\n    return 2 * x\n")
    assert ok.passed and [t.outcome for t in ok.tests] == ["passed", "passed"]
    bad = run(project, "def f(x):\n    return x + 1\n")
    assert not bad.passed
    assert [t.outcome for t in bad.tests] == ["failed", "failed"]
    fb = format_feedback(bad)
    assert "0 of 2 tests passed" in fb and "assert 3 == 4" in fb and "where 3 = f(2)" in fb
    assert "mucode-sandbox" not in fb  # paths are shown relative to the project


def test_traceback_line_numbers_are_the_modules_own(project):
    r = run(project, "def f(x):\n\n\n    raise ValueError('boom')\n")
    assert "mod.py:4: in f" in format_feedback(r)


def test_infinite_loop_is_killed_and_reported(project):
    start = time.monotonic()
    r = run(project, "def f(x):\n    while True:\n        pass\n", timeout=3)
    assert time.monotonic() - start < 20
    assert r.timed_out and not r.passed
    assert r.tests[0].outcome == "timeout"
    assert "timed out after 3 s" in format_feedback(r)


def test_memory_bomb_fails_without_taking_the_machine(project):
    r = run(project, "def f(x):\n    a = bytearray(8 << 30)\n    return 2 * x\n", memory_mb=1024)
    assert not r.passed
    assert "MemoryError" in r.tests[0].message


def test_fork_bomb_is_contained(project):
    body = ("import os\ndef f(x):\n    for _ in range(10000):\n        try:\n            os.fork()\n"
            "        except OSError:\n            pass\n    return 2 * x\n")
    start = time.monotonic()
    r = run(project, body, timeout=5, max_procs=32)
    assert not r.passed
    assert time.monotonic() - start < 30
    time.sleep(0.5)
    # Nothing of the bomb survives the run.
    leftovers = [p for p in os.listdir("/proc") if p.isdigit() and _cmd(p).startswith("python") and "test_mod.py" in _cmd(p)]
    assert leftovers == []


def _cmd(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").split("/")[-1]
    except OSError:
        return ""


def test_writing_and_deleting_outside_the_copy_fails(project):
    body = (f"import shutil\ndef f(x):\n    open({str(project / 'keep.txt')!r}, 'w').write('gone')\n"
            f"    shutil.rmtree({str(project)!r})\n    return 2 * x\n")
    r = run(project, body)
    assert not r.passed
    assert untouched(project)


def test_deleting_its_own_copy_only_hurts_itself(project):
    r = run(project, "import os\ndef f(x):\n    os.remove('test_mod.py')\n    return 2 * x\n")
    assert untouched(project) and (project / "test_mod.py").exists()
    assert r.n_total == 2


def test_no_network(project):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    hits = []
    threading.Thread(target=lambda: hits.append(srv.accept()), daemon=True).start()
    body = (f"import socket\ndef f(x):\n    socket.create_connection(('127.0.0.1', {port}), timeout=2).close()\n"
            "    return 2 * x\n")
    r = run(project, body)
    srv.close()
    if "network namespace" not in r.isolation:
        pytest.skip(f"no network isolation on this machine: {r.isolation}")
    assert not r.passed and hits == []


def test_killing_the_parent_or_exiting_early_never_passes(project):
    for body in (
        "import os, signal\ndef f(x):\n    os.kill(os.getppid(), signal.SIGKILL)\n    os.kill(os.getpid(), signal.SIGKILL)\n",
        "import os\nos._exit(0)\ndef f(x):\n    return 2 * x\n",
        "import os\ndef f(x):\n    os._exit(0)\n",
        "import sys\ndef f(x):\n    sys.exit(0)\n",
    ):
        r = run(project, body)
        assert not r.passed, body


def test_output_flood_is_capped(project):
    r = run(project, "import sys\ndef f(x):\n    while True:\n        sys.stdout.write('x' * 65536)\n", timeout=5,
            max_file_mb=4)
    assert not r.passed
    assert len(r.output) < 20_000


def test_forged_results_do_not_pass(project):
    body = ("import os, json\np = os.environ.get('MUCODE_RESULTS')\n"
            "def f(x):\n    return x + 1\n")
    r = run(project, body)
    assert not r.passed


def test_user_conftest_is_honoured(project):
    (project / "conftest.py").write_text("import pytest\n\n@pytest.fixture\ndef two():\n    return 2\n")
    (project / "test_mod.py").write_text("from mod import f\n\ndef test_f(two):\n    assert f(two) == 4\n")
    assert run(project, "def f(x):\n    return 2 * x\n").passed


def test_only_runs_the_named_tests_by_their_reported_ids(project):
    (project / "test_mod.py").write_text(TEST + "\n\nclass TestF:\n    def test_h(self):\n        from mod import f\n"
                                         "        assert f(1) == 3\n")
    sb = Sandbox(SandboxLimits(timeout=8))
    full = sb.run_pytest(project, {}, ["test_mod.py"])
    assert [t.name for t in full.tests if not t.ok] == ["test_mod.py::TestF::test_h"]
    only = sb.run_pytest(project, {}, ["test_mod.py"], only=["test_mod.py::TestF::test_h"])
    assert [(t.name, t.outcome) for t in only.tests] == [("test_mod.py::TestF::test_h", "failed")]
    merged = only.merged(full)
    assert [t.name for t in merged.tests] == [t.name for t in full.tests]
    assert (merged.n_passed, merged.n_total, merged.n_run, merged.passed) == (2, 3, 1, False)
    fixed = sb.run_pytest(project, {"mod.py": "def f(x):\n    return 3 * x if x == 1 else 2 * x\n"}, ["test_mod.py"],
                          only=["test_mod.py::TestF::test_h"])
    assert fixed.passed and fixed.n_total == 1
