"""Types for views that only signed-in people reach, so the type checker knows `request.user`.

WHY: Django types `request.user` as "a user or AnonymousUser"; behind `login_required` it is
always a user. Annotating such views with `AuthenticatedRequest` says so once instead of
casting in every view.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    user: User
