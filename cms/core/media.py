"""Public uploaded images: the only part of MEDIA_ROOT the site itself ever serves.

Wagtail writes pictures under MEDIA_ROOT/original_images/ and their renditions under
MEDIA_ROOT/images/; documents go to MEDIA_ROOT/documents/ and are served only by Wagtail's
permission-checked view at /documents/ (`WAGTAILDOCS_SERVE_METHOD`), which honours
collection view restrictions. So the site answers /media/ for these two folders and nothing
else, in every setting: with `SERVE_PUBLIC_IMAGES` on (the default) the easy-read pictures
load under production settings too, with a day's browser caching; an operator whose web
server serves the two folders itself turns it off (README: "Serving uploaded files in
production").
"""

import re
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import URLPattern, re_path
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

PUBLIC_IMAGE_FOLDERS = ("original_images", "images")
BROWSER_CACHE_SECONDS = 24 * 60 * 60


@require_safe
def public_image(request: HttpRequest, folder: str, path: str) -> HttpResponseBase:
    """One file from a public image folder (Django's `serve` refuses paths out of it)."""
    if not settings.SERVE_PUBLIC_IMAGES or folder not in PUBLIC_IMAGE_FOLDERS:
        raise Http404
    response = serve(request, path, document_root=str(Path(settings.MEDIA_ROOT) / folder))
    patch_cache_control(response, public=True, max_age=BROWSER_CACHE_SECONDS)
    return response


def public_image_urls() -> list[URLPattern]:
    """The URL patterns for the public image folders under MEDIA_URL (and nothing else)."""
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    folders = "|".join(PUBLIC_IMAGE_FOLDERS)
    return [re_path(rf"^{prefix}(?P<folder>{folders})/(?P<path>.+)$", public_image)]
