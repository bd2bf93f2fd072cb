"""Supervised query workers in two lanes, with one time budget per request.

Every query starts in the fast lane, where it may use `fast_limit` seconds
of processor time. A query that needs more is moved to the slow lane (fewer
workers, a lower CPU priority) for the rest of its budget, and its text is
remembered for a while so that the next time it goes straight there. A text
answered quickly is remembered too: queries not yet known to be quick may
hold all fast workers but one, so a known lookup always finds a fast worker
while new queries are being tried. So a client that loops slow queries holds
at most the slow lane and all fast workers but one, and lookups from
everyone else keep going.

A worker whose query runs out of time is killed: rdflib cannot be
interrupted and a signal cannot stop Oxigraph's evaluator. A supervisor
thread (supervisor.py) watches every worker process; one that dies, however
it dies, is replaced at once by a spare that is already loaded, and a new
spare starts in the background. A request whose worker died, or that cannot get a worker
within its budget, is answered 503 with Retry-After: no request waits
without a limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import time
from collections import OrderedDict
from dataclasses import dataclass

from .lanes import FAST, SLOW, Lanes, UnavailableError
from .supervisor import Supervisor
from .workers import Answer, GraphSource, QueryRequest, worker_main

__all__ = ["FAST", "SLOW", "PoolConfig", "QueryTimeoutError", "UnavailableError", "WorkerPool"]
_REMEMBERED_TEXTS = 10_000


@dataclass(frozen=True)
class PoolConfig:
    fast_workers: int = 2
    slow_workers: int = 1
    spares: int = 1
    fast_limit: float = 1.0  # seconds a query may run in the fast lane
    slow_memory: float = 600.0  # seconds a query that needed the slow lane goes straight there


class QueryTimeoutError(Exception):
    """The query ran past its time budget (503)."""


class _Worker:
    def __init__(self, context, source: GraphSource):
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=worker_main, args=(child, source, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()
        self.lane: str | None = None  # None while starting or spare
        self.busy = False
        self.untried = False  # running a query not yet known to be quick
        self.retired = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        self.retired = True
        with contextlib.suppress(ProcessLookupError, OSError):
            self.process.kill()


class WorkerPool:
    """Query workers in a fast and a slow lane (lanes.py), with spares, kept by a supervisor
    thread (supervisor.py); here, each request's run within its deadline, and the texts
    remembered as quick or slow."""

    def __init__(self, source: GraphSource, config: PoolConfig = PoolConfig()):
        self.source, self.config = source, config
        self._context = multiprocessing.get_context("spawn")
        self._lanes = Lanes(config)
        self._verdicts: OrderedDict[str, tuple[str, float]] = OrderedDict()  # text -> lane, until
        self._supervisor = Supervisor(
            self._lanes, lambda: _Worker(self._context, self.source), self._context
        )

    @property
    def failure(self) -> str | None:
        """Why the pool stopped by itself (its workers could not start), else None."""
        return self._lanes.failure

    def wait_ready(self, timeout: float = 600) -> None:
        """Block until every lane is full (at start)."""
        self._lanes.wait_ready(timeout)

    def run(self, request: QueryRequest, deadline: float) -> Answer:
        """Answer a query within the deadline (time.monotonic()), moving it to the slow lane if needed."""
        text_key = _fingerprint(request.text)
        known = self._verdict(text_key)
        lane = SLOW if known == SLOW else FAST
        proven_slow = lambda: self._verdicts.get(text_key, (None,))[0] == SLOW  # noqa: E731
        while True:
            worker, lane = self._lanes.acquire(lane, deadline, known == FAST, proven_slow)
            cpu_limit = None if lane == SLOW else self.config.fast_limit
            answer = self._ask(worker, request, deadline, cpu_limit)
            if answer is not None:
                self._lanes.release(worker)
                if lane == FAST:
                    self._remember(text_key, FAST)
                return answer
            if lane == FAST:
                self._remember(text_key, SLOW)  # before the retirement wakes those who wait
            self._retire(worker)
            if lane == FAST and time.monotonic() < deadline - 0.05:
                lane = SLOW
                continue
            raise QueryTimeoutError("the query ran longer than its time limit")

    def status(self) -> dict:
        with self._lanes.changed:
            return {
                **self._lanes.describe(),
                "slow_queries_remembered": sum(1 for v in self._verdicts.values() if v[0] == SLOW),
                "quick_queries_remembered": sum(1 for v in self._verdicts.values() if v[0] == FAST),
                "fast_limit_seconds": self.config.fast_limit,
            }

    def close(self) -> None:
        """Stop every worker and wake every waiting request (they get 503)."""
        everyone = self._lanes.stop()
        for worker in everyone:
            worker.kill()
        self._supervisor.wake()
        for worker in everyone:
            worker.process.join(2)
        self._supervisor.join(2)

    def _ask(
        self, worker: _Worker, request: QueryRequest, deadline: float, cpu_limit: float | None
    ) -> Answer | None:
        """The worker's answer; None when it ran past the deadline or used cpu_limit seconds
        of processor time; UnavailableError if the worker died.

        Processor time, not wall time, decides a move to the slow lane: a quick query that
        waited for the processor on a busy machine is not a slow query.
        """
        try:
            cpu_at_start = _cpu_seconds(worker.pid)
            worker.connection.send(request)
            while True:
                wall_limit = deadline
                if cpu_limit is not None:
                    used = _cpu_seconds(worker.pid) - cpu_at_start
                    if used >= cpu_limit:
                        # an answer (or a death) that came meanwhile still counts
                        return worker.connection.recv() if worker.connection.poll(0) else None
                    wall_limit = min(deadline, time.monotonic() + cpu_limit - used)
                if worker.connection.poll(max(0.0, wall_limit - time.monotonic())):
                    return worker.connection.recv()
                if time.monotonic() >= deadline:
                    return None
        except (EOFError, OSError):
            self._retire(worker)
            if self._lanes.stopping:
                raise UnavailableError("the server is stopping") from None
            raise UnavailableError("the query worker stopped while answering") from None

    def _retire(self, worker: _Worker) -> None:
        self._lanes.retire(worker)
        self._supervisor.wake()

    def _verdict(self, key: str) -> str | None:
        """FAST or SLOW for a text seen lately, None for a new one."""
        with self._lanes.changed:
            lane, until = self._verdicts.get(key, (None, 0.0))
            return lane if until > time.monotonic() else None

    def _remember(self, key: str, lane: str) -> None:
        with self._lanes.changed:
            held, until = self._verdicts.get(key, (None, 0.0))
            if lane == FAST and held == SLOW and until > time.monotonic():
                return  # a slow text stays slow until its time is up
            self._verdicts[key] = (lane, time.monotonic() + self.config.slow_memory)
            self._verdicts.move_to_end(key)
            while len(self._verdicts) > _REMEMBERED_TEXTS:
                self._verdicts.popitem(last=False)


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float:
    """Processor time a process has used; wall time where /proc cannot say (counts as all used)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime
    except (OSError, IndexError, ValueError):
        return time.monotonic()


def _fingerprint(text: str) -> str:
    """The same query however it is spaced."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
