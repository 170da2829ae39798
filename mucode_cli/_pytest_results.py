"""pytest plugin loaded inside the sandbox: streams per-test results as JSON lines.

It is copied into the sandbox and loaded with ``-p``; it imports nothing from mucode.
Each event is flushed at once so that a run killed on timeout still tells which test was
running and which had finished.

The code under test runs in this process, so every line is signed: an HMAC with a per-run
key that this plugin reads from a file and deletes before any test module (candidate code)
is imported, over a sequence number, so lines cannot be made up, replayed or dropped
without the parent noticing. Once pytest has registered the plugin it leaves
``sys.modules``. ``sandbox.py`` says what in-process code can still fake.
"""

import hashlib
import hmac
import json
import os
import sys

import pytest

_MAX = 4000


def _channel():
    path = os.environ.pop("MUCODE_RESULTS", None)
    key_path = os.environ.pop("MUCODE_RESULTS_KEY", None)
    key = b""
    if key_path:
        with open(key_path, "rb") as f:
            key = f.read()
        os.unlink(key_path)
    out = open(path, "a", buffering=1, encoding="utf-8") if path else None
    seq = [0]

    def emit(obj):
        if out is None:
            return
        body = json.dumps(obj)
        mac = hmac.new(key, f"{seq[0]} {body}".encode(), hashlib.sha256).hexdigest()
        out.write(f"{mac} {seq[0]} {body}\n")
        out.flush()
        seq[0] += 1

    return emit


_emit = _channel()
_only_path = os.environ.pop("MUCODE_ONLY", None)


_REPORTING = (f"{os.sep}_pytest{os.sep}assertion{os.sep}", f"{os.sep}_pytest{os.sep}_io{os.sep}",
              f"{os.sep}reprlib.py", f"{os.sep}pprint.py")


def _reporting(frame) -> bool:
    """Called by pytest to explain a failed assert (``__repr__``, ``__eq__`` of the values
    compared): only failing tests make those calls, so counting them would point the ranking
    at whatever the failure message prints."""
    caller = frame.f_back
    for _ in range(3):
        if caller is None:
            return False
        if any(part in caller.f_code.co_filename for part in _REPORTING):
            return True
        caller = caller.f_back
    return False


class _Reach:
    """Which functions (by first line) and lines of the traced files each test ran: one trace
    hook for both where no other tracer is set, else a profile hook for calls alone (it works
    beside a tracer it must not replace). Sets are sent once each and then named by number,
    since many parametrized tests run the same lines."""

    def __init__(self, files):
        self.files = set(files)
        self.calls = None
        self.lines = None
        self.sets = {}

    def _profile(self, frame, event, arg):
        if event == "call" and frame.f_code.co_filename in self.files and self.calls is not None \
                and not _reporting(frame):
            self.calls.add(frame.f_code.co_firstlineno)

    def _trace(self, frame, event, arg):
        if event == "call" and frame.f_code.co_filename in self.files and not _reporting(frame):
            if self.calls is not None:
                self.calls.add(frame.f_code.co_firstlineno)
            return self._line
        return None

    def _line(self, frame, event, arg):
        if event == "line" and self.lines is not None:
            self.lines.add(frame.f_lineno)
        return self._line

    def start(self):
        import threading

        self.calls = set()
        self.lines = set() if sys.gettrace() is None else None
        # The profile hook fires on every call and return, C calls included: only where the
        # trace hook is taken is it worth its cost (it made a traced run several times slower).
        if self.lines is not None:
            sys.settrace(self._trace)
            threading.settrace(self._trace)
        else:
            sys.setprofile(self._profile)
            threading.setprofile(self._profile)

    def finish(self, nodeid):
        import threading

        if self.calls is None:
            return
        if self.lines is not None:
            sys.settrace(None)
            threading.settrace(None)
        else:
            sys.setprofile(None)
            threading.setprofile(None)
        out = {"event": "reach", "nodeid": nodeid, "calls": self._name(self.calls)}
        if self.lines is not None:
            out["lines"] = self._name(self.lines)
        self.calls = self.lines = None
        _emit(out)

    def _name(self, items):
        key = frozenset(items)
        if key not in self.sets:
            self.sets[key] = len(self.sets)
            _emit({"event": "set", "id": self.sets[key], "items": sorted(key)})
        return self.sets[key]


def _reach():
    path = os.environ.pop("MUCODE_TRACE", None)
    if not path:
        return None
    with open(path, encoding="utf-8") as f:
        files = json.load(f)
    return _Reach([*files, *(os.path.realpath(p) for p in files)]) if files else None


_reach_of = _reach()


@pytest.hookimpl(hookwrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    # A traced run needs the trace hook, which pytest-cov's tracer would hold (a project with
    # --cov in its addopts would get no lines traced). Turned off as --no-cov does, before
    # pytest-cov reads its options; for this run only: search and verdict runs keep it.
    if _reach_of is not None and hasattr(early_config.known_args_namespace, "no_cov"):
        early_config.known_args_namespace.no_cov = True
    yield


def pytest_configure(config):
    # Registered by now; code under test cannot simply import this module to reach the channel.
    sys.modules.pop(__name__, None)


def _captured(report):
    parts = []
    for title, content in getattr(report, "sections", []):
        if content.strip() and ("stdout" in title or "stderr" in title):
            parts.append(f"--- {title} ---\n{content[-800:]}")
    return "\n".join(parts)


def pytest_collectreport(report):
    if report.failed:
        _emit({"event": "collect_error", "nodeid": report.nodeid, "message": str(report.longrepr)[-_MAX:]})


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    # Run only the named tests (by the node ids an earlier run reported), after every other
    # plugin has reordered or filtered: the ids mean exactly what they meant in that run.
    if not _only_path:
        return
    with open(_only_path, encoding="utf-8") as f:
        only = set(json.load(f))
    keep = [item for item in items if item.nodeid in only]
    drop = [item for item in items if item.nodeid not in only]
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_collection_finish(session):
    _emit({"event": "collected", "nodeids": [item.nodeid for item in session.items]})


def pytest_runtest_logstart(nodeid, location):
    _emit({"event": "start", "nodeid": nodeid})
    if _reach_of is not None:
        _reach_of.start()


def pytest_runtest_logfinish(nodeid, location):
    if _reach_of is not None:
        _reach_of.finish(nodeid)


def pytest_runtest_logreport(report):
    if report.when != "call" and report.outcome == "passed":
        return
    outcome = report.outcome
    if report.when != "call" and outcome == "failed":
        outcome = "error"
    message = "" if outcome == "passed" else report.longreprtext[-_MAX:]
    _emit(
        {
            "event": "report",
            "nodeid": report.nodeid,
            "when": report.when,
            "outcome": outcome,
            "message": message,
            "captured": _captured(report) if outcome in ("failed", "error") else "",
        }
    )


def pytest_sessionfinish(session, exitstatus):
    _emit({"event": "finish", "exitstatus": int(exitstatus)})
