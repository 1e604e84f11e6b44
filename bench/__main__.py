"""``python -m bench``: seed (or reuse) the bench databases, measure, write results.json.

Subcommands (``run`` is the default, what ``make bench`` calls):

- ``run [--rebuild]``: prepares both databases, measures everything, prints the table and
  writes ``bench/results.json``; exits 1 when a budget is missed;
- ``prepare --size national|scan50k|tiny [--rebuild]``: one database only;
- ``scan --today YYYY-MM-DD``: one day's reminder scan, its figures as JSON (the run starts
  it as a child process so that the peak memory is the scan's own);
- ``alerts --today YYYY-MM-DD``: one morning's saved-search alerts, the same way;
- ``dashboards [--requests N]``: the dashboards' figures only (the run measures them too).
- ``exports [--rows N] [--format xlsx|csv]``: an export of N contracts (100,000), the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

from . import db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="seed or reuse, measure, write bench/results.json")
    run.add_argument("--rebuild", action="store_true", help="seed the databases again")
    run.add_argument("--requests", type=int, default=200, help="requests per search (≥ 200)")
    run.add_argument("--load-seconds", type=int, default=30)
    prepare = sub.add_parser("prepare", help="create, migrate and seed one database")
    prepare.add_argument("--size", default="national", choices=["national", "scan50k", "tiny"])
    prepare.add_argument("--rebuild", action="store_true")
    prepare.add_argument("--url", help="the database (default: the main bench database)")
    scan = sub.add_parser("scan", help="one day's reminder scan, figures as JSON")
    scan.add_argument("--today", required=True, type=date.fromisoformat)
    scan.add_argument("--url", help="the database (default: the main bench database)")
    alerts = sub.add_parser("alerts", help="one morning's saved-search alerts, figures as JSON")
    alerts.add_argument("--today", required=True, type=date.fromisoformat)
    alerts.add_argument("--url", help="the database (default: the main bench database)")
    dashboards = sub.add_parser("dashboards", help="the dashboards' figures only, as JSON")
    dashboards.add_argument("--requests", type=int, default=200)
    dashboards.add_argument("--url", help="the database (default: the main bench database)")
    exports = sub.add_parser("exports", help="an export of contracts, figures as JSON")
    exports.add_argument("--rows", type=int, default=100_000, help="0: every contract")
    exports.add_argument("--format", default="xlsx", choices=["xlsx", "csv"])
    exports.add_argument("--url", help="the database (default: the main bench database)")
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["run", *(argv or sys.argv[1:])])
    if os.environ.get("REBUILD", "").strip().lower() in ("1", "true", "yes"):
        args.rebuild = getattr(args, "rebuild", False) or args.command in ("run", "prepare")

    if args.command == "prepare":
        from .prepare import prepare as do_prepare

        do_prepare(url=args.url or db.main_url(), size_name=args.size, rebuild=args.rebuild)
        return 0
    if args.command == "scan":
        from .scan import scan_child

        print(json.dumps(scan_child(url=args.url or db.main_url(), today=args.today)))
        return 0
    if args.command == "alerts":
        from .alerts import alerts_child

        print(json.dumps(alerts_child(url=args.url or db.main_url(), today=args.today)))
        return 0
    if args.command == "dashboards":
        from .dashboards import dashboards_child

        figures = dashboards_child(url=args.url or db.main_url(), requests=args.requests)
        print(json.dumps(figures, indent=1))
        return 0
    if args.command == "exports":
        from .exports import exports_child

        figures = exports_child(
            url=args.url or db.main_url(), rows=args.rows, file_format=args.format
        )
        print(json.dumps(figures))
        return 0
    from .run import run as do_run

    if args.requests < 200:
        parser.error("--requests: at least 200 per search")
    return do_run(rebuild=args.rebuild, requests=args.requests, load_seconds=args.load_seconds)


if __name__ == "__main__":
    sys.exit(main())
