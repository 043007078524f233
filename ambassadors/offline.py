"""Outreach logged with no signal: the portal as an app on the phone's home screen.

Three parts, with the page script ambassadors/static/ambassadors/js/outreach-offline.js:

- `manifest`: the web app manifest, so the portal can be added to the home screen.
- `service_worker`: keeps the app shell (the log form page and the files it needs) on the
  phone, so the form opens with no network. It keeps nothing else: no other portal page, no
  answer from `send_log`. The cache is named after the shell files' contents, so a deploy that
  changes them replaces it.
- `send_log`: where the phone sends the logs it kept, one at a time, when it is back online.
  Each carries the reference the phone made for it, so a log sent twice (the reply was lost)
  is stored once. It goes through the same form and the same save as the page
  (`views.save_new_log`), so a safeguarding concern alerts the lead just the same.

CSRF: `send_log` is not exempt. A page opened from the phone's cache may carry an old token,
so the script sends the token from the CSRF cookie in the X-CSRFToken header instead.

Personal data: the phone keeps a log only until it is sent (or the ambassador deletes it);
the reference is a random number and says nothing about anyone.
"""

import hashlib
import json
from typing import Any

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from .views import AmbassadorRequest, ambassador_required, logged_before, new_log_form, save_new_log

THEME_COLOUR = "#5b2a86"  # the site's theme-color (templates/base.html)
ICONS = [
    ("ambassadors/icons/icon-192.png", "192x192", "any"),
    ("ambassadors/icons/icon-512.png", "512x512", "any"),
    ("ambassadors/icons/icon-maskable-512.png", "512x512", "maskable"),
]
# What the log form page loads (templates/base.html, the portal base and the form itself).
SHELL_FILES = [
    "css/main.css",
    "js/enabled.js",
    "govuk/govuk-frontend.min.js",
    "js/init.js",
    "js/checkbox-filter.js",
    "ambassadors/js/outreach-offline.js",
    "govuk/assets/images/govuk-crest.svg",
    "favicon.ico",
    "favicon.svg",
    *(path for path, _, _ in ICONS),
]


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    """Anyone (it holds no personal data): the web app manifest, linked from portal pages."""
    scope = reverse("ambassadors:portal")
    data = {
        "id": scope,
        "name": "Notts Community Hub: ambassadors",
        "short_name": "Ambassadors",
        "description": "Log outreach, with or without a signal.",
        "start_url": scope,
        "scope": scope,
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    return HttpResponse(json.dumps(data), content_type="application/manifest+json")


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """Anyone (it holds only this site's addresses): the portal's service worker.

    Served from the portal's path, so its scope is the portal and nothing else. `no-cache`: a
    phone checks for a new version every time it opens the portal online.
    """
    config = {
        "version": shell_version(),
        "scope": reverse("ambassadors:portal"),
        "formUrl": reverse("ambassadors:log_create"),
        "shell": [static(path) for path in SHELL_FILES],
    }
    return render(
        request,
        "ambassadors/offline/service-worker.js",
        {"config": json.dumps(config)},
        content_type="text/javascript; charset=utf-8",
    )


def shell_version() -> str:
    """A digest of the shell files' contents: it changes exactly when a deploy changes one."""
    digest = hashlib.sha256()
    for path in SHELL_FILES:
        digest.update(path.encode())
        digest.update(_static_bytes(path))
    return digest.hexdigest()[:16]


def _static_bytes(path: str) -> bytes:
    """A static file's contents: from the source folders, or collected (in production)."""
    found = finders.find(path)
    if isinstance(found, str):
        with open(found, "rb") as source:
            return source.read()
    with staticfiles_storage.open(path) as collected:
        return bytes(collected.read())


@ambassador_required
@require_POST
def send_log(request: AmbassadorRequest) -> JsonResponse:
    """Ambassadors only: one log the phone kept while offline, as JSON.

    Answers 201 when logged, 200 when this reference was logged before (nothing new is
    stored), 400 with the problems when the form finds something to correct (nothing is
    stored; the phone keeps it and asks the ambassador to fix it), and 403 when the log was
    kept for another ambassador or its reference is another ambassador's.
    """
    try:
        body = json.loads(request.body)
        fields = body["fields"]
        reference = body["client_reference"]
        if not isinstance(fields, dict) or not isinstance(reference, str):
            raise TypeError
    except (ValueError, KeyError, TypeError, RecursionError):  # RecursionError: nested too deep
        return _problems({"__all__": ["The activity could not be read. Fill in the form again."]})
    if str(body.get("owner")) != str(request.ambassador.pk):
        return _refused("This activity was saved on this phone by someone else signed in.")
    try:
        earlier = logged_before(request.ambassador, reference)
    except PermissionDenied as refused:
        return _refused(str(refused))
    if earlier is not None:
        return JsonResponse({"status": "already-logged", "message": f"Logged: {earlier}."})
    form = new_log_form(request.ambassador, _form_data(fields, reference))
    if not form.is_valid():
        return _problems(
            {
                name: [f"{_label(form, name)}{message}" for message in errors]
                for name, errors in form.errors.items()
            }
        )
    log = save_new_log(form, request.ambassador)
    message = f"Logged: {log}."
    if body.get("announce"):  # sent from the open form: the next page says so, as usual
        messages.success(request, message)
    return JsonResponse({"status": "logged", "message": message}, status=201)


def _form_data(fields: dict[str, Any], reference: str) -> QueryDict:
    """The form's fields as the page would have posted them: each name, one or more values."""
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        data.setlist(str(name), [str(item) for item in values])
    data["client_reference"] = reference
    return data


def _label(form: Any, name: str) -> str:
    return f"{form.fields[name].label}: " if name in form.fields else ""


def _problems(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse({"status": "invalid", "errors": errors}, status=400)


def _refused(message: str) -> JsonResponse:
    return JsonResponse({"status": "refused", "errors": {"__all__": [message]}}, status=403)
