"""Where a user's project starts and what ``import pkg`` must mean inside the sandbox copy.

A real project is not a flat folder: tests live inside the package, code lives under
``src/``, and the package is installed editable, so that ``import pkg`` resolves to the
user's own folder rather than to the copy a candidate was written into.
"""

from __future__ import annotations

import configparser
import os
import re
import site
import sysconfig
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

# The files pytest reads its configuration from, in the order it tries them in one folder.
INI_FILES = ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")
PROJECT_MARKERS = ("setup.py", "pyproject.toml", "setup.cfg", ".git")


def _pytest_section(path: Path) -> bool:
    """Whether this file configures pytest (what makes pytest take its folder as rootdir)."""
    if path.name in ("pytest.ini", ".pytest.ini"):
        return True
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if path.name == "pyproject.toml":
        try:
            tool = tomllib.loads(text).get("tool", {})
        except tomllib.TOMLDecodeError:
            return False
        return "pytest" in tool and isinstance(tool["pytest"], dict) and bool(tool["pytest"])
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return False
    return parser.has_section("pytest" if path.name == "tox.ini" else "tool:pytest")


def find_root(paths: list[Path]) -> Path:
    """The project root, found the way pytest finds its rootdir: the nearest folder at or
    above the files' common folder with a pytest configuration; else the nearest one that
    marks a project (setup.py, pyproject.toml, setup.cfg, .git); else the common folder, or
    the folder above it while it is a package (tests inside a package import it by name)."""
    common = Path(os.path.commonpath([p.resolve().parent for p in paths]))
    ancestors = [common, *common.parents]
    for folder in ancestors:
        if any((folder / name).is_file() and _pytest_section(folder / name) for name in INI_FILES):
            return folder
    for folder in ancestors:
        if any((folder / name).exists() for name in PROJECT_MARKERS):
            return folder
    while (common / "__init__.py").is_file() and common.parent != common:
        common = common.parent
    return common


def pytest_pythonpath(root: Path) -> list[str]:
    """The ``pythonpath`` entries of the project's pytest configuration, relative to the root."""
    for name in INI_FILES:
        path = root / name
        if not path.is_file() or not _pytest_section(path):
            continue
        if name == "pyproject.toml":
            tool = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["pytest"]
            opts = tool.get("ini_options", tool)
            value = opts.get("pythonpath", [])
            return value.split() if isinstance(value, str) else [str(v) for v in value]
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(path.read_text(encoding="utf-8"))
        section = "pytest" if name in ("pytest.ini", ".pytest.ini", "tox.ini") else "tool:pytest"
        return parser.get(section, "pythonpath", fallback="").split()
    return []


def _site_dirs() -> list[Path]:
    dirs = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    try:
        dirs.update(site.getsitepackages())
    except AttributeError:  # old virtualenv's site module
        pass
    if site.ENABLE_USER_SITE and site.getusersitepackages():
        dirs.add(site.getusersitepackages())
    return [Path(d) for d in sorted(dirs) if os.path.isdir(d)]


def editable_roots(root: Path, site_dirs: list[Path] | None = None) -> list[str]:
    """Folders inside ``root`` that an editable install maps imports to, relative to ``root``.

    Editable installs work in two ways: a ``.pth`` file naming a folder (flit, hatch, pdm,
    setuptools' compat mode) or a finder module with a ``MAPPING`` of package -> folder
    (setuptools' strict mode). Either way, the folder that holds the package must come first
    on the sandbox's import path, in the copy."""
    root = root.resolve()
    found: list[str] = []

    def add(path: str) -> None:
        try:
            rel = Path(path).resolve().relative_to(root).as_posix()
        except (ValueError, OSError):
            return
        if rel not in found:
            found.append(rel)

    for d in site_dirs if site_dirs is not None else _site_dirs():
        for pth in sorted(d.glob("*.pth")):
            try:
                lines = pth.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for line in lines:
                line = line.strip()
                if line and not line.startswith(("#", "import ")):
                    add(line if os.path.isabs(line) else str(d / line))
        for finder in sorted(d.glob("__editable__*finder.py")):
            try:
                text = finder.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            match = re.search(r"^MAPPING\s*(?::[^=]*)?=\s*(\{.*?\})\s*$", text, re.M | re.S)
            if not match:
                continue
            for pkg_dir in re.findall(r":\s*'([^']+)'|:\s*\"([^\"]+)\"", match.group(1)):
                path = next(p for p in pkg_dir if p)
                add(str(Path(path).parent))  # the folder that holds the package
    return found


def import_roots(root: Path) -> list[str]:
    """What goes first on the sandbox's import path, relative to the copy of ``root``: the
    folders an editable install of this project maps to, ``src/`` and the root itself, so
    ``import pkg`` means the candidate's copy and never the user's original files."""
    roots = editable_roots(root)
    if (root / "src").is_dir():
        roots.append("src")
    roots += pytest_pythonpath(root)
    roots.append(".")
    out: list[str] = []
    for r in roots:
        r = os.path.normpath(r)
        if r not in out and not r.startswith(".."):
            out.append(r)
    return out


# [tool.mucode] keys and their types; command-line options win over them (as with ruff, pytest).
SETTINGS = {"model": str, "verifier": str, "n": int, "turns": int, "timeout": (int, float), "temperature": (int, float),
            "select": str, "threads": int}


def project_settings(root: Path) -> dict:
    """The ``[tool.mucode]`` table of the project's pyproject.toml, checked ({} if none)."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return {}
    from .errors import UserError

    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("mucode", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"cannot read {path}: {e}") from None
    if not isinstance(table, dict):
        raise UserError(f"[tool.mucode] in {path} must be a table")
    for key, value in table.items():
        if key not in SETTINGS:
            raise UserError(f"unknown setting {key!r} in [tool.mucode] of {path} (known: {', '.join(SETTINGS)})")
        if not isinstance(value, SETTINGS[key]) or isinstance(value, bool):
            raise UserError(f"[tool.mucode] {key} in {path} has the wrong type: {value!r}")
    return dict(table)
