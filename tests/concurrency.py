"""Running calls at the same moment in threads, for the exactly-once and uniqueness tests on
PostgreSQL (each thread has its own database connection, closed when it is done)."""

from __future__ import annotations

import threading

from django.db import connection


def at_once(*calls, timeout: float = 60) -> tuple[list, list[Exception]]:
    """Runs each call in a thread of its own, all released together by a barrier.

    Returns the calls' results and the exceptions they raised (in the order they came): a
    test asserts on both, so an error in a thread is never lost.
    """
    barrier = threading.Barrier(len(calls))
    results: list = []
    errors: list[Exception] = []

    def worker(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except Exception as error:  # returned: the test must see it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
