from celery import shared_task


@shared_task
def ping() -> str:
    """Answers "pong": proves a worker takes tasks from the broker."""
    return "pong"
