"""Recorded gaps show on the Gaps page, and actions on the Response Strategy tracker: any
edit to a gap, an action, its updates or linked consultations, or to the outreach counted
as a gap's evidence, drops the cached pages once it commits. (The consultations' own pages
changing drops them through the pages tag.)"""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from ambassadors.evidence import when_outreach_changes
from cms.core import page_cache

from .coverage import GAPS
from .models import ActionConsultation, Gap, ProgressUpdate, StrategyAction


@receiver(post_save, sender=Gap)
@receiver(post_delete, sender=Gap)
@receiver(m2m_changed, sender=Gap.areas.through)
@receiver(m2m_changed, sender=Gap.consultations.through)
@receiver(m2m_changed, sender=Gap.outreach_topics.through)
@receiver(post_save, sender=StrategyAction)
@receiver(post_delete, sender=StrategyAction)
@receiver(post_save, sender=ProgressUpdate)
@receiver(post_delete, sender=ProgressUpdate)
@receiver(post_save, sender=ActionConsultation)
@receiver(post_delete, sender=ActionConsultation)
def _gaps_changed(sender: type, **kwargs: Any) -> None:
    page_cache.changed(GAPS)


when_outreach_changes(_gaps_changed)
