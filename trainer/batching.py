"""One generator shared by many rollout threads.

Rollouts run in parallel (one thread per rollout), each through the ordinary search
loop. A backend that can decode several prompts at once (transformers on a GPU) gets the
concurrent requests coalesced into one batch; any other backend (llama.cpp, whose model
is not thread-safe) is called by one thread at a time, and parallelism then comes from
the other rollouts' sandbox runs overlapping with generation.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Iterator, Protocol

from mucode_cli.core import Completion, Generator, Message, SampleParams


@dataclass
class Request:
    messages: list[Message]
    n: int
    params: SampleParams
    seed: int
    done: threading.Event = field(default_factory=threading.Event)
    result: list[Completion] | None = None
    error: BaseException | None = None


class BatchBackend(Protocol):
    def sample_batch(self, requests: list[Request]) -> list[list[Completion]]:
        """All completions of each request, in request order."""
        ...


class SharedGenerator:
    """A ``Generator`` that is safe to call from many threads at once."""

    def __init__(self, backend: Generator | BatchBackend, max_batch: int = 64, linger: float = 0.05):
        self.backend, self.max_batch, self.linger = backend, max_batch, linger
        self._lock = threading.Lock()
        self._queue: queue.Queue[Request | None] = queue.Queue()
        self._dispatcher: threading.Thread | None = None
        self.batches: list[int] = []  # requests per dispatched batch (for reports and tests)

    @property
    def batching(self) -> bool:
        return hasattr(self.backend, "sample_batch")

    def sample(self, messages: list[Message], n: int, params: SampleParams, seed: int) -> Iterator[Completion]:
        if not self.batching:
            with self._lock:
                out = list(self.backend.sample(messages, n, params, seed))
            yield from out
            return
        req = Request(messages, n, params, seed)
        with self._lock:
            if self._dispatcher is None:
                self._dispatcher = threading.Thread(target=self._dispatch, name="mucode-batcher", daemon=True)
                self._dispatcher.start()
        self._queue.put(req)
        req.done.wait()
        if req.error is not None:
            raise req.error
        yield from req.result or []

    def _dispatch(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            # Wait briefly for the other rollouts' requests: one bigger batch beats two.
            deadline = time.monotonic() + self.linger
            while sum(r.n for r in batch) < self.max_batch:
                try:
                    nxt = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)
                    break
                batch.append(nxt)
            self.batches.append(len(batch))
            try:
                results = self.backend.sample_batch(batch)
                for r, res in zip(batch, results):
                    r.result = res
            except BaseException as e:  # every waiting rollout sees the failure
                for r in batch:
                    r.error = e
            for r in batch:
                r.done.set()

    def close(self) -> None:
        if self._dispatcher is not None:
            self._queue.put(None)
            self._dispatcher.join()
            self._dispatcher = None
