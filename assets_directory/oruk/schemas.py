"""The shapes of Open Referral UK records this API returns (ORUK API v1 / HSDS names).

django-ninja turns these into the OpenAPI document at /api/openapi.json, and checks every
response against them, so the document and the data cannot drift apart.
"""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    error: str
    detail: list[dict] | str = ""


class TaxonomyOut(Schema):
    id: str
    name: str
    vocabulary: str
    parent: str | None = None


class OrganizationOut(Schema):
    id: str
    name: str
    description: str
    email: str
    url: str


class PhysicalAddressOut(Schema):
    id: str
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str


class AccessibilityOut(Schema):
    id: str
    accessibility: str


class LocationOut(Schema):
    id: str
    name: str
    description: str
    latitude: float | None = None
    longitude: float | None = None
    physical_addresses: list[PhysicalAddressOut]
    accessibility_for_disabilities: list[AccessibilityOut]


class ServiceAtLocationOut(Schema):
    id: str
    location: LocationOut


class ServiceRefOut(Schema):
    id: str
    name: str


class ServiceAtLocationListOut(ServiceAtLocationOut):
    service: ServiceRefOut


class EligibilityOut(Schema):
    id: str
    eligibility: str
    minimum_age: int | None = None
    maximum_age: int | None = None


class PhoneOut(Schema):
    id: str
    number: str


class ContactOut(Schema):
    id: str
    name: str
    title: str
    email: str
    phones: list[PhoneOut]


class CostOptionOut(Schema):
    id: str
    option: str
    amount: float | None = None
    amount_description: str


class LanguageOut(Schema):
    id: str
    language: str


class ServiceAreaOut(Schema):
    id: str
    service_area: str
    uri: str


class RegularScheduleOut(Schema):
    id: str
    weekday: int
    byday: str
    freq: str
    opens_at: str
    closes_at: str


class ServiceTaxonomyOut(Schema):
    id: str
    taxonomy: TaxonomyOut


class ServiceOut(Schema):
    id: str
    name: str
    description: str
    url: str
    email: str
    status: str
    fees: str
    assured_date: str
    organization: OrganizationOut
    eligibilitys: list[EligibilityOut]
    contacts: list[ContactOut]
    cost_options: list[CostOptionOut]
    languages: list[LanguageOut]
    service_areas: list[ServiceAreaOut]
    service_at_locations: list[ServiceAtLocationOut]
    regular_schedules: list[RegularScheduleOut]
    service_taxonomys: list[ServiceTaxonomyOut]


class Page(Schema):
    """ORUK's paged envelope, shared by every list endpoint."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class ServicePage(Page):
    content: list[ServiceOut]


class TaxonomyPage(Page):
    content: list[TaxonomyOut]


class OrganizationPage(Page):
    content: list[OrganizationOut]


class ServiceAtLocationPage(Page):
    content: list[ServiceAtLocationListOut]
