"""fix as a library call: its settings, and the smallest passing diff (real sandbox and pytest)."""

import pytest

from mucode_cli.errors import UserError
from mucode_cli.fix import fix_settings, prepare, run_fix
from mucode_cli.sandbox import Sandbox, SandboxLimits
from mucode_cli.search import SearchConfig
from mucode_cli.core import SampleParams
from mucode_cli.verifier import NullVerifier
from tests.conftest import write
from tests.mucode_cli.test_search import ScriptedGenerator

MODULE = '''def mean(values):
    """Arithmetic mean of a non-empty list."""
    total = sum(values)
    count = len(values) - 1
    return total / count
'''
TESTS = "from stats import mean\n\n\ndef test_mean():\n    assert mean([1, 2, 3]) == 2\n"
# The bug fixed, plus a guard the tests do not need (what a small model often adds).
ANSWER = '''```python
def mean(values):
    """Arithmetic mean of a non-empty list."""
    if not values:
        raise ValueError("empty list")
    total = sum(values)
    count = len(values)
    return total / count
```'''


def _fix(tmp_path, answer, minimize):
    from mucode_cli.repair_style import RepairStyle

    sb = Sandbox(SandboxLimits(timeout=20))
    report = prepare(write(tmp_path / "stats.py", MODULE), [write(tmp_path / "test_stats.py", TESTS)], sb)
    cfg = SearchConfig(n=1, turns=1, early_stop=True, params=SampleParams(max_tokens=64))
    return run_fix(report, ScriptedGenerator([[answer]]), NullVerifier(), cfg, sb, style=RepairStyle(minimize=minimize))


def test_parts_of_a_fix_the_tests_do_not_need_are_undone(tmp_path):
    report = _fix(tmp_path, ANSWER, minimize=True)
    assert report.fixed and report.after.passed
    changed = [ln for ln in report.diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed == ["-    count = len(values) - 1", "+    count = len(values)"]
    assert "raise ValueError" not in report.new_source


def test_without_minimize_the_whole_answer_is_kept(tmp_path):
    report = _fix(tmp_path, ANSWER, minimize=False)
    assert report.fixed and "raise ValueError" in report.new_source


def test_fix_settings_defaults_and_the_old_behaviour():
    style, cfg = fix_settings("qwen2.5-coder-0.5b", 5, 3)
    assert style.prompt == "v1" and style.minimize and cfg.rewrite == 2 and cfg.early_stop and cfg.cloze == 12 \
        and cfg.branches == 8
    assert cfg.params.greedy_first and cfg.params.top_k == 20 and cfg.params.top_p == 0.8
    old_style, old = fix_settings("qwen2.5-coder-0.5b", 5, 3, variant={"base": "before"})
    assert old_style.prompt == "v0" and not old_style.minimize and old.rewrite == 0 and old.cloze == 0 \
        and old.branches == 0
    assert not old.params.greedy_first and old.params.top_k == 0 and old.params.top_p == 1.0
    _, one = fix_settings("qwen2.5-coder-0.5b", 1, 1, variant={"top_k": 5})
    assert one.rewrite == 0 and one.params.top_k == 5  # a single candidate is the greedy one


@pytest.mark.parametrize("variant, message", [({"bogus": 1}, "unknown --variant setting 'bogus'"),
                                              ({"base": "old"}, "base must be current or before"),
                                              ({"rewrite": 9}, "rewrite must be between 0 and n")])
def test_fix_settings_bad_variant_is_a_user_error(variant, message):
    with pytest.raises(UserError, match=message):
        fix_settings("qwen2.5-coder-0.5b", 5, 3, variant=variant)


# A big test file: 25 tests pass with the bug (a mean of zeros is 0 even when divided by
# one too few), one fails.
BIG_TESTS = '''import pytest
from stats import mean


@pytest.mark.parametrize("k", range(2, 27))
def test_zeros(k):
    assert mean([0] * k) == 0


def test_mean():
    assert mean([1, 2, 3]) == 2
'''
STILL_WRONG = "```python\ndef mean(values):\n    total = sum(values)\n    count = len(values) - 2\n    return total / count\n```"
# Passes the failing test and breaks the others: only the full run can tell.
REGRESSES = ("```python\ndef mean(values):\n    total = sum(values)\n    if total == 0:\n        return None\n"
             "    return total / len(values)\n```")
RIGHT = "```python\ndef mean(values):\n    total = sum(values)\n    count = len(values)\n    return total / count\n```"


def test_big_test_files_run_the_failing_tests_first_and_in_full_only_for_passers(tmp_path):
    sb = Sandbox(SandboxLimits(timeout=30))
    report = prepare(write(tmp_path / "stats.py", MODULE), [write(tmp_path / "test_stats.py", BIG_TESTS)], sb)
    assert (report.before.n_passed, report.before.n_total) == (25, 26)
    cfg = SearchConfig(n=2, turns=2, early_stop=True, params=SampleParams(max_tokens=64))
    gen = ScriptedGenerator([[STILL_WRONG, REGRESSES], [RIGHT, RIGHT]])
    run_fix(report, gen, NullVerifier(), cfg, sb)
    wrong, regresses = report.search.turns[0].candidates
    # The still-wrong answer ran one test; the 25 others keep their earlier outcome.
    assert not wrong.evaluation.passed and wrong.evaluation.n_total == 26
    assert wrong.evaluation.run.n_run == 1 and wrong.evaluation.n_passed == 25
    # The answer that breaks 25 tests passed the failing one, so it ran in full and was caught.
    assert not regresses.evaluation.passed and regresses.evaluation.run.n_run == 26
    assert regresses.evaluation.n_passed == 1
    assert report.search.turns[0].chosen == 0  # no regression beats a broken suite
    assert report.fixed and report.after.passed and report.after.n_run == 26
    assert "count = len(values)\n" in report.new_source
    # Turn 1: two runs of the failing test, one full; turn 2: the same code twice is one run.
    assert report.test_runs == {"failing_only": 3, "reaching": 0, "full": 2}


def test_small_test_files_run_in_full(tmp_path):
    report = _fix(tmp_path, RIGHT, minimize=True)
    assert report.fixed and report.test_runs == {"failing_only": 0, "reaching": 0, "full": 1}


def test_candidates_run_without_autoloaded_plugins_only_where_the_tests_do_not_need_them(tmp_path):
    from tests.mucode_cli.test_sandbox import _with_plugin

    sb = Sandbox(SandboxLimits(timeout=20))
    plain = prepare(write(tmp_path / "a" / "stats.py", MODULE), [write(tmp_path / "a" / "test_stats.py", TESTS)], sb)
    assert not plain.inputs.plugins
    # The failing test needs the plugin's fixture: without it, it would fail however the code is fixed.
    root = _with_plugin(tmp_path / "b")
    (root / "mod.py").write_text("def f(x):\n    return x + x + 1\n")
    needs = prepare(root / "mod.py", [root / "test_mod.py"], sb)
    assert not needs.before.passed and needs.inputs.plugins



# A bug that fails forty cases of one parametrized test, beside 25 that pass.
SCALE = "def scale(x):\n    return x * 2 + 1\n\n\ndef ident(x):\n    return x\n"
SCALE_TESTS = """import pytest
from scale import ident, scale


@pytest.mark.parametrize("k", range(40))
def test_scale(k):
    assert scale(k) == 2 * k


@pytest.mark.parametrize("k", range(25))
def test_ident(k):
    assert ident(k) == k
"""


def test_many_failing_tests_a_few_of_them_reject_a_wrong_candidate_before_all_are_run(tmp_path):
    from mucode_cli.repair_env import FAILING_SAMPLE

    sb = Sandbox(SandboxLimits(timeout=30))
    report = prepare(write(tmp_path / "scale.py", SCALE), [write(tmp_path / "test_scale.py", SCALE_TESTS)], sb)
    assert (report.before.n_passed, report.before.n_total) == (25, 65)
    cfg = SearchConfig(n=2, turns=1, early_stop=True, params=SampleParams(max_tokens=64))
    wrong = "```python\ndef scale(x):\n    return x * 3\n```"
    right = "```python\ndef scale(x):\n    return x * 2\n```"
    run_fix(report, ScriptedGenerator([[wrong, right]]), NullVerifier(), cfg, sb)
    bad, good = report.search.turns[0].candidates
    assert bad.evaluation.run.n_run == FAILING_SAMPLE < 40  # only the sample ran
    assert not bad.evaluation.passed and bad.evaluation.n_total == 65
    # The sample cases it gets right (k = 0) count; the failing ones it did not run keep their outcome.
    assert bad.evaluation.n_passed == 26
    assert report.fixed and report.after.passed and report.after.n_run == 65
    # The right one: the sample, all forty, then the whole file.
    assert report.test_runs == {"failing_only": 3, "reaching": 0, "full": 1}

# Most of this file never reaches `mean`: 30 tests of another function.
MIXED_TESTS = '''import pytest
from stats import mean, twice


@pytest.mark.parametrize("k", range(30))
def test_twice(k):
    assert twice(k) == 2 * k


def test_mean():
    assert mean([1, 2, 3]) == 2


def test_mean_one():
    assert mean([4]) == 4
'''
# Right on [1, 2, 3], wrong on [4]: a regression only the tests that reach `mean` can show.
HALF_RIGHT = "```python\ndef mean(values):\n    return sum(values) / 3\n```"


def test_candidates_run_the_tests_that_reach_the_changed_code_before_the_whole_files(tmp_path):
    sb = Sandbox(SandboxLimits(timeout=30))
    module = MODULE.replace("    count = len(values) - 1", "    count = len(values) - 1 if len(values) > 1 else 1") \
        + "\n\ndef twice(x):\n    return 2 * x\n"
    report = prepare(write(tmp_path / "stats.py", module), [write(tmp_path / "test_stats.py", MIXED_TESTS)], sb)
    assert (report.before.n_passed, report.before.n_total) == (31, 32) and report.targets == ["mean"]
    cfg = SearchConfig(n=2, turns=1, early_stop=True, params=SampleParams(max_tokens=64))
    run_fix(report, ScriptedGenerator([[HALF_RIGHT, RIGHT]]), NullVerifier(), cfg, sb)
    half, right = report.search.turns[0].candidates
    # The half-right answer passed the failing test, then failed one that reaches mean: no full run.
    assert not half.evaluation.passed and half.evaluation.run.n_run == 2
    assert report.fixed and report.after.passed and report.after.n_run == 32
    assert report.test_runs == {"failing_only": 2, "reaching": 2, "full": 1}


WRONG = "```python\ndef mean(values):\n    return 0\n```"


def test_the_cascade_loads_the_stronger_model_only_when_turn_1_fails_and_it_starts_afresh(tmp_path):
    sb = Sandbox(SandboxLimits(timeout=20))
    cfg = SearchConfig(n=1, turns=3, early_stop=True, params=SampleParams(max_tokens=64))
    loads = []

    def run(folder, weak, strong):
        def stronger():
            loads.append(folder)
            return strong, NullVerifier()
        folder.mkdir()
        report = prepare(write(folder / "stats.py", MODULE), [write(folder / "test_stats.py", TESTS)], sb)
        return run_fix(report, weak, NullVerifier(), cfg, sb, escalate=stronger)

    weak, strong = ScriptedGenerator([[WRONG]]), ScriptedGenerator([[ANSWER]])
    r = run(tmp_path / "escalated", weak, strong)
    assert r.fixed and r.escalated and loads == [tmp_path / "escalated"]
    assert len(weak.calls) == 1 and len(strong.calls) == 1  # turn 1 the given model's, turn 2 the stronger's
    assert [t.number for t in r.search.turns] == [1, 2] and r.search.final.turn == 2
    strong_prompt = "\n".join(m["content"] for m in strong.calls[0][0])
    assert "return 0" not in strong_prompt  # afresh from the original code, not after the weak answer
    weak, strong = ScriptedGenerator([[ANSWER]]), ScriptedGenerator([])
    r = run(tmp_path / "first", weak, strong)
    assert r.fixed and not r.escalated and len(loads) == 1 and strong.calls == []
