"""Which file to repair when only the tests are named (real sandbox and pytest)."""

import json

import pytest

from mucode_cli.core import SampleParams
from mucode_cli.errors import UserError
from mucode_cli.fix import prepare, run_fix
from mucode_cli.sandbox import Sandbox, SandboxLimits
from mucode_cli.search import SearchConfig
from mucode_cli.verifier import NullVerifier
from tests.conftest import write
from tests.mucode_cli.test_cli import mucode
from tests.mucode_cli.test_search import ScriptedGenerator

CORE = '''from pkg.util import halve


def total(values):
    result = 0
    for v in values:
        result = v
    return result


def half_total(values):
    return halve(total(values))
'''
UTIL = '''def halve(x):
    if x < 0:
        raise ValueError("negative")
    return x / 2


def double(x):
    return x * 2
'''


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    write(root / "pyproject.toml", "[project]\nname = 'pkg'\nversion = '0'\n")
    write(root / "pkg" / "__init__.py", "")
    write(root / "pkg" / "core.py", CORE)
    write(root / "pkg" / "util.py", UTIL)
    return root


def _sandbox():
    return Sandbox(SandboxLimits(timeout=30))


def test_a_failing_assert_in_the_test_names_the_imported_module(project):
    tests = write(project / "tests" / "test_core.py",
                  "from pkg.core import total\nfrom pkg import util\n\n\ndef test_total():\n"
                  "    assert total([1, 2, 3]) == 6\n\n\ndef test_double():\n    assert util.double(2) == 4\n")
    report = prepare(None, [tests], _sandbox())
    assert report.inputs.module == project / "pkg" / "core.py"
    assert report.targets == ["total"] and report.inputs.root == project
    # The run that located the file is the baseline: 1 of 2 tests failing.
    assert (report.before.n_passed, report.before.n_total) == (1, 2)
    fixed = "```python\ndef total(values):\n    result = 0\n    for v in values:\n        result += v\n    return result\n```"
    cfg = SearchConfig(n=1, turns=1, params=SampleParams(max_tokens=64))
    run_fix(report, ScriptedGenerator([[fixed]]), NullVerifier(), cfg, _sandbox())
    assert report.fixed and "result += v" in report.new_source


def test_an_exception_inside_the_project_names_the_deepest_project_file(project):
    # half_total([-1]) raises inside pkg/util.py, called through pkg/core.py.
    tests = write(project / "tests" / "test_half.py",
                  "import pkg.core\n\n\ndef test_half():\n    assert pkg.core.half_total([-1]) == -0.5\n")
    report = prepare(None, [tests], _sandbox())
    assert report.inputs.module == project / "pkg" / "util.py" and report.targets == ["halve"]


def test_failures_in_two_files_are_refused_naming_both(project):
    tests = write(project / "tests" / "test_both.py",
                  "from pkg.core import total\nfrom pkg.util import double\n\n\ndef test_total():\n"
                  "    assert total([1, 2]) == 3\n\n\ndef test_double():\n    assert double(2) == 5\n")
    with pytest.raises(UserError, match=r"point into 2 files \(pkg/core.py, pkg/util.py\)"):
        prepare(None, [tests], _sandbox())


def test_cli_without_a_file(project):
    tests = write(project / "tests" / "test_both.py",
                  "from pkg.core import total\nfrom pkg.util import double\n\n\ndef test_total():\n"
                  "    assert total([1, 2]) == 3\n\n\ndef test_double():\n    assert double(2) == 5\n")
    r = mucode("fix", "--tests", tests, "--json", cwd=project)
    assert r.returncode == 2 and r.stdout == ""
    assert "point into 2 files" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    write(tests, "from pkg.util import double\n\n\ndef test_double():\n    assert double(2) == 4\n")
    r = mucode("fix", "--tests", project / "tests", "--json", cwd=project)
    assert r.returncode == 0 and json.loads(r.stdout)["already_passing"] is True
