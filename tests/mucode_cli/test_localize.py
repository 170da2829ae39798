"""Tracing which functions and lines each test runs (real sandbox and pytest), and the
ranking of suspects that picks the function to repair."""

from mucode_cli.fix import prepare
from mucode_cli.localize import reaching, suspicion
from mucode_cli.repair_env import RepairEnvironment
from mucode_cli.targets import choose_targets
from mucode_cli.sandbox import Sandbox, SandboxLimits
from tests.conftest import write

# The bug is in `suffix`; the tests name `label`, its caller, more often than `suffix`.
MODULE = '''def suffix(n):
    if n % 100 in (11, 12):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def label(n):
    return f"{n}{suffix(n)}"


def double(n):
    return 2 * n
'''
TESTS = '''from mod import double, label, suffix


def test_label_13():
    assert label(13) == "13th"


def test_label_113():
    assert label(113) == "113th"


def test_label_2():
    assert label(2) == "2nd"


def test_suffix_13():
    assert suffix(13) == "th"


def test_suffix_1():
    assert suffix(1) == "st"


def test_double():
    assert double(2) == 4
'''


def _project(tmp_path, conftest=None):
    write(tmp_path / "mod.py", MODULE)
    write(tmp_path / "test_mod.py", TESTS)
    if conftest:
        write(tmp_path / "conftest.py", conftest)
    return tmp_path


def test_a_traced_run_records_each_tests_functions_and_lines(tmp_path):
    root = _project(tmp_path)
    r = Sandbox(SandboxLimits(timeout=30)).run_pytest(root, {}, ["test_mod.py"], trace=["mod.py"])
    assert {t.name: t.ok for t in r.tests}["test_mod.py::test_label_13"] is False
    calls, lines = r.reach["test_mod.py::test_label_13"]
    assert calls == {1, 7}  # suffix and label, by their first lines
    assert {2, 4, 8} <= lines and 3 not in lines  # 13 is no teen here: `return "th"` did not run
    assert r.reach["test_mod.py::test_double"][0] == {11}
    # Untraced runs record nothing.
    assert Sandbox(SandboxLimits(timeout=30)).run_pytest(root, {}, ["test_mod.py"]).reach == {}


def test_with_another_tracer_holding_the_hook_calls_are_still_recorded(tmp_path):
    # What a coverage tool does: its own trace function for the whole run.
    root = _project(tmp_path, "import sys\n\n\ndef pytest_configure(config):\n    sys.settrace(lambda *a: None)\n")
    r = Sandbox(SandboxLimits(timeout=30)).run_pytest(root, {}, ["test_mod.py"], trace=["mod.py"])
    calls, lines = r.reach["test_mod.py::test_label_13"]
    assert calls == {1, 7} and lines is None


def test_a_project_measuring_coverage_with_pytest_cov_still_gets_its_lines_traced(tmp_path):
    root = _project(tmp_path)
    write(root / "pytest.ini", "[pytest]\naddopts = --cov=mod --cov-report=term\n")
    sb = Sandbox(SandboxLimits(timeout=60))
    r = sb.run_pytest(root, {}, ["test_mod.py"], trace=["mod.py"])
    calls, lines = r.reach["test_mod.py::test_label_13"]
    assert calls == {1, 7} and {2, 4, 8} <= lines and 3 not in lines
    # Only the traced run turns coverage off: the others measure it as the project asks.
    plain = sb.run_pytest(root, {}, ["test_mod.py"])
    assert "TOTAL" in plain.output and "TOTAL" not in r.output


def test_the_spectrum_points_at_the_callee_the_failing_tests_share(tmp_path):
    root = _project(tmp_path)
    report = prepare(root / "mod.py", [root / "test_mod.py"], Sandbox(SandboxLimits(timeout=30)))
    s = report.suspicion
    assert [q for q, _ in s.functions] == ["suffix", "label"]  # double: no failing test runs it
    assert report.targets == ["suffix"]
    # By names alone the tests point at both (label's tests are most of the failures).
    assert choose_targets(report.inputs, report.before) == ["label", "suffix"]
    # The buggy line is among the lines every failing test runs.
    assert s.lines[2] == max(s.lines.values())
    assert set(reaching(report.before, ["suffix"], MODULE)) == {
        f"test_mod.py::test_{n}" for n in ("label_13", "label_113", "label_2", "suffix_13", "suffix_1")}
    assert suspicion(MODULE, report.before.__class__([], True, 0, False, 0.0)) is None


def test_one_line_proposals_go_to_the_most_suspect_lines_of_the_suspects(tmp_path):
    root = _project(tmp_path)
    sb = Sandbox(SandboxLimits(timeout=30))
    report = prepare(root / "mod.py", [root / "test_mod.py"], sb)
    env = RepairEnvironment(report.inputs, report.targets, report.before, sb, suspicion=report.suspicion)
    assert env.editable == ["suffix", "label"]  # answers may change the next suspect too
    order = env.prompts.cloze_order()
    assert order[0] == ("suffix", 1)  # `if n % 100 in (11, 12):`, run by every failing test
    assert ("label", 1) in order
    # Without a ranking: the target's lines in order, and only the target may change.
    plain = RepairEnvironment(report.inputs, report.targets, report.before, sb)
    assert plain.editable == ["suffix"] and plain.prompts.cloze_order() == [("suffix", 1), ("suffix", 2), ("suffix", 3)]


# A one-line helper that only `zone` calls, so the same tests run both, and every line of both
# runs for failing and passing tests alike (the bug: `"+"` where `"-"` belongs).
ZONES = '''def offset(hours, name):
    return (hours, name)


def zone(sign, hours):
    name = f"{sign}{hours:02d}"
    if sign == "+":
        hours = -hours
    return offset(hours, name)
'''
ZONE_TESTS = '''from zones import zone


def test_plus():
    assert zone("+", 2) == (2, "+02")


def test_plus_zero():
    assert zone("+", 0) == (0, "+00")


def test_minus():
    assert zone("-", 3) == (-3, "-03")


def test_minus_one():
    assert zone("-", 1) == (-1, "-01")
'''


def test_a_helper_and_its_only_caller_tie_and_the_caller_holding_the_logic_is_the_target(tmp_path):
    write(tmp_path / "zones.py", ZONES)
    write(tmp_path / "test_zones.py", ZONE_TESTS)
    report = prepare(tmp_path / "zones.py", [tmp_path / "test_zones.py"], Sandbox(SandboxLimits(timeout=30)))
    assert report.before.n_total - report.before.n_passed == 3  # +00 passes: -0 is 0
    scores = dict(report.suspicion.functions)
    assert scores["offset"] == scores["zone"]  # the function spectrum alone cannot tell them apart
    assert report.targets == ["zone"]


def test_a_function_ranks_by_its_most_suspect_line(tmp_path):
    # Now `zone` forgets to negate the minutes: only negative zones with minutes fail, and
    # the `if` branch is taken by them (and by one passing test), the helper's line by all.
    module = ZONES.replace("def zone(sign, hours):", "def zone(sign, hours, minutes=0):").replace(
        "        hours = -hours\n", "        hours = -hours\n        minutes = minutes\n").replace(
        "return offset(hours, name)", "return offset(hours, name) + (minutes,)").replace('"+"', '"-"')
    tests = ("from zones import zone\n\n\n"
             + "".join(f"def test_{i}():\n    assert zone({s!r}, 1, {m}) == ({h}, {s + '01'!r}, {mm})\n\n\n"
                       for i, (s, m, h, mm) in enumerate([("+", 0, 1, 0), ("+", 30, 1, 30), ("-", 0, -1, 0),
                                                         ("-", 30, -1, -30), ("-", 45, -1, -45)])))
    write(tmp_path / "zones.py", module)
    write(tmp_path / "test_zones.py", tests)
    report = prepare(tmp_path / "zones.py", [tmp_path / "test_zones.py"], Sandbox(SandboxLimits(timeout=30)))
    assert report.before.n_total - report.before.n_passed == 2
    s = report.suspicion
    # Both functions run in every test; the branch only negative zones take is what ranks.
    assert s.top(1) == ["zone"] and dict(s.functions)["zone"] > dict(s.functions)["offset"]
    assert max(s.lines, key=s.lines.get) > 6  # the branch, not the helper's line


def test_what_pytest_calls_to_explain_a_failure_is_not_counted(tmp_path):
    # Only failing asserts make pytest print the values compared: their __repr__ would
    # otherwise be the function only failing tests run.
    write(tmp_path / "box.py", "class Box:\n    def __init__(self, v):\n        self.v = v\n\n"
                               "    def __repr__(self):\n        return f'Box({self.v})'\n\n"
                               "    def double(self):\n        return Box(self.v * 3)\n\n"
                               "    def __eq__(self, other):\n        return self.v == other.v\n")
    write(tmp_path / "test_box.py", "from box import Box\n\n\ndef test_double():\n    assert Box(2).double() == Box(4)\n\n\n"
                                    "def test_equal():\n    assert Box(0) == Box(0)\n")
    report = prepare(tmp_path / "box.py", [tmp_path / "test_box.py"], Sandbox(SandboxLimits(timeout=30)))
    assert report.before.n_passed == 1
    assert "Box.__repr__" not in dict(report.suspicion.functions)
    assert report.targets == ["Box.double"]


# `parse` reads a percentage through two helpers; only negative ones reach `_negative`, and only
# they fail. The helpers tie at the top of the spectrum; the tests name neither, only `parse`.
PERCENT = '''def _negative(number):
    return -float(number[1:]) / 10


def percentage(s):
    number = s[:-1]
    if number.startswith("-"):
        return _negative(number)
    return float(number) / 100


def parse(s):
    if s.endswith("%"):
        return percentage(s)
    return float(s)
'''
PERCENT_TESTS = '''from percent import parse


def test_half():
    assert parse("50%") == 0.5


def test_minus_half():
    assert parse("-50%") == -0.5


def test_number():
    assert parse("2") == 2.0
'''


def test_a_tie_at_the_top_the_tests_do_not_name_is_not_given_up_for_the_function_they_call(tmp_path):
    write(tmp_path / "percent.py", PERCENT)
    write(tmp_path / "test_percent.py", PERCENT_TESTS)
    report = prepare(tmp_path / "percent.py", [tmp_path / "test_percent.py"], Sandbox(SandboxLimits(timeout=30)))
    assert report.before.n_passed == 2
    s = report.suspicion
    assert {q for q, _ in s.functions if s.score(q) == s.score(s.top(1)[0])} == {"_negative", "percentage"}
    assert report.targets == ["_negative"]  # not `parse`, which the tests call by name
