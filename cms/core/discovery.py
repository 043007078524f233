"""Find a module by the same name in each of the project's own apps.

WHY: cms/core must not import the apps, yet some chores span them all (loading demo
content, gathering a person's data). Each app provides a module with an agreed name
(`demo.py`, `personal_data.py`) and the core finds it, in INSTALLED_APPS order, so adding
an app never means editing a list here.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule


def project_app_modules(name: str) -> Iterator[ModuleType]:
    """`<app>.<name>` for every installed app of this project (not third-party) that has one."""
    for config in apps.get_app_configs():
        if _is_project_app(config) and module_has_submodule(config.module, name):
            yield import_module(f"{config.name}.{name}")


def _is_project_app(config: AppConfig) -> bool:
    """An app whose top-level package sits in the project folder itself. (A virtualenv inside
    the project folder holds the libraries, one level down, so they never count.)"""
    top_level = import_module(config.name.partition(".")[0])
    folders = [Path(folder).resolve().parent for folder in top_level.__path__]
    return Path(settings.BASE_DIR).resolve() in folders
