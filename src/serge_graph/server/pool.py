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
thread watches every worker process; one that dies, however it dies, is
replaced at once by a spare that is already loaded, and a new spare starts
in the background. A request whose worker died, or that cannot get a worker
within its budget, is answered 503 with Retry-After: no request waits
without a limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from multiprocessing.connection import wait

from .workers import Answer, GraphSource, QueryRequest, worker_main

LOG = logging.getLogger("serge_graph.server")
FAST, SLOW = "fast", "slow"
_SLOW_NICENESS = 10
_REMEMBERED_TEXTS = 10_000
_MAX_FAILED_STARTS = 3


@dataclass(frozen=True)
class PoolConfig:
    fast_workers: int = 2
    slow_workers: int = 1
    spares: int = 1
    fast_limit: float = 1.0  # seconds a query may run in the fast lane
    slow_memory: float = 600.0  # seconds a query that needed the slow lane goes straight there


class UnavailableError(Exception):
    """No answer can be had now; the client may try again (503 with Retry-After)."""


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
    """Query workers in a fast and a slow lane, with spares, watched by a supervisor thread."""

    def __init__(self, source: GraphSource, config: PoolConfig = PoolConfig()):
        self.source, self.config = source, config
        self._context = multiprocessing.get_context("spawn")
        self._changed = threading.Condition()
        self._members: dict[str, list[_Worker]] = {FAST: [], SLOW: []}
        self._idle: dict[str, deque[_Worker]] = {FAST: deque(), SLOW: deque()}
        self._spares: list[_Worker] = []
        self._starting: list[_Worker] = []
        self._verdicts: OrderedDict[str, tuple[str, float]] = OrderedDict()  # text -> lane, until
        self._untried_running = 0  # fast workers running a query not yet known to be quick
        self._stopping = False
        self._failed_starts = 0
        self.failure: str | None = None
        self._wake_reader, self._wake_writer = self._context.Pipe(duplex=False)
        # workers die with the thread that started them (PR_SET_PDEATHSIG), so one
        # long-lived thread starts them all
        self._supervisor = threading.Thread(target=self._supervise, name="workers", daemon=True)
        self._supervisor.start()

    # --- for request threads -----------------------------------------------------------

    def wait_ready(self, timeout: float = 600) -> None:
        """Block until every lane is full (at start)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self._full():
                if self._stopping or not self._changed.wait(deadline - time.monotonic()):
                    raise RuntimeError(self.failure or "the query workers did not start in time")

    def run(self, request: QueryRequest, deadline: float) -> Answer:
        """Answer a query within the deadline (time.monotonic()), moving it to the slow lane if needed."""
        text_key = _fingerprint(request.text)
        known = self._verdict(text_key)
        lane = SLOW if known == SLOW else FAST
        while True:
            worker, lane = self._acquire(lane, deadline, text_key, tried=known == FAST)
            cpu_limit = None if lane == SLOW else self.config.fast_limit
            answer = self._ask(worker, request, deadline, cpu_limit)
            if answer is not None:
                self._release(worker)
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
        with self._changed:
            lanes = {
                lane: [{"pid": w.pid, "busy": w.busy, "untried": w.untried} for w in members]
                for lane, members in self._members.items()
            }
            return {
                "lanes": lanes,
                "spares": [w.pid for w in self._spares],
                "starting": len(self._starting),
                "slow_queries_remembered": sum(1 for v in self._verdicts.values() if v[0] == SLOW),
                "quick_queries_remembered": sum(1 for v in self._verdicts.values() if v[0] == FAST),
                "fast_limit_seconds": self.config.fast_limit,
            }

    def close(self) -> None:
        """Stop every worker and wake every waiting request (they get 503)."""
        with self._changed:
            self._stopping = True
            everyone = [*self._members[FAST], *self._members[SLOW], *self._spares, *self._starting]
            self._changed.notify_all()
        for worker in everyone:
            worker.kill()
        self._wake()
        for worker in everyone:
            worker.process.join(2)
        self._supervisor.join(2)

    # --- lanes ---------------------------------------------------------------------------

    def _acquire(self, lane: str, deadline: float, key: str, tried: bool) -> tuple[_Worker, str]:
        """An idle worker, and its lane; an untried query may not take the last fast worker.

        A query waiting for the fast lane whose text proves slow meanwhile (the same
        text, sent before it) goes to the slow lane instead.
        """
        untried_cap = max(1, self.config.fast_workers - 1)
        with self._changed:
            while True:
                if self._stopping:
                    raise UnavailableError("the server is stopping")
                if lane == FAST and self._verdicts.get(key, (None,))[0] == SLOW:
                    lane = SLOW
                untried = lane == FAST and not tried
                if self._idle[lane] and not (untried and self._untried_running >= untried_cap):
                    worker = self._idle[lane].popleft()
                    worker.busy, worker.untried = True, untried
                    self._untried_running += untried
                    return worker, lane
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise UnavailableError(f"every {lane}-lane query worker stayed busy")
                self._changed.wait(remaining)

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
            if self._stopping:
                raise UnavailableError("the server is stopping") from None
            raise UnavailableError("the query worker stopped while answering") from None

    def _release(self, worker: _Worker) -> None:
        with self._changed:
            self._done(worker)
            if not worker.retired and worker.lane is not None:
                self._idle[worker.lane].append(worker)
            self._changed.notify_all()

    def _done(self, worker: _Worker) -> None:
        """A worker's request is over (lock held)."""
        worker.busy = False
        self._untried_running -= worker.untried
        worker.untried = False

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._changed:
            if worker.busy:
                self._done(worker)
            self._remove(worker)
        self._wake()

    def _remove(self, worker: _Worker) -> None:
        """Take a worker out of its lane and put a spare in its place (lock held)."""
        lane = worker.lane
        for group in (*self._members.values(), self._spares, self._starting):
            if worker in group:
                group.remove(worker)
        for idle in self._idle.values():
            if worker in idle:
                idle.remove(worker)
        worker.lane = None
        if lane is not None and self._spares and not self._stopping:
            self._join_lane(self._spares.pop(0), lane)
        self._changed.notify_all()

    def _join_lane(self, worker: _Worker, lane: str) -> None:
        if lane == SLOW:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, worker.pid, _SLOW_NICENESS)
        worker.lane = lane
        self._members[lane].append(worker)
        self._idle[lane].append(worker)
        LOG.info("query worker %d serves the %s lane", worker.pid, lane)

    def _place(self, worker: _Worker) -> None:
        """A worker that finished loading: into a lane that is short, else a spare (lock held)."""
        self._starting.remove(worker)
        for lane, wanted in ((FAST, self.config.fast_workers), (SLOW, self.config.slow_workers)):
            if len(self._members[lane]) < wanted:
                self._join_lane(worker, lane)
                break
        else:
            self._spares.append(worker)
        self._changed.notify_all()

    def _full(self) -> bool:
        return (
            len(self._members[FAST]) >= self.config.fast_workers
            and len(self._members[SLOW]) >= self.config.slow_workers
        )

    def _verdict(self, key: str) -> str | None:
        """FAST or SLOW for a text seen lately, None for a new one."""
        with self._changed:
            lane, until = self._verdicts.get(key, (None, 0.0))
            return lane if until > time.monotonic() else None

    def _remember(self, key: str, lane: str) -> None:
        with self._changed:
            held, until = self._verdicts.get(key, (None, 0.0))
            if lane == FAST and held == SLOW and until > time.monotonic():
                return  # a slow text stays slow until its time is up
            self._verdicts[key] = (lane, time.monotonic() + self.config.slow_memory)
            self._verdicts.move_to_end(key)
            while len(self._verdicts) > _REMEMBERED_TEXTS:
                self._verdicts.popitem(last=False)

    # --- supervisor ------------------------------------------------------------------------

    def _supervise(self) -> None:
        try:
            self._keep_workers()
        except Exception as error:  # a silent death would leave every request waiting
            LOG.exception("the query workers' supervisor stopped")
            with self._changed:
                self.failure = (
                    f"the query workers' supervisor stopped: {type(error).__name__}: {error}"
                )
                self._stopping = True
                self._changed.notify_all()

    def _keep_workers(self) -> None:
        """Start a worker for each place free, then watch them; until the pool stops."""
        while True:
            with self._changed:
                if self._stopping:
                    return
                missing = self._wanted() - len(self._starting)
            for _ in range(max(0, missing)):
                worker = _Worker(self._context, self.source)
                with self._changed:
                    if self._stopping:  # close() ran while this one started: it was not seen
                        worker.kill()
                        return
                    self._starting.append(worker)
            self._watch_once()

    def _wanted(self) -> int:
        config = self.config
        have = len(self._members[FAST]) + len(self._members[SLOW]) + len(self._spares)
        return config.fast_workers + config.slow_workers + config.spares - have

    def _watch_once(self) -> None:
        with self._changed:
            everyone = [*self._members[FAST], *self._members[SLOW], *self._spares, *self._starting]
            starting = list(self._starting)
        waitables = [self._wake_reader, *(w.process.sentinel for w in everyone)]
        waitables += [w.connection for w in starting]
        ready = set(wait(waitables, timeout=1.0))
        if self._wake_reader in ready:
            while self._wake_reader.poll():
                self._wake_reader.recv_bytes()
        for worker in starting:
            if worker.connection in ready and worker.process.sentinel not in ready:
                self._hear_ready(worker)
        for worker in everyone:
            if worker.process.sentinel in ready:
                self._buried(worker)

    def _hear_ready(self, worker: _Worker) -> None:
        try:
            worker.connection.recv()
        except (EOFError, OSError):
            return  # it died while loading; its sentinel says so
        with self._changed:
            if not self._stopping and worker in self._starting:
                self._failed_starts = 0
                self._place(worker)

    def _buried(self, worker: _Worker) -> None:
        # its sentinel is ready once it has closed its files, which may be a moment before
        # the kernel lets it be reaped: wait that moment, so that its exit code is known
        worker.process.join(1)
        with self._changed:
            loading = worker in self._starting
            self._remove(worker)
            if loading and not worker.retired:
                self._failed_starts += 1
                if (
                    self._failed_starts >= _MAX_FAILED_STARTS
                ):  # do not respawn a broken setup forever
                    self.failure = (
                        f"the query workers could not open the graph "
                        f"(exit code {worker.process.exitcode}, {self._failed_starts} tries)"
                    )
                    self._stopping = True
        if not worker.retired:
            LOG.warning(
                "query worker %d stopped (exit code %s); replaced",
                worker.pid,
                worker.process.exitcode,
            )

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_writer.send_bytes(b"!")


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
