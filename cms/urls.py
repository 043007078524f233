"""Top-level URLs. Each app owns its own urls module; Wagtail serves pages last."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.documents import urls as wagtaildocs_urls

from assets_directory.sitemaps import ServiceSitemap
from cms.core import views as core_views
from cms.core.media import public_image_urls

# Every way in goes through allauth (its rate limits, then the authenticator code). Wagtail's
# own sign-in forms, for the admin and for private pages and documents, would sign a person
# in with a password alone, so both addresses only send people to the site's sign-in page.
SIGN_IN_INSTEAD = RedirectView.as_view(pattern_name="account_login", query_string=True)
SITEMAPS = {"pages": PageSitemap, "services": ServiceSitemap}

urlpatterns = [
    path("admin/login/", SIGN_IN_INSTEAD),
    path("_util/login/", SIGN_IN_INSTEAD),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("account/", include("cms.accounts.urls")),
    path("services/", include("assets_directory.urls")),
    path("services/gaps/", include("assets_directory.gaps.urls")),
    path("strategy/", include("assets_directory.gaps.strategy_urls")),
    path("api/", include("assets_directory.oruk.urls")),
    path("ambassadors/", include("ambassadors.urls")),
    path("have-your-say/", include("consultations.urls")),
    path("search/", include("search.urls")),
    path("privacy/", core_views.privacy, name="privacy"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]

# Only the public image folders of MEDIA_ROOT, in every setting: never documents, which go
# through Wagtail's permission-checked view at /documents/ (cms/core/media.py).
urlpatterns += public_image_urls()
urlpatterns += [path("", include(wagtail_urls))]
