"""Listings move draft -> in review -> published through Wagtail's workflow.

Providers save drafts and submit from the public form; VRU staff approve or reject (with a
reason) in the Wagtail admin's workflow screens. These handlers keep each Service's
`status`, the search index and the provider's inbox in step with what Wagtail did.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState
from wagtail.signals import (
    published,
    unpublished,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)
from wagtail.users.models import UserProfile

from cms.core.mail import send_email
from cms.core.roles import needs_mfa
from search.tasks import enqueue_index_update

from .models import Service


def save_draft(draft: Service, user: AbstractBaseUser) -> Revision:
    """Store the provider's version as a revision; a published row is left untouched."""
    if draft.pk is None or not draft.live:
        draft.save()  # an unpublished listing's row may hold the draft: nobody can find it
    return draft.save_revision(user=user, log_action=True)


def submit_for_review(service: Service, user: AbstractBaseUser) -> WorkflowState:
    """Start (or restart, after changes) the moderation workflow on the latest revision."""
    _use_our_emails_for(user)
    current = service.current_workflow_state
    if current is not None:
        current.cancel(user=user)
    return service.get_workflow().start(service, user)


def _use_our_emails_for(user: AbstractBaseUser) -> None:
    """Providers cannot open the admin, so Wagtail's own approve/reject emails (which link
    there) are switched off for them; `_tell_provider` sends ones with public links."""
    if needs_mfa(user):  # staff, who can use the admin
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def _service_of(state: WorkflowState) -> Service | None:
    instance = state.content_object
    return instance if isinstance(instance, Service) else None


def _set_status(service_id: int, status: str) -> None:
    Service.objects.filter(pk=service_id).update(status=status)


@receiver(workflow_submitted)
def _on_submitted(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    if service := _service_of(instance):
        _set_status(service.pk, Service.Status.IN_REVIEW)


@receiver(published, sender=Service)
def _on_published(sender, instance: Service, **kwargs) -> None:
    """A moderator approved (or staff published): it is reviewed as of today, and findable."""
    status = (
        Service.Status.ARCHIVED
        if instance.status == Service.Status.ARCHIVED
        else Service.Status.PUBLISHED
    )
    Service.objects.filter(pk=instance.pk).update(
        status=status,
        last_reviewed=timezone.localdate(),
        hidden_for_review=False,
        review_reminder_sent_at=None,
    )
    enqueue_index_update([instance.pk])


@receiver(unpublished, sender=Service)
def _on_unpublished(sender, instance: Service, **kwargs) -> None:
    _set_status(instance.pk, Service.Status.DRAFT)
    enqueue_index_update([instance.pk])


@receiver(post_delete, sender=Service)
def _on_deleted(sender, instance: Service, **kwargs) -> None:
    enqueue_index_update([instance.pk])


@receiver(workflow_approved)
def _on_approved(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    if service := _service_of(instance):
        _tell_provider(
            instance,
            f"Your listing '{service.name}' is published",
            "Thank you. A moderator approved your listing and it now appears in the directory:\n"
            f"{settings.WAGTAILADMIN_BASE_URL}{service.get_absolute_url()}",
        )


@receiver(workflow_rejected)
def _on_rejected(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    service = _service_of(instance)
    if service is None:
        return
    _set_status(service.pk, Service.Status.PUBLISHED if service.live else Service.Status.DRAFT)
    reason = instance.current_task_state.comment if instance.current_task_state else ""
    kept = (
        "The version already in the directory has not changed."
        if service.live
        else "Your listing is not in the directory yet."
    )
    edit_url = reverse("assets_directory:service_edit", kwargs={"pk": service.pk})
    _tell_provider(
        instance,
        f"Your listing '{service.name}' needs changes",
        f"A moderator could not approve your changes yet. {kept}\n\n"
        f"Their reason: {reason or 'none given'}\n\n"
        f"Edit and send it again: {settings.WAGTAILADMIN_BASE_URL}{edit_url}",
    )


def _tell_provider(state: WorkflowState, subject: str, body: str) -> None:
    provider = state.requested_by
    if provider is None or not provider.email:
        return
    send_email.delay(subject, body, [provider.email], settings.DEFAULT_FROM_EMAIL)
