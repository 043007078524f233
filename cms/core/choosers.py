"""Wagtail's choosers show only what the person may see.

WHY: a snippet chooser (`/admin/snippets/choose/<app>/<model>/`) is open to anyone who can
reach the admin, whatever their rights on the model, so an ambassador coordinator could list
draft listings, organisation claims and proposed gaps through it. Every snippet viewset of
the project inherits `HubSnippetViewSet`, whose chooser asks for a right on the model (any of
add, change, delete or view), checked by `has_perm` like every other staff screen. The page
chooser shows draft pages only to those who may edit pages (cms/core/wagtail_hooks.py).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

CHOOSER_ACTIONS = ["add", "change", "delete", "view"]


class ModelRightRequired:
    """For a chooser view: 403 unless the user holds a right on the model being chosen."""

    model_class: Any

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        policy = ModelPermissionPolicy(self.model_class)
        if not policy.user_has_any_permission(request.user, CHOOSER_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ChooseView(ModelRightRequired, chooser.ChooseView):
    pass


class ChooseResultsView(ModelRightRequired, chooser.ChooseResultsView):
    pass


class ChosenView(ModelRightRequired, chooser.SnippetChosenView):
    pass


class ChosenMultipleView(ModelRightRequired, chooser.SnippetChosenMultipleView):
    pass


class CreateView(ModelRightRequired, chooser.SnippetCreateView):
    pass


class PermissionCheckedChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView


class HubSnippetViewSet(SnippetViewSet):
    """The base of every snippet viewset in the project: its chooser checks rights."""

    chooser_viewset_class = PermissionCheckedChooserViewSet
