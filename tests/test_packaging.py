"""What a regular (non-editable) install ships: pyproject.toml lists its packages by name, so a
new subpackage left off the list works in a checkout and is missing from every wheel."""

from __future__ import annotations

from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(conf["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for top in ("mucode_cli", "trainer", "bench")
             for p in (ROOT / top).rglob("__init__.py")}
    assert "mucode_cli.commands" in found  # it looks into subpackages
    assert found == listed


def test_data_files_read_at_run_time_are_package_data():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    for package, patterns in data.items():
        for pattern in patterns:
            assert list((ROOT / package.replace(".", "/")).glob(pattern)), (package, pattern)
    assert "project_bugs.toml" in data["bench"]
