"""Real project layouts: the project root, tests inside the package, src layout, editable installs.

Real sandbox, real pytest; the editable install is a real ``pip install -e`` into a throwaway venv.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mucode_cli.errors import UserError
from mucode_cli.fix import prepare
from mucode_cli.project import editable_roots, find_root
from mucode_cli.repair_inputs import load_inputs, run_tests
from mucode_cli.sandbox import Sandbox, SandboxLimits
from tests.conftest import write

BUGGY = "def add(a, b):\n    return a - b\n"
FIXED = "def add(a, b):\n    return a + b\n"


def test_root_is_where_pytest_config_is_else_a_project_marker_else_the_common_folder(tmp_path):
    write(tmp_path / "proj" / "pyproject.toml", "[tool.pytest.ini_options]\naddopts = '-q'\n")
    mod = write(tmp_path / "proj" / "pkg" / "m.py", BUGGY)
    test = write(tmp_path / "proj" / "tests" / "test_m.py", "def test_x():\n    pass\n")
    assert find_root([mod, test]) == (tmp_path / "proj").resolve()
    # A pytest.ini nearer the files wins over a marker further up.
    write(tmp_path / "proj" / "pkg" / "pytest.ini", "[pytest]\n")
    assert find_root([mod]) == (tmp_path / "proj" / "pkg").resolve()
    # pyproject.toml without a pytest table is only a project marker, found after every ini file.
    write(tmp_path / "other" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "other" / "sub" / "tox.ini", "[tox]\nenvlist = py\n")
    deep = write(tmp_path / "other" / "sub" / "m.py", BUGGY)
    assert find_root([deep]) == (tmp_path / "other").resolve()
    # No marker anywhere: the common folder, or above it while it is a package.
    write(tmp_path / "bare" / "pkg" / "__init__.py", "")
    inside = write(tmp_path / "bare" / "pkg" / "m.py", BUGGY)
    assert find_root([inside]) == (tmp_path / "bare").resolve()


def test_tests_inside_the_package_run_from_the_project_root(tmp_path):
    """pkg/calc.py + pkg/tests/test_calc.py: the copy must hold pkg itself so `import pkg` works."""
    write(tmp_path / "pyproject.toml", "[project]\nname = 'pkg'\nversion = '0'\n")
    write(tmp_path / "pkg" / "__init__.py", "")
    mod = write(tmp_path / "pkg" / "calc.py", BUGGY)
    write(tmp_path / "pkg" / "tests" / "__init__.py", "")
    test = write(tmp_path / "pkg" / "tests" / "test_calc.py",
                 "from pkg.calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    sb = Sandbox(SandboxLimits(timeout=30))
    report = prepare(mod, [test], sb)
    assert report.inputs.root == tmp_path.resolve() and report.inputs.module_rel == "pkg/calc.py"
    assert not report.before.passed and not report.before.collect_errors
    assert report.targets == ["add"]  # the traceback points into pkg/calc.py
    assert run_tests(report.inputs, sb, FIXED).passed


def test_strict_pytest_config_and_the_projects_conftest_keep_working(tmp_path):
    write(tmp_path / "pyproject.toml", textwrap.dedent("""\
        [tool.pytest.ini_options]
        addopts = "--strict-config --strict-markers"
        filterwarnings = ["error"]
        markers = ["unit: fast tests"]
        pythonpath = ["lib"]
        """))
    mod = write(tmp_path / "lib" / "calc.py", BUGGY)
    write(tmp_path / "tests" / "conftest.py", "import pytest\n\n\n@pytest.fixture\ndef three():\n    return 3\n")
    test = write(tmp_path / "tests" / "test_calc.py", "import pytest\nfrom calc import add\n\n\n"
                 "@pytest.mark.unit\ndef test_add(three):\n    assert add(2, three) == 5\n")
    sb = Sandbox(SandboxLimits(timeout=30))
    inputs = load_inputs(mod, [test])
    assert "lib" in inputs.import_roots
    before = run_tests(inputs, sb)
    assert not before.passed and not before.collect_errors and before.n_total == 1, before.output
    after = run_tests(inputs, sb, FIXED)
    assert after.passed, after.output


def test_an_explicit_root_must_hold_the_files(tmp_path):
    mod = write(tmp_path / "a" / "m.py", BUGGY)
    test = write(tmp_path / "a" / "test_m.py", "from m import add\n\n\ndef test_add():\n    assert add(1, 1) == 2\n")
    (tmp_path / "a" / "nested").mkdir()
    with pytest.raises(UserError, match="not inside the project root"):
        load_inputs(mod, [test], root=tmp_path / "a" / "nested")
    with pytest.raises(UserError, match="not a folder"):
        load_inputs(mod, [test], root=tmp_path / "nope")
    assert load_inputs(mod, [test], root=tmp_path).module_rel == "a/m.py"


def test_editable_install_mappings_are_read_from_pth_files_and_setuptools_finders(tmp_path):
    proj = tmp_path / "proj"
    (proj / "src" / "demo").mkdir(parents=True)
    (proj / "lib" / "other").mkdir(parents=True)
    site = tmp_path / "site"
    write(site / "__editable__.demo-0.pth", f"{proj / 'src'}\n")
    write(site / "unrelated.pth", "import os\n/usr/lib/somewhere\n")
    write(site / "__editable___other_0_finder.py",
          f"import sys\nMAPPING: dict[str, str] = {{'other': '{proj / 'lib' / 'other'}'}}\nNAMESPACES = {{}}\n")
    assert editable_roots(proj, [site]) == ["src", "lib"]


@pytest.mark.parametrize("layout", ["src", "flat"])
def test_a_candidate_is_tested_even_when_the_project_is_installed_editable(tmp_path, layout):
    """pip install -e in a throwaway venv: `import demo` must mean the sandbox copy, not the original."""
    proj = tmp_path / "proj"
    pkg_dir = proj / "src" / "demo" if layout == "src" else proj / "demo"
    find = '[tool.setuptools.packages.find]\nwhere = ["src"]\n' if layout == "src" else \
        '[tool.setuptools]\npackages = ["demo"]\n'
    write(proj / "pyproject.toml", "[build-system]\nrequires = ['setuptools']\nbuild-backend = 'setuptools.build_meta'\n"
          f"[project]\nname = 'demo'\nversion = '0.1'\n{find}")
    write(pkg_dir / "__init__.py", "")
    mod = write(pkg_dir / "calc.py", BUGGY)
    test = write(proj / "tests" / "test_calc.py", "from demo.calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    py = str(_venv(tmp_path / "venv"))
    r = subprocess.run([py, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-e",
                        str(proj)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot make an editable install here: {r.stderr[-300:]}")
    script = textwrap.dedent(f"""
        import json
        from pathlib import Path
        import demo
        from mucode_cli.repair_inputs import load_inputs, run_tests
        from mucode_cli.sandbox import Sandbox, SandboxLimits
        sb = Sandbox(SandboxLimits(timeout=30))
        inputs = load_inputs(Path({str(mod)!r}), [Path({str(test)!r})])
        print(json.dumps({{"installed_from": demo.__file__, "roots": inputs.import_roots,
                          "buggy": run_tests(inputs, sb).passed, "fixed": run_tests(inputs, sb, {FIXED!r}).passed}}))
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    out = subprocess.run([py, "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["installed_from"].startswith(str(proj))  # the venv imports the user's folder
    assert data["buggy"] is False and data["fixed"] is True
    assert data["roots"][0] == ("src" if layout == "src" else ".")


def test_check_reports_the_root_and_a_bad_root_is_bad_input(tmp_path):
    from tests.mucode_cli.test_cli import mucode

    write(tmp_path / "setup.py", "")
    mod = write(tmp_path / "src" / "calc.py", BUGGY)
    test = write(tmp_path / "tests" / "test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    r = mucode("check", mod, "--tests", test, "--json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["root"] == str(tmp_path.resolve()) and data["import_roots"] == ["src", "."]
    assert [t["outcome"] for t in data["tests"]] == ["failed"]
    bad = mucode("check", mod, "--tests", test, "--root", tmp_path / "missing")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--root is not a folder" in bad.stderr


def test_project_settings_fill_only_the_options_not_given(tmp_path):
    from mucode_cli.project import with_project_settings

    write(tmp_path / "pyproject.toml", "[tool.mucode]\nn = 2\nturns = 1\npython = 'venv'\n")
    options = {"n": 5, "turns": 3, "model": "m", "python": None}
    merged, taken = with_project_settings(options, {"turns"}, tmp_path)
    assert merged == {"n": 2, "turns": 3, "model": "m", "python": str(tmp_path / "venv")}
    assert taken == {"n": 2, "python": str(tmp_path / "venv")} and options["n"] == 5
    assert with_project_settings(options, set(), tmp_path / "elsewhere") == (options, {})


def test_tool_mucode_settings_apply_and_command_line_options_win(tmp_path):
    from tests.mucode_cli.test_cli import mucode

    write(tmp_path / "pyproject.toml", "[tool.mucode]\nmodel = 'smollm2-135m'\nn = 1\nturns = 1\n")
    mod = write(tmp_path / "calc.py", BUGGY)
    test = write(tmp_path / "test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    r = mucode("fix", mod, "--tests", test, "--json", "--dry-run", "--verifier", "none")
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    assert data["turns"] == 1 and len(data["candidates"]) == 1  # n and turns from [tool.mucode]
    assert data["model"] == "smollm2-135m"  # [tool.mucode] wins over $MUCODE_MODEL (tests/conftest.py)
    r = mucode("fix", mod, "--tests", test, "--json", "--dry-run", "--verifier", "none", "-n", "2",
               "--full-search")
    assert len(json.loads(r.stdout)["candidates"]) == 2  # the command line wins
    write(tmp_path / "pyproject.toml", "[tool.mucode]\ncandidates = 3\n")
    bad = mucode("fix", mod, "--tests", test)
    assert bad.returncode == 2 and "unknown setting 'candidates' in [tool.mucode]" in bad.stderr
    write(tmp_path / "pyproject.toml", "[tool.mucode]\nn = 'five'\n")
    bad = mucode("fix", mod, "--tests", test)
    assert bad.returncode == 2 and "wrong type" in bad.stderr
    write(tmp_path / "pyproject.toml", "[tool.mucode\nn = 1\n")
    bad = mucode("fix", mod, "--tests", test, "--yes")
    assert bad.returncode == 2 and bad.stderr.startswith(f"mucode: error: cannot read {tmp_path / 'pyproject.toml'}")
    assert bad.stderr.count("\n") == 1 and mod.read_text() == BUGGY


def _venv(folder, system_site_packages=True):
    """A throwaway venv; no pip of its own (it borrows ours through the system site-packages)."""
    args = [sys.executable, "-m", "venv", "--without-pip", str(folder)]
    subprocess.run(args[:-1] + (["--system-site-packages"] if system_site_packages else []) + args[-1:], check=True)
    return folder / "bin" / "python"


def test_the_projects_own_python_runs_the_tests(tmp_path):
    """A dependency only the project's venv has: found through --python, VIRTUAL_ENV or .venv."""
    from tests.mucode_cli.test_cli import mucode

    dep = tmp_path / "dep"
    write(dep / "pyproject.toml", "[build-system]\nrequires = ['setuptools']\nbuild-backend = 'setuptools.build_meta'\n"
          "[project]\nname = 'onlyhere'\nversion = '1'\n[tool.setuptools]\npy-modules = ['onlyhere']\n")
    write(dep / "onlyhere.py", "THREE = 3\n")
    proj = tmp_path / "proj"
    write(proj / "pyproject.toml", "[tool.pytest.ini_options]\n")
    mod = write(proj / "calc.py", BUGGY)
    test = write(proj / "test_calc.py", "from onlyhere import THREE\nfrom calc import add\n\n\n"
                 "def test_add():\n    assert add(2, THREE) == 5\n")
    py = _venv(proj / ".venv")
    r = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", "-q",
                        str(dep)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot install into a venv here: {r.stderr[-300:]}")
    env_free = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    # The project's .venv is found by itself; the test fails on the bug, not on the import.
    r = subprocess.run([sys.executable, "-m", "mucode_cli.cli", "check", str(mod), "--tests", str(test), "--json"],
                       capture_output=True, text=True, env=env_free)
    data = json.loads(r.stdout)
    assert data["python"]["how"] == "project venv" and data["python"]["executable"] == str(py)
    assert [t["outcome"] for t in data["tests"]] == ["failed"] and "assert -1 == 5" in data["feedback"]
    # mucode's own Python cannot even import the test module.
    other = _venv(tmp_path / "bare")
    r = mucode("check", mod, "--tests", test, "--json", "--python", other)
    assert json.loads(r.stdout)["python"]["how"] == "--python"
    assert "onlyhere" in json.loads(r.stdout)["feedback"]
    # [tool.mucode] python, relative to the project.
    write(proj / "pyproject.toml", "[tool.pytest.ini_options]\n[tool.mucode]\npython = '../bare'\n")
    r = mucode("fix", mod, "--tests", test, "--json", "--dry-run", "--model", "smollm2-135m", "-n", "1",
               "--turns", "1", "--verifier", "none")
    assert json.loads(r.stdout)["python"] == {"executable": str(tmp_path / "bare" / "bin" / "python"),
                                              "version": json.loads(r.stdout)["python"]["version"], "how": "--python"}
    write(proj / "pyproject.toml", "[tool.pytest.ini_options]\n")
    # An active virtualenv wins over the project's .venv.
    r = subprocess.run([sys.executable, "-m", "mucode_cli.cli", "check", str(mod), "--tests", str(test), "--json"],
                       capture_output=True, text=True, env={**env_free, "VIRTUAL_ENV": str(tmp_path / "bare")})
    assert json.loads(r.stdout)["python"]["how"] == "VIRTUAL_ENV"


def test_a_python_without_pytest_or_missing_is_bad_input(tmp_path):
    from tests.mucode_cli.test_cli import mucode

    mod = write(tmp_path / "calc.py", BUGGY)
    test = write(tmp_path / "test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    bare = _venv(tmp_path / "isolated", system_site_packages=False)
    r = mucode("check", mod, "--tests", test, "--python", bare)
    assert r.returncode == 2 and "has no pytest" in r.stderr
    r = mucode("check", mod, "--tests", test, "--python", tmp_path / "nope" / "python")
    assert r.returncode == 2 and "--python not found" in r.stderr


def test_tests_may_name_a_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.pytest.ini_options]\n")
    mod = write(tmp_path / "calc.py", BUGGY)
    write(tmp_path / "tests" / "test_one.py", "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    write(tmp_path / "tests" / "unit" / "add_test.py", "from calc import add\n\n\ndef test_zero():\n    assert add(0, 0) == 0\n")
    write(tmp_path / "tests" / "test_helpers.py", "def make():\n    return 1\n")  # no tests: skipped
    write(tmp_path / "tests" / "conftest.py", "")
    inputs = load_inputs(mod, [tmp_path / "tests"])
    assert inputs.tests_rel == ["tests/test_one.py", "tests/unit/add_test.py"]
    result = run_tests(inputs, Sandbox(SandboxLimits(timeout=30)))
    assert sorted(t.outcome for t in result.tests) == ["failed", "passed"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="no test_.*py files in the folder"):
        load_inputs(mod, [tmp_path / "empty"])
