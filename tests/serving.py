"""Starting the real `serge-graph serve` for a test, waiting on conditions, and stopping it by PID."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], object], seconds: float, what: str, every: float = 0.05):
    """Poll until the condition holds (returns a true value); fail saying what did not happen."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what}: not within {seconds:g} s"
        time.sleep(every)


def children_of(pid: int) -> set[int]:
    """The direct children of a process, read from /proc."""
    found: set[int] = set()
    with contextlib.suppress(FileNotFoundError, ProcessLookupError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def in_background(function, *args) -> tuple[threading.Thread, list]:
    """Run in a thread; its result (or the exception it raised) lands in the list."""
    out: list = []

    def run() -> None:
        try:
            out.append(function(*args))
        except Exception as error:
            out.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False  # ProcessLookupError: the process ended while its file was being read
    return state != "Z"


class Server:
    """A running endpoint: its URL, process, log, and what its /status says."""

    def __init__(self, process: subprocess.Popen, url: str, log: Path):
        self.process, self.url, self.log = process, url, log
        self.sparql = url + "/sparql"

    def status(self) -> dict:
        return httpx.get(self.url + "/status", timeout=5).json()

    def lane_pids(self, lane: str) -> list[int]:
        return [worker["pid"] for worker in self.status()["lanes"][lane]]

    def workers(self) -> int:
        lanes = self.status()["lanes"]
        return sum(len(members) for members in lanes.values())

    def log_lines(self, path: str) -> list[str]:
        return [line for line in self.log.read_text().splitlines() if f" {path} " in line]


@contextlib.contextmanager
def running_server(log: Path, *options: str, ready_seconds: float = 180):
    """`serge-graph serve` in its own process on a free port, stopped by its PID whatever happens.

    Ready means /status answers with every lane full; every process it left is checked gone.
    """
    port = free_port()
    with open(log, "w") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "serge_graph", "serve", "--port", str(port), *options],
            stdout=stream,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        wait_for(lambda: _ready(server), ready_seconds, "the endpoint starts", every=0.2)
        yield server
    finally:
        family = children_of(process.pid)
        stop(process)
        wait_for(lambda: not any(alive(pid) for pid in family), 10, "every worker has stopped")


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, seconds: float = 10) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _ready(server: Server) -> bool:
    assert server.process.poll() is None, server.log.read_text()
    try:
        status = server.status()
    except httpx.HTTPError:
        return False
    return not status["starting"] and all(status["lanes"].values())


class Listener:
    """A TCP listener on a free loopback port that counts every connection made to it."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            with contextlib.suppress(OSError):
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.socket.close()


ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def running_virtuoso(
    folder: Path, settings: dict[str, str] | None = None, ready_seconds: float = 300
):
    """virtuoso-t from deploy/virtuoso.ini in `folder`, on free loopback ports, stopped by its PID.

    `settings` changes lines of the ini by their key (`{"NumberOfBuffers": "20000"}`); a key the
    ini lacks is an error, so a renamed setting cannot be ignored silently. Yields
    `{"isql": host:port, "endpoint": /sparql URL, "folder": folder, "pid": the server's}`.
    """
    sql_port, http_port = free_port(), free_port()
    ini = (ROOT / "deploy" / "virtuoso.ini").read_text(encoding="utf-8")
    ini = ini.replace("127.0.0.1:1111", f"127.0.0.1:{sql_port}")
    ini = ini.replace("127.0.0.1:8890", f"127.0.0.1:{http_port}")
    for key, value in (settings or {}).items():
        ini = _set_ini_value(ini, key, value)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    with open(folder / "out.log", "w") as log:
        server = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    endpoint = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_for(
            lambda: _virtuoso_answers(endpoint, server, folder),
            ready_seconds,
            "Virtuoso starts",
            every=0.2,
        )
        yield {
            "isql": f"127.0.0.1:{sql_port}",
            "endpoint": endpoint,
            "folder": folder,
            "pid": server.pid,
        }
    finally:
        stop(server, seconds=60)


def _set_ini_value(ini: str, key: str, value: str) -> str:
    lines = ini.splitlines()
    for number, line in enumerate(lines):
        if line.split("=")[0].strip() == key:
            lines[number] = f"{line.split('=')[0]}= {value}"
            return "\n".join(lines) + "\n"
    raise KeyError(f"deploy/virtuoso.ini has no {key} line to change")


def _virtuoso_answers(endpoint: str, server: subprocess.Popen, folder: Path) -> bool:
    assert server.poll() is None, (folder / "out.log").read_text()[-2000:]
    try:
        return httpx.get(endpoint, params={"query": "ASK {}"}, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
