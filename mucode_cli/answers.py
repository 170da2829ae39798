"""Taking the code out of a model's answer."""

from __future__ import annotations

import re

_OPEN = re.compile(r"^[ \t]*```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n", re.M)
_CLOSE = re.compile(r"^[ \t]*```[ \t]*$", re.M)
_PY = {"python", "py", "python3", "py3"}


def _blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of each fenced block; an unclosed last block runs to the end."""
    out = []
    pos = 0
    while True:
        m = _OPEN.search(text, pos)
        if not m:
            return out
        close = _CLOSE.search(text, m.end())
        if close is None:
            out.append((m.group(1).lower(), text[m.end():]))
            return out
        out.append((m.group(1).lower(), text[m.end():close.start()]))
        pos = close.end()


def extract_code(text: str) -> str:
    """First python block, else the first fenced block, else the raw text."""
    blocks = _blocks(text)
    for lang, body in blocks:
        if lang in _PY and body.strip():
            return body.rstrip() + "\n"
    for _, body in blocks:
        if body.strip():
            return body.rstrip() + "\n"
    raw = text.strip()
    if raw.startswith("```"):  # a fence opened on the last line and nothing after it
        raw = raw.lstrip("`")
        raw = raw[len(raw.split("\n", 1)[0]):].strip() if "\n" in raw else ""
    return raw + "\n" if raw else ""
