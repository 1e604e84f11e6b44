"""Load check on loopback: N volunteers log in, search and apply for D seconds.

    python -m loadcheck [--users 50] [--duration 60] [--missions 150] [--workers 4]

1. (re)creates a dedicated PostgreSQL database (default `vsi_loadcheck` on 127.0.0.1),
   migrates it and seeds an association, missions and volunteer accounts (seed.py);
2. starts gunicorn on a free port of 127.0.0.1 with production settings (loadcheck.settings);
3. runs one thread per volunteer, each with its own keep-alive connection and cookies: log
   in, then until the time is up: search, open a mission, open its application form, apply
   (and, every fifth time, post the same form again, as a double click does);
4. checks: no error (no 5xx, no unexpected status, no broken connection); the number of
   applications in the database equals the successful submissions; no volunteer holds two
   open applications to one mission.

Exits 1 when a check fails. Loopback only: the server and the database are local.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "load-check-password-2026"  # noqa: S105 - accounts of a throwaway local database
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUERIES = ["", "enseignant", "santé", "eau", "informatique", "Dakar", "agriculture"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"refusing database name {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    submitted: int = 0
    double_posts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timing(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


class Browser:
    """One volunteer's keep-alive connection with its cookies."""

    def __init__(self, port: int, stats: Stats) -> None:
        self.port = port
        self.stats = stats
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, kind: str, method: str, path: str, form: dict | None = None):
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept-Language": "fr"}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            content = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise RuntimeError(f"{kind} {path}: {error!r}") from None
        self.stats.timing(kind, time.perf_counter() - started)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", content


def expect(kind: str, got: int, wanted: set[int], path: str) -> None:
    if got not in wanted:
        raise RuntimeError(f"{kind} {path}: HTTP {got}, expected {sorted(wanted)}")


def volunteer_journey(email, port, slugs, deadline, stats, start_gate) -> None:
    browser = Browser(port, stats)
    rng = random.Random(email)  # noqa: S311 - only shuffles the order of the visits
    todo = slugs[:]
    rng.shuffle(todo)
    start_gate.wait()
    try:
        status, _loc, page = browser.request("login_form", "GET", "/accounts/login/")
        expect("login_form", status, {200}, "/accounts/login/")
        token = CSRF.search(page).group(1)
        form = {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}
        status, _loc, _page = browser.request("login", "POST", "/accounts/login/", form)
        expect("login", status, {302}, "/accounts/login/")
    except Exception as error:
        stats.error(str(error))
        return
    count = 0
    while time.monotonic() < deadline and todo:
        try:
            query = urlencode({"q": rng.choice(QUERIES)})
            status, _loc, _page = browser.request("search", "GET", f"/missions/?{query}")
            expect("search", status, {200}, "/missions/")
            slug = todo.pop()
            status, _loc, _page = browser.request("mission", "GET", f"/missions/{slug}/")
            expect("mission", status, {200}, slug)
            path = f"/missions/{slug}/apply/"
            status, _loc, page = browser.request("apply_form", "GET", path)
            expect("apply_form", status, {200}, path)
            token = CSRF.search(page).group(1)
            form = {"csrfmiddlewaretoken": token, "motivation": f"Motivation de {email}."}
            status, location, _page = browser.request("apply", "POST", path, form)
            expect("apply", status, {302}, path)
            if "/my-applications/" not in location:
                raise RuntimeError(f"apply {path}: redirected to {location}")
            with stats.lock:
                stats.submitted += 1
            count += 1
            if count % 5 == 0:  # a double click: the same form posted again
                status, location, _page = browser.request("apply_again", "POST", path, form)
                expect("apply_again", status, {302, 400}, path)
                with stats.lock:
                    stats.double_posts += 1
        except Exception as error:
            stats.error(str(error))
    browser.conn.close()


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/", headers={"Host": f"127.0.0.1:{port}"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def database_counts(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        total = conn.execute("SELECT count(*) FROM missions_application").fetchone()[0]
        duplicates = conn.execute(
            "SELECT count(*) FROM (SELECT volunteer_id, mission_id FROM missions_application "
            "WHERE status IN ('submitted', 'shortlisted', 'accepted') "
            "GROUP BY volunteer_id, mission_id HAVING count(*) > 1) AS d"
        ).fetchone()[0]
    return total, duplicates


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--missions", type=int, default=150)
    parser.add_argument(
        "--workers", type=int, default=max(2, os.cpu_count() or 2), help="gunicorn processes"
    )
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOADCHECK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vsi_loadcheck"
        ),
    )
    args = parser.parse_args()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loadcheck.settings",
        "DATABASE_URL": args.database_url,
        "DATABASE_POOL_MAX": str(args.threads + 2),
        "DEBUG": "false",
        "SECRET_KEY": "loadcheck-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CELERY_BROKER_URL", None)
    env.pop("REDIS_URL", None)
    print(f"== database {urlsplit(args.database_url).path.lstrip('/')}: create, migrate, seed")
    recreate_database(args.database_url)
    subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    seeded = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [PYTHON, "-m", "loadcheck.seed", str(args.missions), str(args.users), PASSWORD],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(seeded.stdout.strip().splitlines()[-1])
    print(f"== gunicorn on 127.0.0.1:{port} ({args.workers} workers x {args.threads} threads)")
    server = subprocess.Popen(  # noqa: S603 - fixed arguments, our own gunicorn
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "vsi_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
            "--keep-alive",
            "30",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_until_up(port, server)
        stats = Stats()
        gate = threading.Barrier(args.users + 1)
        deadline = time.monotonic() + args.duration
        threads = [
            threading.Thread(
                target=volunteer_journey,
                args=(email, port, data["missions"], deadline, stats, gate),
                daemon=True,
            )
            for email in data["volunteers"]
        ]
        for thread in threads:
            thread.start()
        print(f"== {args.users} volunteers search and apply for {args.duration} s")
        started = time.monotonic()
        deadline = started + args.duration
        gate.wait()
        for thread in threads:
            thread.join(timeout=args.duration + 60)
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=120)
    total, duplicates = database_counts(args.database_url)
    requests = sum(len(v) for v in stats.latencies.values())
    print(f"requests: {requests} in {elapsed:.1f} s ({requests / elapsed:.0f}/s)")
    for kind, values in sorted(stats.latencies.items()):
        print(
            f"  {kind:12} n={len(values):6}  median {statistics.median(values) * 1000:6.0f} ms"
            f"  p95 {percentile(values, 0.95) * 1000:6.0f} ms"
            f"  max {max(values) * 1000:6.0f} ms"
        )
    print(f"applications submitted: {stats.submitted}; double posts: {stats.double_posts}")
    print(f"applications in the database: {total}; duplicated open applications: {duplicates}")
    print(f"errors: {len(stats.errors)}")
    for message in stats.errors[:20]:
        print(f"  {message}")
    ok = not stats.errors and total == stats.submitted and duplicates == 0 and stats.submitted
    print("LOAD CHECK PASSED" if ok else "LOAD CHECK FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
