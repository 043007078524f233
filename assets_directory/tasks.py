"""Background jobs for the directory. (The index update, `indexing.update_directory_index`,
is queued by `lifecycle` once a change commits.)"""

from celery import shared_task
from django.utils import timezone

from . import review
from .geocoding import get_geocoder, normalise_postcode
from .indexing import enqueue_index_update
from .models import Location, ServiceAtLocation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def geocode_location(location_id: int) -> bool:
    """Find a location's point from its postcode. A live geocoder may be slow, so it runs here."""
    location = Location.objects.filter(pk=location_id).first()
    postcode = normalise_postcode(location.postal_code) if location else None
    point = get_geocoder().geocode(postcode) if postcode else None
    if point is None:
        return False
    Location.objects.filter(pk=location_id).update(
        latitude=point.latitude, longitude=point.longitude
    )
    links = ServiceAtLocation.objects.filter(location_id=location_id)
    enqueue_index_update(links.values_list("service_id", flat=True))
    return True


@shared_task
def review_cycle() -> dict[str, int]:
    """Daily: remind providers at 12 months, hide listings at 18 months (never delete)."""
    today = timezone.localdate()
    return {"reminded": review.send_reminders(today), "hidden": len(review.hide_overdue(today))}
