"""Queueing background jobs so that a broker outage never fails a request or loses the job.

WHY: with Redis down, `.delay()` raises (after the short connection timeouts in settings), and
a person who has just saved something must not see an error page for it, nor must the job be
forgotten. `enqueue` catches the failure, logs it and writes the call to `DeferredTask`; the
beat sweep `requeue_deferred_tasks` queues it again once the broker is back. Jobs queued this
way must be safe to run late or twice (index updates, PDFs and geocoding rebuild from the
database). Mail does not come here: the outbox (cms/core/mail.py) is its durable record.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task, current_app, shared_task
from django.db import transaction

from .models import DeferredTask

logger = logging.getLogger(__name__)

# A batch per sweep keeps one run short even after a long outage; the next run takes the rest.
REQUEUE_BATCH = 500


def publish(task: Task, *args: Any) -> bool:
    """Queue `task(*args)` now. False (and logged) when the broker cannot take it."""
    try:
        task.delay(*args)
    except Exception:  # kombu wraps every broker failure differently; none may escape
        logger.warning("Could not queue %s: broker unreachable", task.name, exc_info=True)
        return False
    return True


def enqueue(task: Task, *args: Any) -> None:
    """Queue `task(*args)`, or keep it in the database for the sweep when the broker is down."""
    if not publish(task, *args):
        DeferredTask.objects.create(task_name=task.name, args=list(args))


def enqueue_on_commit(task: Task, *args: Any) -> None:
    """`enqueue` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(task, *args))


@shared_task
def requeue_deferred_tasks() -> int:
    """Every minute (beat): queue again the jobs that could not be queued. Returns how many."""
    requeued = 0
    for deferred in DeferredTask.objects.order_by("pk")[:REQUEUE_BATCH]:
        task = current_app.tasks.get(deferred.task_name)
        if task is None:
            logger.error("Deferred task %s is unknown; dropped", deferred.task_name)
        elif not publish(task, *deferred.args):
            break  # still down: try again at the next sweep
        else:
            requeued += 1
        deferred.delete()
    return requeued
