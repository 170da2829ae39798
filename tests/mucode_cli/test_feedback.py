"""What a small model reads about a test run: short, the useful end kept, nothing private."""

from mucode_cli.feedback import PER_TEST_CHARS, compact_feedback, format_feedback
from mucode_cli.sandbox import RunResult
from mucode_cli.sandbox import TestOutcome as Outcome  # not "Test*": pytest would try to collect it


def _result(tests, **kw):
    return RunResult(tests=tests, passed=False, exit_code=1, timed_out=False, seconds=0.1, timeout=5.0, **kw)


def test_a_long_traceback_keeps_its_end_and_the_whole_is_capped():
    long_tb = "\n".join(f"frame {i}" for i in range(400)) + "\nE   ValueError: the real error"
    tests = [Outcome(f"test_m.py::test_{i}", "failed", long_tb) for i in range(8)]
    text = format_feedback(_result(tests), total_chars=3000)
    first = text.split("\n\n")[1]
    assert first.startswith("test_m.py::test_0 FAILED:\n…\n") and first.endswith("E   ValueError: the real error")
    assert len(first) < PER_TEST_CHARS + 60  # clipped to the last PER_TEST_CHARS characters
    assert text.endswith("\n… (more failures cut)") and len(text) < 3000 + 100
    assert text.startswith("0 of 8 tests passed.")


def test_sandbox_paths_timeouts_and_not_run_tests():
    tests = [Outcome("test_m.py::test_a", "failed",
                         "/tmp/mucode-sandbox-abc123/work/m.py:3: in f\nE   assert 1 == 2"),
             Outcome("test_m.py::test_b", "timeout"), Outcome("test_m.py::test_c", "not run"),
             Outcome("test_m.py::test_d", "passed")]
    text = format_feedback(_result(tests))
    assert "mucode-sandbox" not in text and "m.py:3: in f" in text  # the temp folder is noise to the model
    assert "test_m.py::test_b: timed out after 5 s" in text and "test_c" not in text
    assert text.startswith("1 of 4 tests passed, 1 not run.")


def test_compact_feedback_names_few_tests_and_folds_repeats():
    msg = "m.py:3: in f\n    return x - 1\nE   assert 1 == 2\nE    +  where 1 = f(2)"
    tests = [Outcome(f"test_m.py::test_{i}", "failed", msg) for i in range(5)]
    text = compact_feedback(_result(tests), max_tests=3)
    assert text.startswith("5 of 5 tests fail.")
    assert "f(2) returned 1, but the test expects 2." in text
    assert "test_1 FAILED with the same error as test_0." in text  # one line, not the traceback again
    assert text.endswith("(and 2 more failing tests)") and "test_3" not in text


def test_a_run_without_results_says_how_it_ended():
    r = RunResult(tests=[], passed=False, exit_code=-9, timed_out=False, seconds=1.0, output="Killed\n")
    assert "ended abnormally (exit code -9)" in format_feedback(r) and "Killed" in format_feedback(r)
    r.timed_out = True
    assert "timed out after" in compact_feedback(r)
