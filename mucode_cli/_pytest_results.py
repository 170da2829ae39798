"""pytest plugin loaded inside the sandbox: streams per-test results as JSON lines.

It is copied into the sandbox and loaded with ``-p``; it imports nothing from mucode.
Each event is flushed at once so that a run killed on timeout still tells which test was
running and which had finished.
"""

import json
import os

import pytest

_path = os.environ.pop("MUCODE_RESULTS", None)
_out = open(_path, "a", buffering=1, encoding="utf-8") if _path else None
_only_path = os.environ.pop("MUCODE_ONLY", None)
_MAX = 4000


def _emit(obj):
    if _out is not None:
        _out.write(json.dumps(obj) + "\n")
        _out.flush()


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
