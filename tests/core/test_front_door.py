"""The front door over HTTP: the ways in, one site search, error pages, sitemap, favicon,
and the e-mails that name the site and link to its public address."""

import re
from xml.etree import ElementTree

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from cms.core.models import HOME_TASKS
from tests.directory.factories import OrganisationFactory, publish_service
from tests.factories import StandardPageFactory
from tests.publications.factories import PublicationIndexPageFactory, PublicationPageFactory


def title(html: str) -> str:
    """The page's <title>, its white space collapsed as a screen reader reads it."""
    return " ".join(re.search(r"<title>(.*?)</title>", html, re.S)[1].split())


def test_home_page_states_its_purpose_offers_a_search_and_every_task_once(client, home_page):
    html = client.get("/").content.decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html)[1]
    assert h1 == "Find local help and have your say" and h1 != home_page.title
    assert re.search(r'<form[^>]+action="/services/"[^>]*role="search"', html)
    assert 'name="q"' in html and 'for="home-search"' in html
    cards = re.findall(r'<li class="hub-card">\s*<h3[^>]*><a[^>]+href="([^"]+)"', html)
    assert cards == [task.url for task in HOME_TASKS]
    assert len(cards) == 6 == len(set(cards))
    assert "/ambassadors/" in cards and "/services/provider/" in cards


def test_list_your_service_is_linked_from_directory_listing_and_account(
    client, home_page, make_user
):
    service = publish_service(name="Clifton Boxing Club", categories=["sport-and-fitness"])
    provider_url = reverse("assets_directory:provider")
    assert f'href="{provider_url}">List your service' in client.get("/services/").content.decode()
    listing = client.get(service.get_absolute_url()).content.decode()
    claim = reverse("assets_directory:claim_organisation", args=[service.organisation.slug])
    assert "Is this your service?" in listing and f'href="{claim}">Update it' in listing
    client.force_login(make_user(username="vol", email="vol@example.org"))
    account = client.get("/account/").content.decode()
    assert f'href="{provider_url}">List your service</a>' in account
    assert "govuk-button--warning" not in account  # deleting is a link, not the main button


def test_provider_area_explains_the_steps_before_asking_anyone_to_sign_in(client, home_page):
    response = client.get("/services/provider/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">List your service</h1>' in html
    assert 'href="/accounts/signup/?next=/services/provider/"' in html
    assert 'href="/accounts/login/?next=/services/provider/"' in html


def test_site_search_finds_services_pages_and_publications_and_is_in_the_header(client, home_page):
    publish_service(name="Clifton Boxing for Girls", description="Boxing for girls aged 11 to 16.")
    publish_service(name="Bulwell Chess Club", description="Chess on Tuesdays.")
    StandardPageFactory(parent=home_page, title="Sport against violence", introduction="Boxing")
    index = PublicationIndexPageFactory(parent=home_page)
    PublicationPageFactory(parent=index, title="Boxing clubs review", summary="What boxing does.")
    response = client.get("/search/", {"q": "boxing"})
    html = response.content.decode()
    assert "Services: 1 result" in html and "Clifton Boxing for Girls" in html
    assert "Bulwell Chess Club" not in html
    assert "Pages and publications: 2 results" in html
    assert "Sport against violence" in html and "Boxing clubs review" in html
    assert 'href="/services/?q=boxing"' in html
    assert 'href="/search/"' in client.get("/").content.decode()


def test_site_search_titles_say_which_page_of_results(client, home_page):
    for n in range(12):
        StandardPageFactory(parent=home_page, title=f"Mentoring page {n}", introduction="mentor")
    first = client.get("/search/", {"q": "mentor"}).content.decode()
    second = client.get("/search/", {"q": "mentor", "page": 2}).content.decode()
    assert "<title>Search results for \u2018mentor\u2019 (page 1 of 2)" in first
    assert "<title>Search results for \u2018mentor\u2019 (page 2 of 2)" in second


def test_missing_page_uses_the_sites_layout(client, home_page):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    html = missing.content.decode()
    assert "Page not found" in html and 'id="main-content"' in html
    assert 'href="/search/"' in html


def test_forbidden_page_uses_the_sites_layout(client, home_page, make_user):
    client.force_login(make_user(username="stranger", email="s@example.org"))
    organisation = OrganisationFactory(name="Bulwell Youth Trust")
    response = client.get(reverse("assets_directory:service_add", args=[organisation.slug]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot see this page" in html and 'id="main-content"' in html


def test_server_error_page_renders_without_a_request_context(home_page, rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))  # Django renders 500.html with an empty context
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html and 'id="main-content"' in html


def test_sitemap_lists_pages_and_findable_services(client, home_page):
    service = publish_service(name="Meadows Mentoring")
    about = StandardPageFactory(parent=home_page, title="About us", slug="about-us")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [el.text for el in ElementTree.fromstring(response.content).findall(".//s:loc", ns)]
    assert any(loc.endswith(about.url) for loc in locations)
    assert any(loc.endswith(service.get_absolute_url()) for loc in locations)


def test_favicon_is_linked_and_served(client, home_page):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.ico"
    assert client.get("/static/favicon.ico").status_code == 200


def test_accessibility_statement_has_every_part_of_the_model_statement(client, home_page):
    html = client.get("/accessibility/").content.decode()
    for part in (
        "Compliance status",
        "partially compliant",
        "Non-accessible content",
        "Feedback and contact information",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Equality Advisory and Support Service",
        "Preparation of this accessibility statement",
        "This statement was prepared on 2 December 2026",
        "last reviewed on 2 December 2026",
    ):
        assert part in html, part


@override_settings(WAGTAILADMIN_BASE_URL="https://hub.example.org")
def test_verification_email_names_the_site_and_links_to_its_public_address(
    client, home_page, django_capture_on_commit_callbacks
):
    from django.contrib.sites.models import Site

    Site.objects.clear_cache()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "new@example.org",
                "password1": "a-long-passphrase-42",
                "password2": "a-long-passphrase-42",
            },
            HTTP_HOST="internal-host:8080",
        )
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "Hello from Notts Community Hub!" in body
    assert "https://hub.example.org/accounts/confirm-email/" in body
    assert "internal-host" not in body


def test_sign_in_pages_use_plain_sentence_case_words_and_specific_errors(client, home_page):
    page = client.get("/accounts/login/").content.decode()
    assert title(page).startswith("Sign in") and "Sign In" not in page
    assert "placeholder=" not in page
    assert 'autocomplete="email"' in page
    errors = client.post("/accounts/login/", {"login": "", "password": ""}).content.decode()
    assert title(errors).startswith("Error: Sign in")
    assert "Enter your email address" in errors and "Enter your password" in errors
    assert "This field is required" not in errors
    signup = client.post("/accounts/signup/", {"email": "x@example.org"}).content.decode()
    assert "Create an account" in signup and "Sign Up" not in signup
    assert "Enter a password" in signup and "Enter the password again" in signup
