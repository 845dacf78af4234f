"""The load client of the article benchmark: client threads, each with one
``http.client`` connection to 127.0.0.1 (kept alive when the server allows it), send
a fixed number of GET requests to each target, in rounds that alternate the order
(A B C, C B A, ...), and record every request's latency, error and connection.

Standard library only; nothing here starts a server.
"""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field

from harness import percentile, say

from tests.servers import HOST


@dataclass
class Target:
    """One URL on one server under load, its share of the requests and what was measured."""

    name: str
    path: str
    port: int
    total: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    connections: int = 0
    body_bytes: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, percent: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies, in ms."""
        return percentile(self.latencies, percent)

    def fresh(self, total: int) -> Target:
        """A target for the same URL with nothing measured yet (for warming up)."""
        return Target(self.name, self.path, self.port, total)


class Tickets:
    """A thread-safe ticket dispenser: 0, 1, 2, ...; a client sends one request per ticket."""

    def __init__(self) -> None:
        self._next = 0
        self._lock = threading.Lock()

    def take(self) -> int:
        with self._lock:
            value = self._next
            self._next += 1
            return value


def client(target: Target, tickets: Tickets, count: int, lock: threading.Lock) -> None:
    """One client thread: its own connection, requests until the batch's count is spent."""
    conn = http.client.HTTPConnection(HOST, target.port, timeout=30)
    latencies: list[float] = []
    errors: list[str] = []
    connections = 0
    body_bytes = 0
    try:
        while tickets.take() < count:
            if conn.sock is None:
                connections += 1  # http.client reconnects when the server closed it
            started = time.perf_counter()
            try:
                conn.request("GET", target.path)
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{type(error).__name__}: {error}")
                conn.close()
                continue
            elapsed = time.perf_counter() - started
            if response.status == 200:
                latencies.append(elapsed)
                body_bytes = len(body)
            else:
                errors.append(f"HTTP {response.status}")
    finally:
        conn.close()
    with lock:
        target.latencies.extend(latencies)
        target.errors.extend(errors)
        target.connections += connections
        target.body_bytes = body_bytes or target.body_bytes


def run_batch(target: Target, count: int, concurrency: int) -> float:
    """Send ``count`` requests to the target from ``concurrency`` threads; return the time."""
    tickets = Tickets()
    lock = threading.Lock()
    threads = [
        threading.Thread(target=client, args=(target, tickets, count, lock), daemon=True)
        for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    target.seconds += elapsed
    return elapsed


def split(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` near-equal whole numbers."""
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def measure(targets: list[Target], concurrency: int, rounds: int) -> None:
    """Send each target its requests, alternating the order round by round: A B C, C B A."""
    shares = {target.name: split(target.total, rounds) for target in targets}
    width = max(len(target.name) for target in targets)
    for number in range(1, rounds + 1):
        order = targets if number % 2 else list(reversed(targets))
        for target in order:
            count = shares[target.name][number - 1]
            elapsed = run_batch(target, count, concurrency)
            say(
                f"round {number}/{rounds} {target.name:<{width}} {count:5} requests in "
                f"{elapsed:5.2f}s ({count / elapsed:7.1f}/s)"
            )
