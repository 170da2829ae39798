"""Which functions fix repairs (choose_targets, through prepare): real sandbox and pytest."""

import pytest

from mucode_cli.fix import prepare
from mucode_cli.sandbox import Sandbox, SandboxLimits
from tests.conftest import write


def test_targets_are_the_functions_most_failing_tests_call(tmp_path):
    # The bug is in plural; table uses it, so its few tests fail too, and one test calls both.
    module = ("def plural(word):\n    if word.endswith('s'):\n        return word\n    return word + 'z'\n\n\n"
              "def table(word):\n    return plural(word.lower())\n\n\ndef single(word):\n    return word.rstrip('s')\n")
    tests = ("import pytest\nfrom words import plural, single, table\n\n\n"
             "@pytest.mark.parametrize('w', ['cat', 'dog', 'cow', 'pig', 'hen', 'ant'])\n"
             "def test_plural(w):\n    assert plural(w) == w + 's'\n\n\n"
             "def test_table():\n    assert table('Cat') == 'cats'\n\n\n"
             "def test_round_trip():\n    assert single(plural('cat')) == 'cat' and plural('cat') == 'cats'\n")
    sb = Sandbox(SandboxLimits(timeout=20))
    report = prepare(write(tmp_path / "words.py", module), [write(tmp_path / "test_words.py", tests)], sb)
    assert report.before.n_total - report.before.n_passed == 8
    assert report.targets == ["plural"]


def _targets(tmp_path, module, tests, functions=None):
    sb = Sandbox(SandboxLimits(timeout=20))
    return prepare(write(tmp_path / "m.py", module), [write(tmp_path / "test_m.py", tests)], sb, functions).targets


def test_targets_are_the_functions_a_failing_traceback_passes_through(tmp_path):
    # The test calls only `report`; the exception is raised in `parse`, which `report` calls:
    # both are on the traceback, equally suspect to the traced run; the more specific
    # (shorter) `parse` is the one target, the untouched `unused` is never one.
    module = ("def parse(text):\n    return int(text.strip('%'))  # '12.5%' raises\n\n\n"
              "def report(values):\n    return sum(parse(v) for v in values)\n\n\n"
              "def unused():\n    return 0\n")
    tests = "from m import report\n\n\ndef test_report():\n    assert report(['12.5%', '1%']) == 13.5\n"
    assert _targets(tmp_path, module, tests) == ["parse"]


def test_explicit_targets_are_checked_and_deduplicated(tmp_path):
    from mucode_cli.errors import UserError

    module = "def a():\n    return 1\n\n\nclass K:\n    def b(self):\n        return 2\n"
    tests = "from m import a\n\n\ndef test_a():\n    assert a() == 2\n"
    assert _targets(tmp_path, module, tests, ["K.b", "a", "K.b"]) == ["K.b", "a"]
    with pytest.raises(UserError, match=r"no function 'nope' in m.py \(functions: a, K.b\)"):
        _targets(tmp_path, module, tests, ["nope"])


def test_a_function_reached_without_its_name_is_found_by_the_traced_run(tmp_path):
    # The test reaches f1 through getattr: no name to follow, but the traced baseline saw it run.
    tests = "import m\n\n\ndef test_all():\n    assert getattr(m, 'f' + '1')() == 2\n"
    big = "".join(f"def f{i}():\n    return {i}\n\n\n" for i in range(1, 6))
    assert _targets(tmp_path, big, tests) == ["f1"]


def test_with_nothing_to_follow_a_small_module_is_repaired_whole_a_big_one_needs_function(tmp_path):
    from mucode_cli.errors import UserError

    # The failing test runs none of the module's functions and names none of them.
    tests = "import m\n\n\ndef test_all():\n    assert m.LIMIT == 2\n"
    small = "LIMIT = 1\n\n\n" + "".join(f"def f{i}():\n    return {i}\n\n\n" for i in range(1, 4))
    assert _targets(tmp_path, small, tests) == ["f1", "f2", "f3"]
    big = "LIMIT = 1\n\n\n" + "".join(f"def f{i}():\n    return {i}\n\n\n" for i in range(1, 6))
    with pytest.raises(UserError, match="pass --function NAME"):
        _targets(tmp_path, big, tests)
    with pytest.raises(UserError, match="defines no functions"):
        _targets(tmp_path, "X = 1\n", "from m import X\n\n\ndef test_x():\n    assert X == 2\n")
