"""The one exception to the site's Content-Security-Policy: Wagtail's admin.

WHY: Wagtail's admin templates (inline panels, date pickers, the chooser modals) carry inline
scripts and <style> blocks without a nonce, so under the site-wide policy the admin would
stop working. Only admin pages get 'unsafe-inline'; they are seen by staff who passed their
second factor, and Django's autoescaping still writes every stored value as text. The public
site, where residents read what providers and imported feeds wrote, keeps the strict policy.
"""

from collections.abc import Callable

from csp.constants import UNSAFE_INLINE
from django.http import HttpRequest, HttpResponse

ADMIN_PREFIX = "/admin/"


class AdminScriptsMiddleware:
    """Placed after django-csp's middleware, so it marks the response before that writes it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_update = {  # type: ignore[attr-defined]
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
            }
        return response
