"""The site's URLs plus /bench/trivial/: "ok" through the whole middleware stack, so a page's
req/s over its req/s is what the page costs on top of Django itself, on the same machine at
the same moment."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), path("", include("cms.urls"))]
