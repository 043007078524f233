"""The shapes of the Open Referral UK 3.0 records this API returns (UK profile names).

django-ninja turns these into the OpenAPI document at /api/openapi.json and checks every
response against them, so the document and the data cannot drift apart. Optional fields
are left out of a response when empty (the routes use `exclude_none`), as ORUK asks.
Field names and formats are those of HSDS 3.0 `schema/*.json` with the UK profile's
`profile/*.json` changes; the conformance tests check our records against those files.
"""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    error: str
    detail: list[dict] | str | None = None


class ApiInfoOut(Schema):
    version: str
    profile: str
    openapi_url: str


class TaxonomyTermOut(Schema):
    id: str
    name: str
    description: str
    code: str | None = None
    parent_id: str | None = None
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    term_uri: str | None = None
    term: str | None = None


class TaxonomyOut(Schema):
    id: str
    name: str
    description: str
    version: str | None = None
    uri: str | None = None
    taxonomy_terms: list[TaxonomyTermOut] | None = None


class AttributeOut(Schema):
    id: str
    link_type: str | None = None
    link_entity: str | None = None
    link_id: str | None = None
    taxonomy_term_id: str
    taxonomy_term: TaxonomyTermOut


class OrganizationOut(Schema):
    id: str
    name: str
    description: str
    email: str | None = None
    website: str | None = None


class AddressOut(Schema):
    id: str
    location_id: str | None = None
    address_1: str | None = None
    city: str | None = None
    state_province: str | None = None
    postal_code: str | None = None
    country: str
    address_type: str


class AccessibilityOut(Schema):
    id: str
    description: str


class LocationOut(Schema):
    id: str
    location_type: str
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[AddressOut] | None = None
    accessibility: list[AccessibilityOut] | None = None


class PhoneOut(Schema):
    id: str
    number: str


class ContactOut(Schema):
    id: str
    name: str | None = None
    title: str | None = None
    email: str | None = None
    phones: list[PhoneOut] | None = None


class CostOptionOut(Schema):
    id: str
    option: str | None = None
    amount: float | None = None
    currency: str | None = None
    amount_description: str | None = None


class LanguageOut(Schema):
    id: str
    name: str | None = None
    code: str | None = None


class ServiceAreaOut(Schema):
    id: str
    name: str | None = None
    service_area: str | None = None
    uri: str | None = None


class ScheduleOut(Schema):
    id: str
    service_id: str | None = None
    freq: str
    interval: int
    byday: str
    opens_at: str
    closes_at: str


class ServiceAtLocationOut(Schema):
    id: str
    location: LocationOut


class ServiceSummaryOut(Schema):
    """HSDS service_list: the service's one-to-one fields and its organization."""

    id: str
    name: str
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str
    fees: str | None = None
    eligibility_description: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: str | None = None
    last_modified: str | None = None
    organization: OrganizationOut


class ServiceOut(ServiceSummaryOut):
    contacts: list[ContactOut] | None = None
    cost_options: list[CostOptionOut] | None = None
    languages: list[LanguageOut] | None = None
    service_areas: list[ServiceAreaOut] | None = None
    service_at_locations: list[ServiceAtLocationOut] | None = None
    schedules: list[ScheduleOut] | None = None
    attributes: list[AttributeOut] | None = None


class ServiceAtLocationListOut(Schema):
    id: str
    service_id: str
    location_id: str
    location: LocationOut
    service: ServiceSummaryOut


class ServiceAtLocationFullOut(ServiceAtLocationListOut):
    service: ServiceOut


class OrganizationFullOut(OrganizationOut):
    services: list[ServiceSummaryOut]


class Page(Schema):
    """HSDS 3.0's Page: the header of every list (`size` is the items on this page)."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class ServicePage(Page):
    contents: list[ServiceSummaryOut]


class TaxonomyPage(Page):
    contents: list[TaxonomyOut]


class TaxonomyTermPage(Page):
    contents: list[TaxonomyTermOut]


class OrganizationPage(Page):
    contents: list[OrganizationOut]


class ServiceAtLocationPage(Page):
    contents: list[ServiceAtLocationListOut]
