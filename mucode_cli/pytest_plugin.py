"""pytest plugin, registered through the ``pytest11`` entry point: ``pytest --mucode-fix`` (or
``--mucode-patch FILE``) offers a fix for what failed, once the run is over.

Without its options it does nothing: no hook below acts, and importing it imports nothing but
pytest (it loads in every pytest run of the environment, the sandbox's candidate runs included).
With them, the failing tests' files go to ``mucode fix`` in a child process, run from the rootdir
with this interpreter: the same search, sandbox and verdict as the command, and nothing of the
model held in the test process. The source is never written from here; the fix is shown, or
written as a patch. The run's own outcome is kept, except that asking for a fix when nothing
failed is an error (exit 2, as mucode gives for bad input).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("mucode", "mucode: repair the code under test")
    group.addoption("--mucode-fix", action="store_true", default=False,
                    help="after a run with failures, look for a fix with mucode and show it as a diff "
                         "(the source is not written)")
    group.addoption("--mucode-patch", metavar="FILE", default=None,
                    help="as --mucode-fix, and write the fix to FILE as a patch (git apply FILE)")
    group.addoption("--mucode-option", metavar="OPTION", action="append", default=[],
                    help="an option passed on to mucode fix, e.g. --mucode-option=--model=qwen2.5-coder-1.5b "
                         "(repeatable)")


def _asked(config) -> bool:
    return bool(config.getoption("mucode_fix") or config.getoption("mucode_patch"))


class _Failures:
    """The files of the tests that failed (relative to the rootdir), in order."""

    def __init__(self):
        self.files: list[str] = []
        self.session = None

    def pytest_sessionstart(self, session):
        self.session = session

    def pytest_runtest_logreport(self, report):
        if report.failed:
            path = report.nodeid.split("::", 1)[0]
            if path not in self.files:
                self.files.append(path)

    def pytest_collectreport(self, report):
        if report.failed and report.nodeid and report.nodeid not in self.files:
            self.files.append(report.nodeid.split("::", 1)[0])


def pytest_configure(config):
    if not _asked(config):
        return
    patch = config.getoption("mucode_patch")
    if patch:
        # Said before any test runs, as mucode fix would say it (only asked-for runs import it).
        from pathlib import Path

        from .writeback import check_patch_path

        if (problem := check_patch_path(Path(patch))) is not None:
            raise pytest.UsageError(problem.replace("--patch", "--mucode-patch", 1))
    config.pluginmanager.register(_Failures(), "mucode-failures")


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # After the failures are shown, before the one-line summary.
    if not _asked(config):
        return
    failures = config.pluginmanager.get_plugin("mucode-failures")
    files = [f for f in (failures.files if failures else []) if f]
    write = terminalreporter.write_line
    if not files:
        write("mucode: no test failed: nothing to fix")
        if failures is not None and failures.session is not None:
            failures.session.exitstatus = 2  # mucode's status for a request it cannot act on
        return
    argv = [sys.executable, "-m", "mucode_cli.cli", "fix"]
    for f in files:
        argv += ["--tests", f]
    patch = config.getoption("mucode_patch")
    argv += ["--patch", os.path.abspath(patch)] if patch else ["--dry-run"]
    argv += config.getoption("mucode_option")
    write(f"mucode: looking for a fix of what failed in {', '.join(files)}")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if capture is not None:
        capture.suspend_global_capture(in_=True)
    try:
        # stdin stays closed: mucode fix never asks, and never writes the source from here.
        subprocess.run(argv, cwd=str(config.rootpath), stdin=subprocess.DEVNULL, check=False)
        if not patch:
            write("mucode: nothing written (--mucode-patch FILE writes the fix as a patch)")
    finally:
        if capture is not None:
            capture.resume_global_capture()
