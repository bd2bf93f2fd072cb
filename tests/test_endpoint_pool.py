"""The worker pool in this process, over real worker processes holding the real graph (Oxigraph,
loaded from the graph's N-Triples): lanes, the move to the slow lane, time-outs, workers that
die or time out and their replacement, the cap on untried queries, stopping. The same faults
over HTTP, in a real server, are tested in test_endpoint_faults.py.

Every test waits on conditions (the pool's status, a process gone), never on fixed delays; after
every fault it sends as many queries as there are workers, plus one, at once: all are answered.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from rdflib.namespace import RDF

from serge_graph.namespaces import SG
from serge_graph.server import pool as pool_module
from serge_graph.server.pool import PoolConfig, QueryTimeoutError, UnavailableError, WorkerPool
from serge_graph.server.workers import GraphSource, QueryRequest

from .serving import alive, in_background, wait_for

pytestmark = pytest.mark.slow  # query worker processes, killed and replaced: not in make check

NOTES = "SELECT ?note ?n WHERE { ?note a sg:Note ; sg:noteNumber ?n FILTER(?n <= 3) } ORDER BY ?n"
NEVER_ENDS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 10^13 rows
# About a second of processor time in Oxigraph: past a fast limit of 0.2 s, well within 60 s.
SIX_TIMES = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?k { 1 2 3 4 5 6 } ?a ?b ?c . ?d a sg:Person }"
FAST_LIMIT = 0.2


@contextlib.contextmanager
def running_pool(graph_file: str, config: PoolConfig):
    """A pool of real workers, full (every lane and spare loaded); closed whatever happens."""
    pool = WorkerPool(GraphSource("oxigraph", file=graph_file), config)
    try:
        pool.wait_ready(120)
        wait_for(lambda: _full(pool, config), 60, "every lane and spare are loaded")
        yield pool
    finally:
        pool.close()


def _full(pool: WorkerPool, config: PoolConfig) -> dict | None:
    status = pool.status()
    full = (
        len(status["lanes"]["fast"]) == config.fast_workers
        and len(status["lanes"]["slow"]) == config.slow_workers
        and len(status["spares"]) == config.spares
        and not status["starting"]
    )
    return status if full else None


def _pids(status: dict) -> dict[str, set[int]]:
    return {
        "fast": {w["pid"] for w in status["lanes"]["fast"]},
        "slow": {w["pid"] for w in status["lanes"]["slow"]},
        "spares": set(status["spares"]),
    }


def _run(pool: WorkerPool, text: str, seconds: float):
    return pool.run(QueryRequest(text, [], "csv", 100), time.monotonic() + seconds)


def _all_answered(pool: WorkerPool, expected_body: bytes) -> None:
    """As many queries as there are workers, plus one, at once: every one answered in full."""
    lanes = pool.status()["lanes"]
    count = sum(len(members) for members in lanes.values()) + 1
    started = [in_background(_run, pool, NOTES, 30) for _ in range(count)]
    for thread, _out in started:
        thread.join()
    assert [out[0][:3] for _, out in started] == [("ok", "text/csv", expected_body)] * count


@pytest.fixture(scope="module")
def notes_csv(graph) -> bytes:
    rows = sorted(
        (int(n), str(note))
        for note in graph.subjects(RDF.type, SG.Note)
        for n in graph.objects(note, SG.noteNumber)
        if int(n) <= 3
    )
    return ("note,n\r\n" + "".join(f"{note},{n}\r\n" for n, note in rows)).encode()


@pytest.fixture(scope="module")
def six_times(graph) -> bytes:
    people = len(set(graph.subjects(RDF.type, SG.Person)))
    return f"n\r\n{6 * people * len(graph)}\r\n".encode()


LANES = PoolConfig(2, 1, 1, fast_limit=FAST_LIMIT)
PATIENT = PoolConfig(2, 1, 1, fast_limit=60)  # a query stays in the fast lane until its deadline


@pytest.fixture(scope="module")
def pool(graph_file):
    with running_pool(graph_file, LANES) as running:
        yield running


@pytest.fixture(scope="module")
def patient_pool(graph_file):
    with running_pool(graph_file, PATIENT) as running:
        yield running


def _remembered(pool: WorkerPool) -> tuple[int, int]:
    status = pool.status()
    return status["quick_queries_remembered"], status["slow_queries_remembered"]


def test_a_quick_query_is_answered_in_the_fast_lane_and_remembered_as_quick(pool, notes_csv):
    before = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full"))
    assert len(before["fast"] | before["slow"] | before["spares"]) == 4
    quick, slow = _remembered(pool)
    text = NOTES + " LIMIT 10"
    assert _run(pool, text, 30) == ("ok", "text/csv", notes_csv, False, [])
    # the same text however spaced is the same query; another text is another
    assert _run(pool, "  " + text.replace(" ", "\n  "), 30)[2] == notes_csv
    assert _remembered(pool) == (quick + 1, slow)
    _run(pool, NOTES + " LIMIT 11", 30)
    assert _remembered(pool) == (quick + 2, slow)
    status = pool.status()
    assert status["fast_limit_seconds"] == FAST_LIMIT
    assert _pids(status) == before  # no worker was replaced
    assert not any(w["busy"] or w["untried"] for lane in status["lanes"].values() for w in lane)
    _all_answered(pool, notes_csv)


def test_a_query_past_the_fast_limit_ends_in_the_slow_lane_and_goes_there_next_time(
    pool, six_times, notes_csv, caplog
):
    before = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full"))
    quick, slow = _remembered(pool)
    with caplog.at_level(logging.INFO, logger="serge_graph.server"):
        assert _run(pool, SIX_TIMES, 60) == ("ok", "text/csv", six_times, False, [])
    after = _pids(pool.status())
    # the fast worker that tried it was killed, and the loaded spare took its place
    assert len(before["fast"] - after["fast"]) == 1 and before["spares"] <= after["fast"]
    assert after["slow"] == before["slow"]
    killed = min(before["fast"] - after["fast"])
    wait_for(lambda: not alive(killed), 10, "the fast worker that tried it ends")
    assert _remembered(pool) == (quick, slow + 1)
    assert f"query worker {min(before['spares'])} serves the fast lane" in caplog.messages
    assert os.getpriority(os.PRIO_PROCESS, min(after["slow"])) == 10  # the slow lane's
    full = wait_for(lambda: _full(pool, LANES), 60, "a new spare is loaded")
    # known to be slow: straight to the slow lane, no fast worker is spent on it again
    assert _run(pool, "\n" + SIX_TIMES, 60) == ("ok", "text/csv", six_times, False, [])
    assert _pids(pool.status()) == _pids(full)
    _all_answered(pool, notes_csv)


def test_timed_out_workers_are_replaced_again_and_again(pool, notes_csv):
    """Three time-outs, each killing the workers that held the query: more workers than the
    lanes hold. Were one not replaced, the lanes would shrink to nothing and queries wait."""
    original = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full"))
    slow = _remembered(pool)[1]
    for attempt in range(3):
        before = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full"))
        with pytest.raises(QueryTimeoutError, match=r"^the query ran longer than its time limit$"):
            _run(pool, NEVER_ENDS + f" # {attempt}", 0.8)
        after = _pids(pool.status())
        gone = (before["fast"] | before["slow"]) - (after["fast"] | after["slow"])
        assert gone, attempt
        wait_for(lambda g=gone: not any(alive(p) for p in g), 10, "the killed workers end")
        _all_answered(pool, notes_csv)
    final = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full"))
    assert len(final["fast"]) == 2 and len(final["slow"]) == 1
    assert not (original["fast"] | original["slow"]) <= (final["fast"] | final["slow"])
    assert _remembered(pool)[1] == slow + 3


def test_a_worker_killed_while_answering_gives_unavailable_and_is_replaced(patient_pool, notes_csv):
    pool = patient_pool
    spare = min(wait_for(lambda: _full(pool, PATIENT), 60, "the pool is full")["spares"])
    thread, out = in_background(_run, pool, NEVER_ENDS + " # killed", 60)
    busy = wait_for(
        lambda: [w["pid"] for w in pool.status()["lanes"]["fast"] if w["busy"]],
        10,
        "the query holds a fast worker",
    )
    os.kill(busy[0], signal.SIGKILL)
    thread.join()
    assert isinstance(out[0], UnavailableError)
    assert str(out[0]) == "the query worker stopped while answering"
    status = wait_for(lambda: _full(pool, PATIENT), 60, "the pool is full again")
    assert busy[0] not in _pids(status)["fast"] and spare in _pids(status)["fast"]
    assert not any(w["busy"] or w["untried"] for w in status["lanes"]["fast"])
    _all_answered(pool, notes_csv)


def test_a_killed_idle_worker_is_replaced_by_the_loaded_spare(pool, notes_csv, caplog):
    before = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full"))
    for lane in ("slow", "fast"):
        victim, spare = min(before[lane]), min(before["spares"])
        reported = f"query worker {victim} stopped (exit code -9); replaced"
        with caplog.at_level(logging.WARNING, logger="serge_graph.server"):
            os.kill(victim, signal.SIGKILL)
            wait_for(lambda: caplog.messages, 10, "the death is reported")
        assert caplog.messages == [reported]
        caplog.clear()
        after = _pids(pool.status())
        assert victim not in after["fast"] | after["slow"] | after["spares"]
        assert spare in after[lane] and len(after[lane]) == len(before[lane])
        _all_answered(pool, notes_csv)
        before = _pids(wait_for(lambda: _full(pool, LANES), 60, "a new spare is loaded"))
        assert os.getpriority(os.PRIO_PROCESS, min(before["slow"])) == 10


def test_untried_queries_leave_one_fast_worker_to_known_lookups(patient_pool, notes_csv):
    pool = patient_pool
    wait_for(lambda: _full(pool, PATIENT), 60, "the pool is full")
    assert _run(pool, NOTES, 30)[2] == notes_csv  # now known to be quick
    first, first_out = in_background(_run, pool, NEVER_ENDS + " # first", 2.5)
    wait_for(
        lambda: [w for w in pool.status()["lanes"]["fast"] if w["untried"]],
        10,
        "the first untried query holds a fast worker",
    )
    second, second_out = in_background(_run, pool, NEVER_ENDS + " # second", 1.0)
    # meanwhile the known lookup takes the other fast worker, every time
    while second.is_alive():
        assert _run(pool, NOTES, 30)[2] == notes_csv
        fast = pool.status()["lanes"]["fast"]
        assert sum(w["busy"] for w in fast) <= 1 and sum(w["untried"] for w in fast) == 1
    second.join()
    assert isinstance(second_out[0], UnavailableError)
    assert str(second_out[0]) == "every fast-lane query worker stayed busy"
    first.join()
    assert isinstance(first_out[0], QueryTimeoutError)
    status = wait_for(lambda: _full(pool, PATIENT), 60, "the pool is full again")
    assert not any(w["busy"] or w["untried"] for w in status["lanes"]["fast"])
    _all_answered(pool, notes_csv)


def test_close_answers_running_and_waiting_queries_and_ends_every_worker(graph_file):
    config = PoolConfig(1, 1, 1, fast_limit=60)
    with running_pool(graph_file, config) as pool:
        pids = set().union(*_pids(pool.status()).values())
        running, running_out = in_background(_run, pool, NEVER_ENDS, 60)
        wait_for(lambda: pool.status()["lanes"]["fast"][0]["busy"], 10, "the query runs")
        waiting, waiting_out = in_background(_run, pool, NEVER_ENDS + " # waits", 60)
        pool.close()
        running.join()
        waiting.join()
        assert [str(out[0]) for out in (running_out, waiting_out)] == ["the server is stopping"] * 2
        assert all(isinstance(out[0], UnavailableError) for out in (running_out, waiting_out))
        wait_for(lambda: not any(alive(pid) for pid in pids), 10, "every worker has ended")
        with pytest.raises(UnavailableError, match=r"^the server is stopping$"):
            _run(pool, NOTES, 30)
        with pytest.raises(RuntimeError, match=r"^the query workers did not start in time$"):
            pool.wait_ready(5)


def test_a_graph_no_worker_can_open_stops_the_pool_after_three_tries(tmp_path):
    pool = WorkerPool(
        GraphSource("oxigraph", file=str(tmp_path / "missing.nt")), PoolConfig(1, 0, 0)
    )
    try:
        with pytest.raises(RuntimeError) as raised:
            pool.wait_ready(120)
        assert (
            str(raised.value) == "the query workers could not open the graph (exit code 1, 3 tries)"
        )
        assert pool.failure == str(raised.value)
        with pytest.raises(UnavailableError, match=r"^the server is stopping$"):
            _run(pool, NOTES, 5)
    finally:
        pool.close()


def test_processor_seconds_are_read_from_proc_and_wall_time_stands_in_for_a_gone_process():
    spent = time.process_time()
    while time.process_time() - spent < 0.05:  # use some processor time
        pass
    assert abs(pool_module._cpu_seconds(os.getpid()) - time.process_time()) < 0.05
    before = time.monotonic()
    assert before <= pool_module._cpu_seconds(2**22 + 1) <= time.monotonic()  # no such pid


def test_a_fingerprint_ignores_spacing_only():
    key = pool_module._fingerprint("SELECT *\n  WHERE { ?s ?p ?o }")
    assert key == pool_module._fingerprint(" SELECT * WHERE {\t?s ?p ?o } ")
    assert key == hashlib.sha256(b"SELECT * WHERE { ?s ?p ?o }").hexdigest()
    assert key != pool_module._fingerprint("SELECT * WHERE { ?s ?p ?o . }")


def test_only_the_latest_texts_are_remembered(pool, notes_csv, monkeypatch):
    """The verdicts are capped (10,000 texts; 2 here): the one used least lately goes first."""
    monkeypatch.setattr(pool_module, "_REMEMBERED_TEXTS", 2)
    for limit in (21, 22, 21, 23):  # 21 again: used lately, so 22 is the oldest
        assert _run(pool, f"{NOTES} LIMIT {limit}", 30)[2] == notes_csv
        assert sum(_remembered(pool)) <= 2
    assert _remembered(pool) == (2, 0)
    verdicts = [pool._verdict(pool_module._fingerprint(f"{NOTES} LIMIT {n}")) for n in (21, 22, 23)]
    assert verdicts == ["fast", None, "fast"]


def test_a_killed_spare_is_replaced_and_the_lanes_keep_their_workers(graph_file, notes_csv, caplog):
    """A spare has no lane: its death leaves the lanes and the other spare as they are."""
    config = PoolConfig(1, 1, 2, fast_limit=60)
    with running_pool(graph_file, config) as pool:
        before = _pids(pool.status())
        spare = min(before["spares"])
        with caplog.at_level(logging.WARNING, logger="serge_graph.server"):
            os.kill(spare, signal.SIGKILL)
            wait_for(lambda: caplog.messages, 10, "the death is reported")
        assert caplog.messages == [f"query worker {spare} stopped (exit code -9); replaced"]
        after = _pids(wait_for(lambda: _full(pool, config), 60, "a new spare is loaded"))
        assert (after["fast"], after["slow"]) == (before["fast"], before["slow"])
        assert len(after["spares"]) == 2 and after["spares"] & before["spares"] == {
            max(before["spares"])
        }
        _all_answered(pool, notes_csv)


def test_a_waiting_query_gives_up_at_its_own_deadline_while_the_worker_stays_busy(graph_file):
    config = PoolConfig(1, 1, 1, fast_limit=60)
    with running_pool(graph_file, config) as pool:
        running, running_out = in_background(_run, pool, NEVER_ENDS, 60)
        wait_for(lambda: pool.status()["lanes"]["fast"][0]["busy"], 10, "the query runs")
        with pytest.raises(UnavailableError, match=r"^every fast-lane query worker stayed busy$"):
            _run(pool, NEVER_ENDS + " # waits", 1.0)
        assert running.is_alive()  # the deadline ended the wait, not the worker coming free
    running.join()
    assert str(running_out[0]) == "the server is stopping"


def test_a_waiting_query_whose_text_proves_slow_meanwhile_goes_to_the_slow_lane(
    pool, six_times, notes_csv
):
    """Two requests of one slow text: the second waits (the untried cap) while the first tries
    the fast lane. Once the first is moved, the second goes to the slow lane after it rather than
    spend a second fast worker on a text now known to be slow."""
    before = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full"))
    text = SIX_TIMES + " # twice"
    first, first_out = in_background(_run, pool, text, 60)
    wait_for(
        lambda: [w for w in pool.status()["lanes"]["fast"] if w["untried"]],
        10,
        "the first request tries the fast lane",
    )
    second, second_out = in_background(_run, pool, text, 60)
    first.join()
    second.join()
    assert [out[0][:3] for out in (first_out, second_out)] == [("ok", "text/csv", six_times)] * 2
    after = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full again"))
    assert len(before["fast"] - after["fast"]) == 1  # one fast worker spent on the text
    assert after["slow"] == before["slow"]
    _all_answered(pool, notes_csv)


def test_a_program_that_ends_without_closing_its_pool_still_ends_and_so_do_its_workers(
    graph_file,
):
    """The supervisor thread and the worker processes are daemons: a program (a notebook, a
    script) that forgets close() is not held at its exit by a pool waiting for work."""
    program = (
        "from serge_graph.server.pool import PoolConfig, WorkerPool\n"
        "from serge_graph.server.workers import GraphSource\n"
        f"pool = WorkerPool(GraphSource('oxigraph', file={graph_file!r}), PoolConfig(1, 1, 1))\n"
        "pool.wait_ready(120)\n"
        "lanes = pool.status()['lanes'].values()\n"
        "print(' '.join(str(w['pid']) for lane in lanes for w in lane), flush=True)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in process.stdout.readline().split()]
        process.wait(timeout=60)  # a pool that held the program would reach this limit
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    assert process.returncode == 0 and len(workers) == 2
    wait_for(lambda: not any(alive(pid) for pid in workers), 10, "its workers end with it")


def test_three_failed_starts_in_a_row_after_good_ones_stop_the_pool(graph_file, tmp_path, caplog):
    """Good starts reset the count: once the graph is gone, a spare's replacement fails three
    times (not two) before the pool gives up and says why."""
    copy = tmp_path / "graph.nt"
    shutil.copy(graph_file, copy)
    config = PoolConfig(1, 1, 1, fast_limit=60)
    pool = WorkerPool(GraphSource("oxigraph", file=str(copy)), config)
    try:
        pool.wait_ready(120)
        spare = min(_pids(wait_for(lambda: _full(pool, config), 60, "a spare is loaded"))["spares"])
        copy.unlink()
        with caplog.at_level(logging.WARNING, logger="serge_graph.server"):
            os.kill(spare, signal.SIGKILL)
            wait_for(lambda: pool.failure, 60, "the pool gives up")
        failed = [m for m in caplog.messages if m.endswith("stopped (exit code 1); replaced")]
        assert len(failed) == 3
        assert pool.failure == "the query workers could not open the graph (exit code 1, 3 tries)"
    finally:
        pool.close()


def test_a_fast_lane_time_out_with_time_left_tries_the_slow_lane(pool, notes_csv):
    """Past the fast limit with most of a second left, the query goes on in the slow lane until
    its deadline: both workers that held it are killed."""
    before = _pids(wait_for(lambda: _full(pool, LANES), 60, "the pool is full"))
    with pytest.raises(QueryTimeoutError, match=r"^the query ran longer than its time limit$"):
        _run(pool, NEVER_ENDS + " # both lanes", 1.0)
    after = _pids(pool.status())
    assert len(before["fast"] - after["fast"]) == 1 and not before["slow"] & after["slow"]
    _all_answered(pool, notes_csv)


def test_a_supervisor_that_fails_stops_the_pool_at_once_instead_of_leaving_requests_waiting(
    graph_file, monkeypatch, caplog
):
    def no_process(*_args):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(pool_module, "_Worker", no_process)
    pool = WorkerPool(GraphSource("oxigraph", file=graph_file), PoolConfig(1, 0, 0))
    try:
        with pytest.raises(RuntimeError) as raised:
            pool.wait_ready(600)  # answered as soon as the supervisor stops, not in ten minutes
        assert str(raised.value) == (
            "the query workers' supervisor stopped: "
            "BlockingIOError: [Errno 11] Resource temporarily unavailable"
        )
        with pytest.raises(UnavailableError, match=r"^the server is stopping$"):
            _run(pool, NOTES, 5)
        assert "the query workers' supervisor stopped" in caplog.text
    finally:
        pool.close()
