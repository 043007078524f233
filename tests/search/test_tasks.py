"""Listing changes reach the index through a Celery task, and only once they are committed."""

import os
import time

import pytest
from celery.signals import task_prerun
from django.db import transaction

from assets_directory import lifecycle
from assets_directory.indexing import update_directory_index
from search.models import DirectoryEntry
from tests.directory.factories import publish_service

TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Rollback(Exception):
    pass


@pytest.fixture
def index_task_runs():
    """The listing ids of every run of the index task, in order (eager runs included)."""
    runs = []

    def record(sender=None, args=(), **kwargs):
        if sender.name == update_directory_index.name:
            runs.append(list(args[0]))

    task_prerun.connect(record, weak=False)
    yield runs
    task_prerun.disconnect(record)


@TRANSACTIONAL
def test_unpublishing_updates_the_index_when_the_transaction_commits(index_task_runs):
    service = publish_service(name="Boxing club")
    assert DirectoryEntry.objects.filter(pk=service.pk).exists()
    index_task_runs.clear()

    with transaction.atomic():
        service.unpublish()
        # Nothing yet: the task waits for the commit, so a worker reads saved data.
        assert index_task_runs == []
        assert DirectoryEntry.objects.filter(pk=service.pk).exists()
    assert index_task_runs == [[service.pk]]
    assert not DirectoryEntry.objects.filter(pk=service.pk).exists()

    with transaction.atomic():
        service.save_revision().publish()
    assert index_task_runs == [[service.pk], [service.pk]]
    assert DirectoryEntry.objects.get(pk=service.pk).name == "Boxing club"


@TRANSACTIONAL
def test_a_rolled_back_change_enqueues_nothing(index_task_runs):
    service = publish_service(name="Boxing club")
    index_task_runs.clear()
    with pytest.raises(Rollback), transaction.atomic():
        service.unpublish()
        raise Rollback
    assert index_task_runs == []
    assert DirectoryEntry.objects.filter(pk=service.pk).exists()


@pytest.mark.django_db
def test_editing_one_listing_enqueues_one_task_that_updates_exactly_its_document(
    django_capture_on_commit_callbacks, index_task_runs
):
    edited = publish_service(name="Boxing club")
    untouched = publish_service(name="Family hub")
    # Mark both index rows, so any row the task rewrites shows.
    DirectoryEntry.objects.update(name="marked")

    edited.name = "Boxing academy"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        edited.save_revision().publish()

    assert len(callbacks) == 1
    assert index_task_runs[-1] == [edited.pk]
    names = dict(DirectoryEntry.objects.values_list("pk", "name"))
    assert names == {edited.pk: "Boxing academy", untouched.pk: "marked"}


@pytest.mark.django_db
def test_archiving_or_deleting_a_listing_takes_it_out_after_commit(
    django_capture_on_commit_callbacks, index_task_runs
):
    archived = publish_service(name="Boxing club")
    deleted = publish_service(name="Family hub")
    deleted_id = deleted.pk
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.archive(archived)
        deleted.delete()
        assert DirectoryEntry.objects.count() == 2  # nothing before the commit

    assert index_task_runs[-2:] == [[archived.pk], [deleted_id]]
    assert not DirectoryEntry.objects.exists()


@pytest.mark.django_db
def test_the_task_indexes_or_removes_whatever_each_listing_now_calls_for():
    kept = publish_service(name="Boxing club")
    gone = publish_service(name="Family hub")
    gone_id = gone.pk
    gone.delete()  # its own update is never committed in this test's transaction
    DirectoryEntry.objects.filter(pk=kept.pk).delete()

    update_directory_index.delay([kept.pk, gone_id]).get()

    assert list(DirectoryEntry.objects.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI PostgreSQL run)")
@TRANSACTIONAL
def test_a_real_worker_updates_the_index_after_commit(real_worker):
    service = publish_service(name="Boxing club")
    wait_for(lambda: DirectoryEntry.objects.filter(pk=service.pk).exists())
    service.name = "Boxing academy"
    with transaction.atomic():
        service.save_revision().publish()
    wait_for(lambda: DirectoryEntry.objects.get(pk=service.pk).name == "Boxing academy")


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker never updated the index"
        time.sleep(0.1)
