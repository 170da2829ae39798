"""The real-projects benchmark's machinery on a local project: catalog checks, the build
checks (the original passes, each bug fails), and one case through the ordinary
``mucode fix`` with the real tiny model, confirmed by the project's own pytest."""

import json

import pytest

from bench.projects import (FixOptions, ProjectsBenchConfig, apply_bug, load_catalog, run_projects, select_bugs,
                            summarize)
from mucode_cli.errors import UserError
from tests.conftest import write

MODULE = '''"""A tiny project."""


def clamp(x, lo, hi):
    """x limited to [lo, hi]."""
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def scale(values, k):
    return [clamp(v * k, 0, 100) for v in values]
'''
TESTS = '''from tinyproj import clamp, scale


def test_clamp_inside():
    assert clamp(5, 0, 10) == 5


def test_clamp_high():
    assert clamp(50, 0, 10) == 10


def test_scale():
    assert scale([1, 60], 2) == [2, 100]
'''
CATALOG = '''
[[project]]
name = "tinyproj"
version = "1.0"
shape = "a local package with a tests folder"
tests = ["tests/test_tiny.py"]
deps = "none"
path = "tinyproj-src"

[[bug]]
id = "tinyproj/high-bound"
project = "tinyproj"
split = "test"
file = "tinyproj/__init__.py"
kind = "wrong comparison"
description = "the upper bound is checked with < "
old = "    if x > hi:"
new = "    if x < hi:"

[[bug]]
id = "tinyproj/harmless"
project = "tinyproj"
split = "dev"
file = "tinyproj/__init__.py"
kind = "none"
description = "a docstring edit the tests cannot see"
old = '"""x limited to [lo, hi]."""'
new = '"""x, limited."""'
'''


@pytest.fixture
def catalog(tmp_path):
    src = tmp_path / "tinyproj-src"
    write(src / "tinyproj" / "__init__.py", MODULE)
    write(src / "tests" / "test_tiny.py", TESTS)
    write(src / "setup.py", "from setuptools import setup\nsetup(name='tinyproj', packages=['tinyproj'])\n")
    return write(tmp_path / "bugs.toml", CATALOG)


def test_catalog_is_read_and_bugs_selected_by_split_project_and_id(catalog):
    cat = load_catalog(catalog)
    assert list(cat.projects) == ["tinyproj"] and cat.projects["tinyproj"].deps is None
    assert [b.id for b in select_bugs(cat, "test")] == ["tinyproj/high-bound"]
    assert len(select_bugs(cat, "all")) == 2
    assert [b.id for b in select_bugs(cat, "test", ids=["tinyproj/harmless"])] == ["tinyproj/harmless"]
    with pytest.raises(UserError, match="unknown project"):
        select_bugs(cat, "test", ["nope"])
    with pytest.raises(UserError, match="unknown bug id"):
        select_bugs(cat, "test", ids=["tinyproj/nope"])
    with pytest.raises(UserError, match="dev, test or all"):
        select_bugs(cat, "train")


@pytest.mark.parametrize("text, message", [
    ('[[project]]\nname = "a"\nversion = "1"\nshape = "x"\ntests = ["t"]\n' * 2, "project 'a' twice"),
    ('[[bug]]\nid = "a/b"\nproject = "a"\nsplit = "test"\nfile = "f"\nkind = "k"\ndescription = "d"\n'
     'old = "x"\nnew = "y"\n', "unknown project 'a'"),
    ('[[project]]\nname = "a"\nversion = "1"\nshape = "x"\ntests = ["t"]\nbogus = 1\n', "bogus"),
    ("[[project]\n", "cannot read the bug catalog"),
])
def test_a_malformed_catalog_is_one_user_error(tmp_path, text, message):
    with pytest.raises(UserError, match=message):
        load_catalog(write(tmp_path / "bugs.toml", text))


def test_a_missing_catalog_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="not found"):
        load_catalog(tmp_path / "nope.toml")


def test_a_bug_must_match_its_release_exactly_once(catalog):
    bug = load_catalog(catalog).bugs[0]
    assert "if x < hi:" in apply_bug(MODULE, bug)
    with pytest.raises(UserError, match="occurs 0 times"):
        apply_bug(MODULE.replace("if x > hi:", "if hi < x:"), bug)
    with pytest.raises(UserError, match="occurs 2 times"):
        apply_bug(MODULE + "\n    if x > hi:\n", bug)


@pytest.mark.slow
def test_a_case_runs_fix_as_a_user_would_and_pytest_confirms_it(catalog, tmp_path):
    cat = load_catalog(catalog)
    out = tmp_path / "out"
    out.mkdir()
    options = FixOptions(model="smollm2-135m", args=["-n", "1", "--turns", "1"], timeout=600)
    records = run_projects(select_bugs(cat, "all"), cat, options, out, tmp_path / "cache", say=lambda m: None)
    # The bug the tests cannot see is no case; it is said why.
    skipped = json.loads((out / "skipped.json").read_text())
    assert [s["case_id"] for s in skipped] == ["tinyproj/harmless"] and "pass with the bug" in skipped[0]["skipped"]
    (rec,) = records
    assert rec["case_id"] == "tinyproj/high-bound" and rec["error"] is None, rec
    assert rec["targets"] == ["clamp"]  # the spectrum: every failing test runs clamp, one of them scale too
    assert rec["tests_untouched"] and not rec["false_claim"]
    assert rec["confirmed"] == rec["claimed_fixed"]
    assert {"load", "baseline", "generation"} <= set(rec["timing"])
    assert rec["escalated"] is False  # fix's own flag, carried over (no --escalate here)
    # The working copy is the release again afterwards.
    tree = tmp_path / "cache" / "work" / "tinyproj-1.0"
    assert (tree / "tinyproj" / "__init__.py").read_text() == MODULE
    assert not list(tree.rglob("*.mucode-backup*"))
    summary = summarize(records, ProjectsBenchConfig("projects", "smollm2-135m", [], 600.0), 1.0)
    assert summary["cases"] == 1 and summary["false_claims"] == 0 and summary["tests_edited"] == 0
    assert summary["escalated"] == summary["fixed_escalated"] == 0
    assert set(summary["time_split_seconds"]) >= {"load", "baseline", "generation", "total"}
    # Resumable: the same selection again runs nothing new.
    again = run_projects(select_bugs(cat, "test"), cat, options, out, tmp_path / "cache", say=lambda m: None)
    assert [r["seconds"] for r in again] == [rec["seconds"]]


def test_the_localization_check_says_where_fix_aims(catalog, tmp_path, capsys):
    from bench.projects_localize import main

    assert main(["--data", str(catalog), "--split", "all", "--work", str(tmp_path / "work"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # The harmless edit fails no test: not a case. The bound's bug is in clamp, which scale calls.
    assert [c["bug"] for c in out["cases"]] == ["tinyproj/high-bound"]
    case = out["cases"][0]
    assert case["where"] == ["clamp"] and case["targets"] == ["clamp"] and case["hit"] and case["rank"] == 1
    assert out["summary"]["hit"] == 1 and out["summary"]["bugs"] == 1
