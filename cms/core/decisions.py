"""Staff decisions on requests: who decided, when, why, and the person who asked is told.

WHY one shape: organisation claims, expense claims, panel applications, proposed gaps and
likely duplicate listings are all "something waits, staff decide". Each model inherits
`StaffDecision`, names its outcome field and its e-mail, and calls `decide`; the record of
the decision and the message to the requester (sent on commit, from a template) are then
the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from . import mail

# What `decide` writes: the subclass's `status` and the three fields below.
DECISION_FIELDS = ["status", "decided_by", "decided_at", "decision_reason"]
OWN_REQUEST_MESSAGE = (
    "You cannot decide on your own request. Ask another member of staff to decide it."
)


def is_own_request(decision: StaffDecision, user: User | None) -> bool:
    """True when `user` is the person who asked: nobody approves their own claim."""
    person = decision.requester()
    return bool(user is not None and person is not None and person.pk == user.pk)


class StaffDecision(models.Model):
    """Abstract: a request that staff decide on. Subclasses have a `status` choice field.

    `decision_email`: the template (without `_subject.txt`/`_message.txt`) that tells the
    requester; its context has `decision` (the object), `outcome` and `reason`.
    `reason_required_for`: outcomes that must say why (a refusal, usually), and
    `reason_required_message` what the member of staff is told when they give none.
    """

    decision_email: ClassVar[str] = ""
    reason_required_for: ClassVar[tuple[str, ...]] = ()
    reason_required_message: ClassVar[str] = "Give a reason for this decision."

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField("reason for the decision", blank=True, max_length=2000)

    class Meta:
        abstract = True

    def requester(self) -> User | None:
        """The person who asked, to be told of the outcome; None when nobody asked."""
        return None

    def decision_for_export(self) -> dict[str, str | None]:
        """When it was decided and why, for the requester's data download (the decider is
        staff and is not named)."""
        return {
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "decision_reason": self.decision_reason,
        }

    def decision_context(self) -> Mapping[str, Any]:
        """Extra context for the decision e-mail."""
        return {}

    def decide(self, outcome: str, *, by: User | None, reason: str = "") -> None:
        """Record the decision and tell the requester once the transaction commits."""
        reason = reason.strip()
        if is_own_request(self, by):
            raise ValidationError(OWN_REQUEST_MESSAGE)
        if outcome in self.reason_required_for and not reason:
            raise ValidationError(self.reason_required_message)
        self.status = outcome
        self.decided_by = by
        self.decided_at = timezone.now()
        self.decision_reason = reason
        self.save(update_fields=DECISION_FIELDS)
        self.tell_requester()

    def tell_requester(self) -> None:
        """E-mail the outcome to the requester, if they still have an active account."""
        person = self.requester()
        if not (self.decision_email and person and person.is_active and person.email):
            return
        context = {
            "decision": self,
            "outcome": self.status,
            "reason": self.decision_reason,
            **self.decision_context(),
        }
        mail.send_templated(self.decision_email, [person.email], context)


class StaffDecisionAdminForm(WagtailAdminModelForm):
    """The admin form of a decision made by editing its status (organisation claims,
    proposed gaps): refuses, with a message, a member of staff deciding their own request
    before anything is saved."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        undecided = self.instance.decided_at is None
        if (
            undecided
            and "status" in self.changed_data
            and is_own_request(self.instance, self.for_user)
        ):
            self.add_error("status", OWN_REQUEST_MESSAGE)
        return cleaned
