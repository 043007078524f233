"""The life of a directory listing, from a provider's draft to what residents find.

Every change to a listing's state passes through this module, and each ends in one
`enqueue_index_update` (run once the change commits), so nothing else needs to know how the
search index is kept in step:

- providers save drafts and send them for review from the public form (`save_provider_edit`);
- VRU staff approve, reject, publish, unpublish or delete in the Wagtail admin; Wagtail's
  signals for those are handled here (and the provider is e-mailed the outcome);
- the review cycle confirms a listing is still correct, or hides it when it is overdue
  (`confirm_reviewed`, `hide_for_review`);
- imports from other Open Referral UK directories publish and archive (`publish`,
  `archive`), and so do staff merging two listings that are the same service.

The states are Wagtail's own (draft: not live; in review: a workflow in progress;
published: live) plus `Service.archived` and `Service.hidden_for_review`; residents find
what `Service.objects.searchable()` says.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.signals import published, unpublished, workflow_approved, workflow_rejected
from wagtail.users.models import UserProfile

from cms.core.mail import send_templated
from cms.core.roles import needs_mfa

from .indexing import enqueue_index_update
from .models import Service

# --- Providers ---------------------------------------------------------------------------


def save_provider_edit(draft: Service, user: User, *, submit: bool) -> None:
    """Store a provider's version as a revision and, when they ask, send it for review.

    A published listing's row is left untouched, so residents keep seeing the approved
    version until a moderator approves the change.
    """
    with transaction.atomic():
        if draft.pk is None or not draft.live:
            draft.save()  # an unpublished listing's row may hold the draft: nobody can find it
        draft.save_revision(user=user, log_action=True)
        if submit:
            _submit_for_review(draft, user)
        enqueue_index_update([draft.pk])


def _submit_for_review(service: Service, user: User) -> None:
    """Start (or restart, after changes) the moderation workflow on the latest revision."""
    _use_our_emails_for(user)
    current = service.current_workflow_state
    if current is not None:
        current.cancel(user=user)
    service.get_workflow().start(service, user)


def _use_our_emails_for(user: User) -> None:
    """Providers cannot open the admin, so Wagtail's own approve/reject emails (which link
    there) are switched off for them; `_tell_provider` sends ones with public links."""
    if needs_mfa(user):  # staff, who can use the admin
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


# --- Staff in the Wagtail admin ----------------------------------------------------------


@receiver(published, sender=Service)
def _on_published(sender: type[Service], instance: Service, **kwargs: Any) -> None:
    """Approved, published by staff, or imported: reviewed as of today, and findable."""
    _reviewed_today([instance.pk])
    enqueue_index_update([instance.pk])


@receiver(unpublished, sender=Service)
def _on_unpublished(sender: type[Service], instance: Service, **kwargs: Any) -> None:
    enqueue_index_update([instance.pk])


@receiver(post_delete, sender=Service)
def _on_deleted(sender: type[Service], instance: Service, **kwargs: Any) -> None:
    enqueue_index_update([instance.pk])


@receiver(workflow_approved)
def _on_approved(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    if service := _service_of(instance):
        _tell_provider(instance, "assets_directory/email/listing_approved", {"service": service})


@receiver(workflow_rejected)
def _on_rejected(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    """The published version (if any) stays as it was; the provider is told why."""
    if service := _service_of(instance):
        task = instance.current_task_state
        _tell_provider(
            instance,
            "assets_directory/email/listing_rejected",
            {
                "service": service,
                "reason": task.comment if task else "",
                "edit_path": reverse("assets_directory:service_edit", kwargs={"pk": service.pk}),
            },
        )


def _service_of(state: WorkflowState) -> Service | None:
    instance = state.content_object
    return instance if isinstance(instance, Service) else None


def _tell_provider(state: WorkflowState, template: str, context: dict[str, Any]) -> None:
    provider = state.requested_by
    if provider is not None and provider.email:
        send_templated(template, [provider.email], context)


# --- The review cycle --------------------------------------------------------------------


def confirm_reviewed(service: Service) -> None:
    """The provider says the listing is still correct: reviewed today, and findable again."""
    _reviewed_today([service.pk])
    enqueue_index_update([service.pk])


def hide_for_review(ids: Iterable[int]) -> None:
    """Hide listings overdue for review from search; nothing is deleted."""
    ids = list(ids)
    Service.objects.filter(pk__in=ids).update(hidden_for_review=True)
    enqueue_index_update(ids)


def _reviewed_today(ids: list[int]) -> None:
    Service.objects.filter(pk__in=ids).update(
        last_reviewed=timezone.localdate(), hidden_for_review=False, review_reminder_sent_at=None
    )


# --- Imports and merged duplicates -------------------------------------------------------


def publish(service: Service) -> None:
    """Save the in-memory service as a new published revision (the history is kept).

    A listing published again (say, back in its feed) is no longer archived.
    """
    service.archived = False
    _publish_revision(service)


def archive(service: Service) -> None:
    """Take a listing out of the directory as a published, archived revision."""
    service.archived = True
    _publish_revision(service)


def send_import_for_review(service: Service) -> None:
    """An imported record from a feed that is moderated: stored as a revision and sent to
    the same Wagtail workflow as a provider's edit; the published row (if any) is untouched
    until a moderator approves. The importer does this for a batch at once
    (`oruk.bulk.send_for_review`, which comes here for an unusual workflow)."""
    with transaction.atomic():
        if service.pk is None or not service.live:
            service.live = False
            service.save()
        service.save_revision(log_action=True)
        current = service.current_workflow_state
        if current is not None:
            current.cancel(user=None)
        service.get_workflow().start(service, None)
        enqueue_index_update([service.pk])


def _publish_revision(service: Service) -> None:
    """Publishing sends Wagtail's `published` signal, whose handler enqueues the index update."""
    if service.pk is None:
        service.live = False
        service.save()
    service.save_revision(log_action=True).publish(log_action=True)
