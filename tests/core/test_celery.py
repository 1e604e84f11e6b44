"""Celery: tasks in-process without a broker, and on a real worker process.

The worker test always runs a real `celery worker` process. With
CELERY_BROKER_URL set (CI) it goes over Redis; on a machine with no services
it goes over kombu's filesystem transport, so `make test` needs nothing
installed and the test is never skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery

from vsi_portal.celery import app
from vsi_portal.tasks import ping

ROOT = Path(__file__).resolve().parents[2]

WORKER_SCRIPT = """
import json, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsi_portal.settings")
django.setup()
from vsi_portal.celery import app
app.conf.update(json.loads(sys.argv[1]))
app.worker_main(["worker", "--pool", "solo", "--loglevel", "WARNING",
                 "--queues", sys.argv[2], "--hostname", sys.argv[2] + "@%h",
                 "--without-mingle", "--without-gossip"])
"""


@pytest.fixture
def broker_conf(tmp_path):
    broker = os.environ.get("CELERY_BROKER_URL")
    if broker:
        return {"broker_url": broker, "result_backend": broker, "task_always_eager": False}
    folder = tmp_path / "broker"
    for sub in ("out", "processed"):
        (folder / sub).mkdir(parents=True)
    (tmp_path / "results").mkdir()
    return {
        "broker_url": "filesystem://",
        "broker_transport_options": {
            "data_folder_in": str(folder / "out"),
            "data_folder_out": str(folder / "out"),
            "data_folder_processed": str(folder / "processed"),
            "control_folder": str(folder / "control"),
        },
        "result_backend": f"file://{tmp_path / 'results'}",
        "task_always_eager": False,
    }


def test_task_runs_in_process_when_tasks_are_eager(settings):
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        assert ping.delay().get(timeout=1) == "pong"
    finally:
        app.conf.task_always_eager = saved


def test_task_runs_on_a_real_worker_process(broker_conf):
    queue = f"test-worker-{os.getpid()}"
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT, json.dumps(broker_conf), queue],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "vsi_portal.settings"},
    )
    try:
        # A client app of its own, so the project's app keeps its configuration.
        client = Celery("test-client")
        client.conf.update(broker_conf)
        result = client.send_task("vsi_portal.tasks.ping", queue=queue)
        assert result.get(timeout=60) == "pong"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
