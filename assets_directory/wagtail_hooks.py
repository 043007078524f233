"""The directory in the Wagtail admin: listings (moderated), organisations, claims, reports,
and the lists staff maintain (categories, areas, wards, languages)."""

from typing import Any, ClassVar

from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.core.choosers import HubSnippetViewSet
from cms.core.typing import AuthenticatedRequest

from . import organisation_claims
from .indexing import enqueue_index_update
from .models import (
    ACCESS_NEEDS,
    Area,
    Language,
    ListingReport,
    Location,
    Organisation,
    OrganisationClaim,
    Service,
    ServiceAtLocation,
    ServiceQuerySet,
    Taxonomy,
    Ward,
)


class ServiceViewSet(HubSnippetViewSet):
    model = Service
    icon = "list-ul"
    menu_label = "Listings"
    list_display: ClassVar[list[Any]] = [
        "name",
        "organisation",
        Column("status_label", label="Status"),
        "last_reviewed",
        "hidden_for_review",
    ]
    list_filter: ClassVar[list[str]] = [
        "live",
        "archived",
        "hidden_for_review",
        "areas",
        "categories",
    ]
    # Residents search through search.engine; the admin filters the table directly.
    search_fields: ClassVar[list[str]] = ["name", "description"]

    def get_queryset(self, request: HttpRequest) -> ServiceQuerySet:
        return Service.objects.select_related("organisation").with_review_state()

    search_backend_name = None


class OrganisationViewSet(HubSnippetViewSet):
    model = Organisation
    icon = "group"
    list_display: ClassVar[list[str]] = ["name", "verified", "created_at"]
    list_filter: ClassVar[list[str]] = ["verified"]
    search_fields: ClassVar[list[str]] = ["name"]
    search_backend_name = None


class ClaimViewSet(HubSnippetViewSet):
    model = OrganisationClaim
    icon = "user"
    menu_label = "Claims"
    list_display: ClassVar[list[str]] = ["organisation", "user", "status", "created_at"]
    list_filter: ClassVar[list[str]] = ["status"]


class ReportViewSet(HubSnippetViewSet):
    model = ListingReport
    icon = "warning"
    menu_label = "Reported problems"
    list_display: ClassVar[list[str]] = ["service", "created_at", "resolved"]
    list_filter: ClassVar[list[str]] = ["resolved"]


class TaxonomyViewSet(HubSnippetViewSet):
    model = Taxonomy
    icon = "tag"
    menu_label = "Categories"
    list_display: ClassVar[list[str]] = ["__str__", "slug"]


class AreaViewSet(HubSnippetViewSet):
    model = Area
    icon = "site"


class WardViewSet(HubSnippetViewSet):
    model = Ward
    icon = "site"
    list_filter: ClassVar[list[str]] = ["area"]


class LanguageViewSet(HubSnippetViewSet):
    model = Language
    icon = "openquote"


class LocationViewSet(HubSnippetViewSet):
    """Staff correct a place's address or what it offers for access needs; the listings
    there are re-indexed (see `reindex_listings_at`), so the access filter stays true."""

    model = Location
    icon = "site"
    menu_label = "Places"
    list_display: ClassVar[list[str]] = ["__str__", "city"]
    list_filter: ClassVar[list[str]] = list(ACCESS_NEEDS)
    search_fields: ClassVar[list[str]] = ["name", "address_1", "postal_code"]
    search_backend_name = None


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = "Directory"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        ServiceViewSet,
        OrganisationViewSet,
        ClaimViewSet,
        ReportViewSet,
        LocationViewSet,
        TaxonomyViewSet,
        AreaViewSet,
        WardViewSet,
        LanguageViewSet,
    )


register_snippet(DirectoryGroup)


@hooks.register("after_edit_snippet")
def act_on_claim_decision(request: AuthenticatedRequest, instance: Any) -> None:
    """When staff set a claim to approved or rejected, grant access and tell the claimant."""
    if isinstance(instance, OrganisationClaim):
        organisation_claims.apply_decision_made_in_admin(instance, request.user)


@hooks.register("after_edit_snippet")
def reindex_listings_at(request: AuthenticatedRequest, instance: Any) -> None:
    """A place edited in the admin: its listings' index entries (access needs, address)."""
    if isinstance(instance, Location):
        links = ServiceAtLocation.objects.filter(location=instance)
        enqueue_index_update(links.values_list("service_id", flat=True))
