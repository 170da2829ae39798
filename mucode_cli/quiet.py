"""Silencing native libraries that write straight to file descriptor 2."""

from __future__ import annotations

import contextlib
import os


@contextlib.contextmanager
def quiet_stderr():
    """llama.cpp prints loader chatter straight to fd 2; keep the user's terminal clean."""
    try:
        fd = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(fd, 2)
        os.close(fd)
