"""Mutant generation: realistic single edits, each caught by the tests, the reference passing, seeded."""

import ast
import json
import difflib
import random
from pathlib import Path

import pytest

from bench.mutants import KINDS, all_mutants, ordered_mutants
from bench.repair import Problem, _assert_test_file, folder_cases, make_cases, materialize, mbpp_problems
from mucode_cli.errors import UserError
from mucode_cli.sandbox import Sandbox, SandboxLimits

SANITIZED = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "mbpp-sanitized.jsonl"

REF = '''"""Helpers."""
import math


def count_above(values, limit):
    """How many values exceed the limit."""
    total = 0  # running count
    for v in values:
        if v > limit and not math.isnan(v):
            total += 1
        elif v == limit:
            pass
        else:
            continue
    return total


def window(xs, i, k):
    return xs[i:i + k] + xs[:len(xs) - 1]


def power(a, b):
    return pow(a, b) * 2 - 1 if True else a // b
'''


def changed_lines(a: str, b: str) -> list[str]:
    return [line for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_every_kind_is_made_and_each_mutant_is_one_small_valid_edit():
    ms = all_mutants(REF)
    kinds = {m.kind for m in ms}
    assert kinds == set(KINDS)
    original = ast.dump(ast.parse(REF))
    for m in ms:
        assert ast.dump(ast.parse(m.source)) != original
        diff = changed_lines(REF, m.source)
        assert 1 <= len(diff) <= 14, (m.description, diff)
        assert '"""How many values exceed the limit."""' in m.source  # docstrings are never mutated
        assert "# running count" in m.source or m.kind == "drop_branch"
        assert m.function in ("count_above", "window", "power")
    # Typical edits, spelled as a developer would slip.
    sources = {m.source for m in ms}
    assert REF.replace("v > limit", "v >= limit") in sources
    assert REF.replace("total += 1", "total = 1") in sources
    assert REF.replace("return total", "total") in sources
    assert REF.replace("pow(a, b)", "pow(b, a)") in sources
    assert REF.replace("xs[i:i + k]", "xs[i:i + k + 1]") in sources
    assert REF.replace("v > limit and not", "v > limit or not") in sources


def test_order_is_seeded_and_mixes_kinds():
    a = [m.source for m in ordered_mutants(REF, random.Random("0/x"))]
    b = [m.source for m in ordered_mutants(REF, random.Random("0/x"))]
    c = [m.source for m in ordered_mutants(REF, random.Random("1/x"))]
    assert a == b and a != c
    first = [m.kind for m in ordered_mutants(REF, random.Random("0/x"))][:6]
    assert len(set(first)) == 6  # round robin over kinds, not all constants first


PROBLEMS = [
    Problem("T/1", "add_all", "def add_all(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
            _assert_test_file("add_all", ["add_all"], "", ["assert add_all([1, 2, 3]) == 6",
                                                           "assert add_all([]) == 0"])),
    Problem("T/2", "is_even", "def is_even(n):\n    return n % 2 == 0\n",
            _assert_test_file("is_even", ["is_even"], "", ["assert is_even(4)", "assert not is_even(3)"])),
    # The reference itself fails its test: no case comes from it.
    Problem("T/3", "broken", "def broken():\n    return 1\n",
            _assert_test_file("broken", ["broken"], "", ["assert broken() == 2"])),
]


def test_cases_fail_their_tests_the_reference_passes_and_generation_is_deterministic():
    sb = Sandbox(SandboxLimits(timeout=10))
    cases = make_cases(PROBLEMS, seed=0, per_problem=2, sandbox=sb)
    assert {c.origin for c in cases} == {"T/1", "T/2"}
    assert [c.case_id for c in cases if c.origin == "T/1"] == ["T/1", "T/1#2"]
    for c in cases:
        files = {c.module: c.module_source, c.tests: c.tests_source}
        assert not sb.run_pytest(None, files, [c.tests]).passed
        assert sb.run_pytest(None, {**files, c.module: c.reference}, [c.tests]).passed
    again = make_cases(PROBLEMS, seed=0, per_problem=2, sandbox=sb)
    assert [(c.case_id, c.module_source) for c in again] == [(c.case_id, c.module_source) for c in cases]


def test_written_cases_read_back_as_a_cases_folder(tmp_path):
    cases = make_cases(PROBLEMS[:2], seed=3, sandbox=Sandbox(SandboxLimits(timeout=10)))
    for c in cases:
        materialize(c, tmp_path)
    back = folder_cases(tmp_path / "cases")
    assert [(c.case_id, c.module_source, c.kind, c.reference) for c in back] == \
        [(c.case_id, c.module_source, c.kind, c.reference) for c in cases]
    renamed = tmp_path / "cases" / "mine"  # a copy under another name is a case of its own
    (tmp_path / "cases" / back[0].case_id.replace("/", "_")).rename(renamed)
    assert "mine" in [c.case_id for c in folder_cases(tmp_path / "cases")]


def test_a_bad_cases_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="not found"):
        folder_cases(tmp_path / "nope")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "m.py").write_text("def f():\n    return 1\n")
    with pytest.raises(UserError, match="test_"):
        folder_cases(tmp_path)


def test_test_functions_of_the_solution_are_not_collected_by_pytest():
    """MBPP/19's solution is named test_duplicate: importing it at the top would make pytest run it."""
    text = _assert_test_file("dup", ["test_duplicate"], "", ["assert test_duplicate([1, 1]) == True"])
    assert "from dup import test_duplicate" in text.split("def test_1")[1]  # imported inside the test
    r = Sandbox(SandboxLimits(timeout=10)).run_pytest(
        None, {"dup.py": "def test_duplicate(arr):\n    return len(arr) != len(set(arr))\n", "test_dup.py": text},
        ["test_dup.py"])
    assert r.passed and r.n_total == 1


@pytest.mark.skipif(not SANITIZED.exists(), reason="needs ../shared/datasets/mbpp-sanitized.jsonl")
def test_sanitized_mbpp_problems_become_modules_and_test_files():
    problems = mbpp_problems(str(SANITIZED), "test")
    assert len(problems) >= 250
    p = problems[0]
    assert p.origin == "MBPP/11" and p.module == "remove_occ"
    ast.parse(p.reference)
    assert "from remove_occ import remove_Occ" in p.tests_source and "def test_3():" in p.tests_source


def _mbpp_file(path, k):
    rows = [{"task_id": 11 + i, "text": f"Add {i}.", "code": f"def add_{i}(a, b):\n    return a + b + {i}\n",
             "test_list": [f"assert add_{i}(1, 2) == {3 + i}", f"assert add_{i}(0, 5) == {5 + i}"],
             "test_setup_code": "", "challenge_test_list": []} for i in range(k)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_a_larger_limit_extends_the_cached_cases_with_the_same_cases_as_at_once(tmp_path):
    from bench.repair import RepairBenchConfig, load_or_make_cases

    data = _mbpp_file(tmp_path / "mbpp.jsonl", 8)
    config = RepairBenchConfig("repair", "mbpp", str(data), "test", "m", "same", 5, 3, 0.7, "pt+lv", 0, 1, 0, 1, False)
    grown = tmp_path / "grown"
    grown.mkdir()
    first = load_or_make_cases(config, grown, 1, None)
    assert len(first) == 1
    more = load_or_make_cases(config, grown, 8, None)  # resumed with a larger --limit
    once = tmp_path / "once"
    once.mkdir()
    at_once = load_or_make_cases(config, once, 8, None)
    assert len(at_once) == 8 and more[0] == first[0]
    assert [(c.case_id, c.module_source) for c in more] == [(c.case_id, c.module_source) for c in at_once]
    assert load_or_make_cases(config, grown, 3, None) == more[:3]  # a smaller limit reuses the file


def test_a_module_named_like_a_test_file_reads_back_from_its_case_folder(tmp_path):
    """MBPP/19's function is test_duplicate: its module is test_*.py as well as its tests."""
    from bench.repair import RepairCase

    case = RepairCase("MBPP/19", "MBPP/19", "test_duplicate_impl.py", "test_test_duplicate_impl.py",
                      "def test_duplicate(a):\n    return False\n", "def test_1():\n    pass\n", kind="constant")
    materialize(case, tmp_path)
    (back,) = folder_cases(tmp_path / "cases")
    assert (back.module, back.tests) == (case.module, case.tests)
    (tmp_path / "cases" / "MBPP_19" / "case.json").unlink()  # a user's folder without case.json
    (back,) = folder_cases(tmp_path / "cases")
    assert (back.module, back.tests) == (case.module, case.tests)
