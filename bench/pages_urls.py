"""The site's URLs plus two peers for bench/pages.py, served by the same gunicorn through the
same middleware at the same moment:

- /bench/trivial/: "ok", so a page's req/s over its req/s is what the page costs on top of
  Django itself;
- /bench/bare-wagtail-page/: the home page found and routed the way Wagtail serves any page,
  then drawn with a one-line template, so the ratio to it is what our templates and context
  cost on top of Wagtail's own work for a page.
"""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path
from wagtail.models import Site

BARE_TEMPLATE = engines["django"].from_string("<!DOCTYPE html><title>{{ page.title }}</title>")


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def bare_wagtail_page(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    page, _args, _kwargs = site.root_page.localized.specific.route(request, [])
    return HttpResponse(BARE_TEMPLATE.render(page.get_context(request), request))


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/bare-wagtail-page/", bare_wagtail_page),
    path("", include("cms.urls")),
]
