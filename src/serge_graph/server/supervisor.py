"""The thread that keeps the pool's workers: it starts one for each free place, puts each in
a lane (or among the spares) once its graph is loaded, and buries one that dies, however it
dies, so that a spare takes its place and a new spare starts."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from multiprocessing.connection import wait
from typing import TYPE_CHECKING

from .lanes import Lanes

if TYPE_CHECKING:
    from .pool import _Worker

LOG = logging.getLogger("serge_graph.server")
_MAX_FAILED_STARTS = 3


class Supervisor:
    """One long-lived thread starts every worker: workers die with the thread that started
    them (PR_SET_PDEATHSIG). A failure of the thread itself stops the lanes at once, so no
    request is left waiting."""

    def __init__(self, lanes: Lanes, start_worker: Callable[[], _Worker], context):
        self.lanes = lanes
        self._start_worker = start_worker
        self._failed_starts = 0
        self._wake_reader, self._wake_writer = context.Pipe(duplex=False)
        self._thread = threading.Thread(target=self._supervise, name="workers", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Look at the workers again now (one was retired, or the pool is closing)."""
        with contextlib.suppress(OSError):
            self._wake_writer.send_bytes(b"!")

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def _supervise(self) -> None:
        try:
            self._keep_workers()
        except Exception as error:  # a silent death would leave every request waiting
            LOG.exception("the query workers' supervisor stopped")
            self.lanes.stop(
                f"the query workers' supervisor stopped: {type(error).__name__}: {error}"
            )

    def _keep_workers(self) -> None:
        """Start a worker for each place free, then watch them; until the pool stops."""
        lanes = self.lanes
        while True:
            with lanes.changed:
                if lanes.stopping:
                    return
                missing = lanes.wanted() - len(lanes.starting)
            for _ in range(max(0, missing)):
                worker = self._start_worker()
                with lanes.changed:
                    if lanes.stopping:  # close() ran while this one started: it was not seen
                        worker.kill()
                        return
                    lanes.starting.append(worker)
            self._watch_once()

    def _watch_once(self) -> None:
        with self.lanes.changed:
            everyone = self.lanes.everyone()
            starting = list(self.lanes.starting)
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
        with self.lanes.changed:
            if not self.lanes.stopping and worker in self.lanes.starting:
                self._failed_starts = 0
                self.lanes.place(worker)

    def _buried(self, worker: _Worker) -> None:
        # its sentinel is ready once it has closed its files, which may be a moment before
        # the kernel lets it be reaped: wait that moment, so that its exit code is known
        worker.process.join(1)
        lanes = self.lanes
        with lanes.changed:
            loading = worker in lanes.starting
            lanes.remove(worker)
            if loading and not worker.retired:
                self._failed_starts += 1
                if self._failed_starts >= _MAX_FAILED_STARTS:  # do not respawn a broken setup
                    lanes.failure = (
                        f"the query workers could not open the graph "
                        f"(exit code {worker.process.exitcode}, {self._failed_starts} tries)"
                    )
                    lanes.stopping = True
        if not worker.retired:
            LOG.warning(
                "query worker %d stopped (exit code %s); replaced",
                worker.pid,
                worker.process.exitcode,
            )
