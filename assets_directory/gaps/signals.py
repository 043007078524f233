"""Recorded gaps show on the Gaps page: any edit to one (or to the actions they link to)
drops the cached page once it commits."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from cms.core import page_cache

from .coverage import GAPS
from .models import Gap, StrategyAction


@receiver(post_save, sender=Gap)
@receiver(post_delete, sender=Gap)
@receiver(m2m_changed, sender=Gap.areas.through)
@receiver(post_save, sender=StrategyAction)
@receiver(post_delete, sender=StrategyAction)
def _gaps_changed(sender: type, **kwargs: Any) -> None:
    page_cache.changed(GAPS)
