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


def test_a_process_that_dies_mid_run_keeps_the_outcomes_reported_before(project):
    # test_f runs first and passes; test_g's call ends the pytest process on the spot. (Not
    # SIGKILL to itself: pytest is the init of its PID namespace, where that is ignored.)
    r = run(project, "import os\ndef f(x):\n    if x == 0:\n        os._exit(0)\n    return 2 * x\n")
    outcomes = {t.name.split("::")[-1]: (t.outcome, t.message) for t in r.tests}
    assert outcomes["test_f"][0] == "passed"
    assert outcomes["test_g"] == ("error", "the test process died while this test ran")
    assert not r.passed and r.n_passed == 1


def test_a_teardown_error_after_a_passing_call_is_an_error(project):
    (project / "test_mod.py").write_text(
        "import pytest\nfrom mod import f\n\n\n@pytest.fixture\ndef res():\n    yield 2\n"
        "    raise RuntimeError('teardown broke')\n\n\ndef test_f(res):\n    assert f(res) == 4\n")
    r = run(project, "def f(x):\n    return 2 * x\n")
    assert [t.outcome for t in r.tests] == ["error"] and "teardown broke" in r.tests[0].message
    assert not r.passed


def test_output_flood_is_capped(project):
    r = run(project, "import sys\ndef f(x):\n    while True:\n        sys.stdout.write('x' * 65536)\n", timeout=5,
            max_file_mb=4)
    assert not r.passed
    assert len(r.output) < 20_000


# Wrong code that, when the test module imports it, writes a complete passing run into the
# results file (its path is in the process's original environment even after the plugin
# pops it) in the plugin's old unsigned format and in a made-up signed one, then exits 0
# before any test runs. Before results were signed this run passed.
FORGER = """import json, os
def _forge():
    env = dict(l.split("=", 1) for l in open("/proc/self/environ").read().split("\\0") if "=" in l)
    ids = ["test_mod.py::test_f", "test_mod.py::test_g"]
    events = [{"event": "collected", "nodeids": ids}]
    for i in ids:
        events += [{"event": "start", "nodeid": i},
                   {"event": "report", "nodeid": i, "when": "call", "outcome": "passed", "message": "", "captured": ""}]
    events.append({"event": "finish", "exitstatus": 0})
    with open(env["MUCODE_RESULTS"], "a") as out:
        for n, ev in enumerate(events):
            out.write(json.dumps(ev) + "\\n")
            out.write("0" * 64 + " " + str(n) + " " + json.dumps(ev) + "\\n")
    os._exit(0)
_forge()
def f(x):
    return x + 1
"""


def test_forged_results_do_not_pass(project):
    r = run(project, FORGER)
    assert not r.passed and r.exit_code == 0  # it did exit 0 after writing its lines
    assert r.n_passed == 0


def test_the_plugin_is_out_of_reach_by_import(project):
    # Importing the plugin by name gets a fresh copy with no key: what it signs does not count.
    body = ("import sys\nassert '_pytest_results' not in sys.modules\n"
            "import _pytest_results as p\n"
            "p._emit({'event': 'collected', 'nodeids': ['test_mod.py::test_f']})\n"
            "p._emit({'event': 'report', 'nodeid': 'test_mod.py::test_f', 'when': 'call', 'outcome': 'passed'})\n"
            "p._emit({'event': 'finish', 'exitstatus': 0})\n"
            "import os\nos._exit(0)\n")
    r = run(project, body)
    assert not r.passed and r.n_passed == 0


def test_skipping_tests_does_not_pass(project):
    body = "import pytest\n\ndef f(x):\n    pytest.skip('nothing to see')\n"
    r = run(project, body)
    assert [t.outcome for t in r.tests] == ["skipped", "skipped"]  # what pytest says ...
    base = run(project, "def f(x):\n    return x + 1\n")
    judged = r.against(base)  # ... and what it counts for: both ran with the original code
    assert not judged.passed and [t.outcome for t in judged.tests] == ["failed", "failed"]
    assert "skipped with this code" in judged.tests[0].message
    assert not r.against(None).passed
    # A test the original skips too (a platform skip, say) stays a skip.
    assert r.against(r).passed == r.passed


def test_tests_the_original_collected_must_run(tmp_path):
    # The code under test empties the list a test is parametrized with, as a default
    # argument evaluated at import: fewer tests collected, the failing ones gone.
    root = tmp_path / "p"
    root.mkdir()
    (root / "mod.py").write_text("CASES = [1, 2]\n\ndef f(x):\n    return x\n")
    (root / "test_mod.py").write_text("import pytest\nfrom mod import CASES, f\n\n"
                                      "@pytest.mark.parametrize('x', CASES)\ndef test_f(x):\n    assert f(x) == 2 * x\n\n"
                                      "def test_zero():\n    assert f(0) == 0\n")
    sb = Sandbox(SandboxLimits(timeout=8))
    base = sb.run_pytest(root, {}, ["test_mod.py"])
    assert base.n_total == 3 and not base.passed
    hack = sb.run_pytest(root, {"mod.py": "CASES = [1, 2]\n\ndef f(x, _=CASES.clear()):\n    return x\n"},
                         ["test_mod.py"])
    # pytest alone is fooled (an empty parametrize is one skipped test_f[NOTSET]) ...
    assert hack.passed and [t.outcome for t in hack.tests] == ["skipped", "passed"]
    judged = hack.against(base)  # ... the comparison with the original is not
    assert not judged.passed
    assert [(t.name, t.outcome) for t in judged.tests if not t.ok] == [
        ("test_mod.py::test_f[1]", "not run"), ("test_mod.py::test_f[2]", "not run")]
    only = hack.against(base, expected=["test_mod.py::test_zero"])
    assert only.passed


def test_each_run_has_a_private_tmp(project, tmp_path):
    # Hostile code writes to the machine's shared folders and looks for another run's files.
    import uuid

    tag = uuid.uuid4().hex
    marker = tmp_path / f"other-run-{tag}"  # under the machine's /tmp, like another run's folder
    marker.write_text("secret")
    escapes = [f"/tmp/mucode-escape-{tag}", f"/var/tmp/mucode-escape-{tag}"]
    body = (f"import os\nfor p in {escapes!r}:\n    try:\n        open(p, 'w').write('x')\n    except OSError:\n"
            f"        pass\nSEEN = os.path.exists({str(marker)!r})\n\ndef f(x):\n    return 2 * x if not SEEN else 0\n")
    r = run(project, body)
    if "private /tmp" not in r.isolation:
        pytest.skip(f"no private /tmp on this machine: {r.isolation}")
    assert r.passed, r.output  # the other run's file was out of sight
    assert not any(os.path.exists(p) for p in escapes)  # and nothing it wrote outlived the run


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


def test_runs_beyond_the_cap_wait_before_their_clock_starts(project, monkeypatch):
    import threading

    from mucode_cli import sandbox as sandbox_module

    monkeypatch.setattr(sandbox_module, "_SLOTS", threading.BoundedSemaphore(1))
    sandbox_module._SLOTS.acquire()  # the one slot is busy
    out = []
    t = threading.Thread(target=lambda: out.append(run(project, "def f(x):\n    return 2 * x\n", timeout=20)))
    t.start()
    time.sleep(1.0)
    assert sandbox_module.runs_in_flight() == 0 and not out  # queued, not started
    sandbox_module._SLOTS.release()
    t.join(60)
    assert out and out[0].passed and out[0].seconds < 20


def _with_plugin(root):
    """A project that brings its own autoloaded pytest plugin (an installed distribution with a
    pytest11 entry point, found on the import path) whose fixture its tests use."""
    root.mkdir(exist_ok=True)
    (root / "tinyplug.py").write_text("import pytest\n\n\n@pytest.fixture\ndef answer():\n    return 42\n")
    info = root / "tinyplug-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tinyplug\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[pytest11]\ntinyplug = tinyplug\n")
    (root / "mod.py").write_text("def f(x):\n    return x + x\n")
    (root / "test_mod.py").write_text("from mod import f\n\n\ndef test_f(answer):\n    assert f(answer) == 84\n")
    return root


def test_autoloaded_plugins_load_unless_turned_off(tmp_path):
    root = _with_plugin(tmp_path / "proj")
    sb = Sandbox(SandboxLimits(timeout=20))
    with_plugins = sb.run_pytest(root, {}, ["test_mod.py"])
    assert with_plugins.passed
    without = sb.run_pytest(root, {}, ["test_mod.py"], plugins=False)
    assert not without.passed and "fixture 'answer' not found" in without.tests[0].message
    # Two runs of the same code report the same; with and without the plugin they do not.
    assert with_plugins.same_as(sb.run_pytest(root, {}, ["test_mod.py"]))
    assert not with_plugins.same_as(without)


def test_a_project_holding_the_temp_folder_is_copied_without_its_sandboxes(project, monkeypatch):
    # Files kept in /tmp make /tmp the project: the copy must not take in the sandbox itself.
    tmp = project / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr("tempfile.tempdir", None)
    ok = run(project, "def f(x):\n    return 2 * x\n")
    assert ok.passed and [t.outcome for t in ok.tests] == ["passed", "passed"]
    assert untouched(project)
