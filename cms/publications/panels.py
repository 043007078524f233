"""The easy-read check shown inside the page editor."""

from collections.abc import Mapping
from typing import Any

from wagtail.admin.panels import Panel


class EasyReadCheckPanel(Panel):
    """Shows the checker's findings for the draft being edited (as last saved). The live
    preview's "Easy-read check" mode shows the same findings as the editor types."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publications/admin/check_panel.html"

        def get_context_data(
            self, parent_context: Mapping[str, Any] | None = None
        ) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["report"] = self.instance.check_report()
            return context
