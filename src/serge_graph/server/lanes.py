"""The pool's workers in their lanes, under one lock: which request may take which idle
worker (a query not yet known to be quick may not take the last fast one), and which
spare takes the place of a worker that leaves."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pool import PoolConfig, _Worker

LOG = logging.getLogger("serge_graph.server")
FAST, SLOW = "fast", "slow"
_SLOW_NICENESS = 10


class UnavailableError(Exception):
    """No answer can be had now; the client may try again (503 with Retry-After)."""


class Lanes:
    """The fast and slow lanes' workers, the spares and the workers starting; `changed` is
    the lock that guards them and the condition on which requests wait for a worker."""

    def __init__(self, config: PoolConfig):
        self.config = config
        self.changed = threading.Condition()
        self.members: dict[str, list[_Worker]] = {FAST: [], SLOW: []}
        self.idle: dict[str, deque[_Worker]] = {FAST: deque(), SLOW: deque()}
        self.spares: list[_Worker] = []
        self.starting: list[_Worker] = []
        self.untried_running = 0  # fast workers running a query not yet known to be quick
        self.stopping = False
        self.failure: str | None = None

    def wait_ready(self, timeout: float) -> None:
        """Block until every lane is full (at start)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not self.full():
                if self.stopping or not self.changed.wait(deadline - time.monotonic()):
                    raise RuntimeError(self.failure or "the query workers did not start in time")

    def acquire(
        self, lane: str, deadline: float, tried: bool, proven_slow: Callable[[], bool]
    ) -> tuple[_Worker, str]:
        """An idle worker, and its lane; an untried query may not take the last fast worker.

        A query waiting for the fast lane whose text proves slow meanwhile (the same
        text, sent before it) goes to the slow lane instead.
        """
        untried_cap = max(1, self.config.fast_workers - 1)
        with self.changed:
            while True:
                if self.stopping:
                    raise UnavailableError("the server is stopping")
                if lane == FAST and proven_slow():
                    lane = SLOW
                untried = lane == FAST and not tried
                if self.idle[lane] and not (untried and self.untried_running >= untried_cap):
                    worker = self.idle[lane].popleft()
                    worker.busy, worker.untried = True, untried
                    self.untried_running += untried
                    return worker, lane
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise UnavailableError(f"every {lane}-lane query worker stayed busy")
                self.changed.wait(remaining)

    def release(self, worker: _Worker) -> None:
        with self.changed:
            self._done(worker)
            if not worker.retired and worker.lane is not None:
                self.idle[worker.lane].append(worker)
            self.changed.notify_all()

    def _done(self, worker: _Worker) -> None:
        """A worker's request is over (lock held)."""
        worker.busy = False
        self.untried_running -= worker.untried
        worker.untried = False

    def retire(self, worker: _Worker) -> None:
        """Kill a worker and give its place to a spare."""
        worker.kill()
        with self.changed:
            if worker.busy:
                self._done(worker)
            self.remove(worker)

    def remove(self, worker: _Worker) -> None:
        """Take a worker out of its lane and put a spare in its place (lock held)."""
        lane = worker.lane
        for group in (*self.members.values(), self.spares, self.starting):
            if worker in group:
                group.remove(worker)
        for idle in self.idle.values():
            if worker in idle:
                idle.remove(worker)
        worker.lane = None
        if lane is not None and self.spares and not self.stopping:
            self._join_lane(self.spares.pop(0), lane)
        self.changed.notify_all()

    def _join_lane(self, worker: _Worker, lane: str) -> None:
        if lane == SLOW:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, worker.pid, _SLOW_NICENESS)
        worker.lane = lane
        self.members[lane].append(worker)
        self.idle[lane].append(worker)
        LOG.info("query worker %d serves the %s lane", worker.pid, lane)

    def place(self, worker: _Worker) -> None:
        """A worker that finished loading: into a lane that is short, else a spare (lock held)."""
        self.starting.remove(worker)
        for lane, wanted in ((FAST, self.config.fast_workers), (SLOW, self.config.slow_workers)):
            if len(self.members[lane]) < wanted:
                self._join_lane(worker, lane)
                break
        else:
            self.spares.append(worker)
        self.changed.notify_all()

    def full(self) -> bool:
        return (
            len(self.members[FAST]) >= self.config.fast_workers
            and len(self.members[SLOW]) >= self.config.slow_workers
        )

    def wanted(self) -> int:
        """How many workers more the lanes and spares need, not counting those starting."""
        config = self.config
        have = len(self.members[FAST]) + len(self.members[SLOW]) + len(self.spares)
        return config.fast_workers + config.slow_workers + config.spares - have

    def everyone(self) -> list[_Worker]:
        """Every worker, in a lane, spare or starting (lock held)."""
        return [*self.members[FAST], *self.members[SLOW], *self.spares, *self.starting]

    def stop(self, failure: str | None = None) -> list[_Worker]:
        """Stop taking requests, wake every waiting one (they get 503), and say who is left."""
        with self.changed:
            self.stopping = True
            if failure is not None:
                self.failure = failure
            self.changed.notify_all()
            return self.everyone()

    def describe(self) -> dict:
        """The lanes' workers, the spares and how many are starting, for the status page."""
        with self.changed:
            lanes = {
                lane: [{"pid": w.pid, "busy": w.busy, "untried": w.untried} for w in members]
                for lane, members in self.members.items()
            }
            return {
                "lanes": lanes,
                "spares": [w.pid for w in self.spares],
                "starting": len(self.starting),
            }
