"""Where a user's project starts and what ``import pkg`` must mean inside the sandbox copy.

A real project is not a flat folder: tests live inside the package, code lives under
``src/``, and the package is installed editable, so that ``import pkg`` resolves to the
user's own folder rather than to the copy a candidate was written into.
"""

from __future__ import annotations

import configparser
import functools
import json
import os
import re
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from .settings import PROJECT_KEYS

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
    return root_above(Path(os.path.commonpath([p.resolve().parent for p in paths])))


def root_above(common: Path) -> Path:
    """``find_root`` from a folder (the files' common one, or where ``mucode fix`` runs)."""
    common = common.resolve()
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
    return _pytest_list(root, "pythonpath")


def default_tests(root: Path) -> tuple[list[Path], str]:
    """The tests a bare ``pytest`` in the project root collects, and how they were found: the
    configured ``testpaths`` (globs allowed, as pytest does), else the root itself."""
    configured = _pytest_list(root, "testpaths")
    found = [p for entry in configured for p in (sorted(root.glob(entry)) if any(c in entry for c in "*?[")
                                                 else [root / entry]) if p.exists()]
    if found:
        return found, "testpaths in the project's pytest configuration"
    return [root], "the test files under the project root"


def _pytest_list(root: Path, key: str) -> list[str]:
    """A list option of the project's pytest configuration (``pythonpath``, ``testpaths``)."""
    for name in INI_FILES:
        path = root / name
        if not path.is_file() or not _pytest_section(path):
            continue
        if name == "pyproject.toml":
            tool = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["pytest"]
            opts = tool.get("ini_options", tool)
            value = opts.get(key, [])
            if not isinstance(value, (str, list)):
                from .errors import UserError

                raise UserError(f"{path}: [tool.pytest.ini_options] {key} must be a list of paths "
                                f"(got {type(value).__name__})")
            return value.split() if isinstance(value, str) else [str(v) for v in value]
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(path.read_text(encoding="utf-8"))
        section = "pytest" if name in ("pytest.ini", ".pytest.ini", "tox.ini") else "tool:pytest"
        return parser.get(section, key, fallback="").split()
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


def import_roots(root: Path, site_dirs: list[str] | None = None) -> list[str]:
    """What goes first on the sandbox's import path, relative to the copy of ``root``: the
    folders an editable install of this project maps to (in the interpreter's ``site_dirs``),
    ``src/`` and the root itself, so ``import pkg`` means the candidate's copy and never the
    user's original files."""
    roots = editable_roots(root, None if site_dirs is None else [Path(d) for d in site_dirs if os.path.isdir(d)])
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


# [tool.mucode]'s keys and their TOML types (settings.FixSettings); command-line options win
# over them (as with ruff, pytest).
SETTINGS = PROJECT_KEYS


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
    table = dict(table)
    if "python" in table:  # relative to the project, not to where mucode runs
        table["python"] = os.path.normpath(root / Path(table["python"]).expanduser())
    return table


def with_project_settings(options: dict, explicit: set[str], root: Path) -> tuple[dict, dict]:
    """``options`` (as the command line has them), where not given there (``explicit``), taken
    from ``[tool.mucode]``; and what was taken from it."""
    conf = {k: v for k, v in project_settings(root).items() if k in options and k not in explicit}
    return {**options, **conf}, conf


# -- whose Python runs the tests ---------------------------------------------------------------

_DESCRIBE = """
import importlib.util, json, site, sys, sysconfig
dirs = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
try:
    dirs.update(site.getsitepackages())
except AttributeError:
    pass
if site.ENABLE_USER_SITE and site.getusersitepackages():
    dirs.add(site.getusersitepackages())
print(json.dumps({"executable": sys.executable, "prefix": sys.prefix, "base_prefix": sys.base_prefix,
                  "path": [p for p in sys.path if p.startswith("/") or ":" in p[:3]], "site_dirs": sorted(dirs),
                  "version": sys.version.split()[0], "pytest": importlib.util.find_spec("pytest") is not None}))
"""


@dataclass(frozen=True)
class Interpreter:
    """The Python that runs the user's tests, and what the sandbox must let it see."""

    executable: str
    prefix: str
    base_prefix: str
    path: tuple[str, ...]
    site_dirs: tuple[str, ...]
    version: str
    how: str  # why this one: "--python", "VIRTUAL_ENV", "project .venv", "mucode's own"

    @property
    def expose(self) -> list[str]:
        return [os.path.realpath(self.executable), self.executable, self.prefix, self.base_prefix,
                *(p for p in self.path if os.path.isdir(p))]


def _venv_python(folder: Path) -> Path | None:
    for rel in ("bin/python", "Scripts/python.exe"):
        if (folder / rel).exists():
            return folder / rel
    return None


@functools.lru_cache(maxsize=8)
def _describe(executable: str) -> dict:
    from .errors import UserError

    try:
        out = subprocess.run([executable, "-c", _DESCRIBE], capture_output=True, text=True, timeout=60,
                             stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise UserError(f"cannot run the Python at {executable}: {e}") from None
    if out.returncode != 0:
        raise UserError(f"cannot run the Python at {executable}: {out.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def find_interpreter(root: Path, explicit: str | None = None) -> Interpreter:
    """``--python PATH``; else the active virtualenv; else a ``.venv``/``venv`` in the project
    root; else mucode's own interpreter. The project's tests need their own dependencies and
    pytest plugins, which a CLI installed with pipx or ``uv tool`` does not have."""
    from .errors import UserError

    if explicit:
        p = Path(explicit).expanduser()
        exe, how = (_venv_python(p), "--python") if p.is_dir() else (p, "--python")
        if exe is None or not exe.exists():
            raise UserError(f"--python not found: {explicit}")
    elif os.environ.get("VIRTUAL_ENV") and _venv_python(Path(os.environ["VIRTUAL_ENV"])):
        exe, how = _venv_python(Path(os.environ["VIRTUAL_ENV"])), "VIRTUAL_ENV"
    else:
        local = next((v for v in (_venv_python(root / ".venv"), _venv_python(root / "venv")) if v), None)
        exe, how = (local, "project venv") if local else (Path(sys.executable), "mucode's own")
    exe = os.path.abspath(exe)
    if how == "mucode's own":
        info = {"executable": sys.executable, "prefix": sys.prefix, "base_prefix": sys.base_prefix,
                "path": [p for p in sys.path if os.path.isabs(p)], "site_dirs": [str(d) for d in _site_dirs()],
                "version": sys.version.split()[0], "pytest": True}
    else:
        info = _describe(exe)
    if not info["pytest"]:
        raise UserError(f"the project's Python ({exe}, {how}) has no pytest: install pytest there, "
                        "or pass --python with one that has it")
    return Interpreter(exe, info["prefix"], info["base_prefix"], tuple(info["path"]), tuple(info["site_dirs"]),
                       info["version"], how)
