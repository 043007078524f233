"""/api/: every response, the OpenAPI document and errors included, may be read by any web
page (`Access-Control-Allow-Origin: *`): the data is public and needs no credentials."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, include, path

from .api import api


def readable_anywhere(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


_patterns, _app, _namespace = api.urls
for pattern in _patterns:
    if isinstance(pattern, URLPattern):
        pattern.callback = readable_anywhere(pattern.callback)

urlpatterns = [path("", include((_patterns, _app), namespace=_namespace))]
