"""A small HTTP load generator: a pool of threads, keep-alive connections, loopback only.

Each thread sends GET requests one after the other on its own ``http.client`` connection
(reopened when the server closes it) until the deadline; the latencies of the requests
answered 200 are kept, the others counted as errors.
"""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit


@dataclass
class LoadResult:
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def requests_per_s(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


def run_load(
    base_url: str,
    paths: list[tuple[str, dict[str, str]]],
    *,
    seconds: float,
    threads: int = 8,
) -> LoadResult:
    """Hammers ``base_url`` with ``paths`` (path, headers) in turn for ``seconds``."""
    parts = urlsplit(base_url)
    # A request line is ASCII: "q=santé" goes as "q=sant%C3%A9", as a browser sends it.
    paths = [(quote(path, safe="/?&=%+"), headers) for path, headers in paths]
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the load generator only targets the loopback interface")
    lock = threading.Lock()
    result = LoadResult(seconds=seconds)
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        latencies, errors, index = [], 0, offset
        while time.perf_counter() < deadline:
            path, headers = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException, ValueError):
                conn.close()
                ok = False
            if ok:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors += 1
        conn.close()
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors += errors

    pool = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(seconds + 60)
    result.seconds = time.perf_counter() - started
    return result
