"""The benchmark's PostgreSQL databases and the environment of its processes.

The benchmark never writes into the database ``DATABASE_URL`` names: it takes the server
(host, port, user, password) from it when it is a PostgreSQL URL and works in databases of
its own on that server: ``vsi_bench`` (the national portal) and ``vsi_bench_50k`` (the
reminder-scan growth check). ``BENCH_DATABASE_URL`` names the main one explicitly.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vsi_bench"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}
ROOT = Path(__file__).resolve().parent.parent
META_TABLE = "bench_meta"


def main_url(environ: dict[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    if environ.get("BENCH_DATABASE_URL"):
        url = environ["BENCH_DATABASE_URL"]
        if urlsplit(url).scheme not in POSTGRES_SCHEMES:
            raise SystemExit("BENCH_DATABASE_URL must be a PostgreSQL URL")
        return url
    database_url = environ.get("DATABASE_URL", "")
    if urlsplit(database_url).scheme in POSTGRES_SCHEMES:
        return with_database(database_url, "vsi_bench")
    return DEFAULT_URL


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def small_url(url: str) -> str:
    return with_database(url, database_name(url) + "_50k")


def conninfo(url: str) -> str:
    """A libpq connection string psycopg accepts ("postgres://" as well as "postgresql://")."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql", parts.netloc, parts.path, parts.query, ""))


def process_env(url: str) -> dict[str, str]:
    """The environment of every benchmark process: the bench database, production-like."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DEBUG="false",
        DJANGO_SETTINGS_MODULE="vsi_portal.settings",
        # E-mails are built but not sent: the scan measures the portal, not an SMTP server.
        EMAIL_URL="dummymail://",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    # No broker: tasks run in-process (none is queued by what is measured). The cache is
    # the Redis of production (shared by the gunicorn workers: sessions, search results),
    # in a database of the bench's own; a process-local cache when no Redis answers.
    for name in ("CELERY_BROKER_URL", "REDIS_URL"):
        env.pop(name, None)
    redis_url = bench_redis_url()
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/3"
_redis_answers: dict[str, bool] = {}


def bench_redis_url() -> str | None:
    """``BENCH_REDIS_URL`` (default: database 3 of the local Redis) if it answers, else None."""
    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if url not in _redis_answers:
        import redis

        try:
            redis.Redis.from_url(url, socket_connect_timeout=1).ping()
            _redis_answers[url] = True
        except redis.RedisError:
            _redis_answers[url] = False
    return url if _redis_answers[url] else None


def flush_bench_cache() -> None:
    """Empties the bench's Redis database: every run starts with a cold cache."""
    url = bench_redis_url()
    if url:
        import redis

        redis.Redis.from_url(url).flushdb()


def setup_django(url: str) -> None:
    """Configures Django in this process for the bench database ``url``."""
    os.environ.clear()
    os.environ.update(process_env(url))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- Database administration (psycopg, outside Django) ----------------------------------------


def _admin_connection(url: str):
    import psycopg

    return psycopg.connect(conninfo(with_database(url, "postgres")), autocommit=True)


def database_exists(url: str) -> bool:
    with _admin_connection(url) as admin:
        row = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
    return row is not None


def create_database(url: str) -> None:
    from psycopg import sql

    with _admin_connection(url) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database_name(url))))


def drop_database(url: str) -> None:
    from psycopg import sql

    with _admin_connection(url) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(database_name(url))
            )
        )


def read_meta(url: str) -> dict | None:
    """What the seeding recorded (size, day, timings), or None when not seeded completely."""
    import psycopg

    if not database_exists(url):
        return None
    with psycopg.connect(conninfo(url)) as conn:
        exists = conn.execute("SELECT to_regclass(%s)", [META_TABLE]).fetchone()[0]
        if exists is None:
            return None
        row = conn.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'seed'").fetchone()  # noqa: S608
    return row[0] if row else None


def write_meta(connection, meta: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value jsonb)"
        )
        cursor.execute(
            f"INSERT INTO {META_TABLE} (key, value) VALUES ('seed', %s) "  # noqa: S608
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [json.dumps(meta)],
        )
