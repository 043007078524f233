from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    """Long documents (the SNA, the Response Strategy) and their easy-read versions.

    Holds no personal data: pages, glossaries and generated PDFs only, so it has no
    `personal_data.py`.
    """

    name = "cms.publications"
    label = "publications"
    verbose_name = "Publications"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects page_published to PDF generation)
