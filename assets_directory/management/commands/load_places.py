"""Load the town, village and neighbourhood names residents can type instead of a postcode."""

from typing import Any

from django.core.management.base import BaseCommand

from assets_directory.places import load_places


class Command(BaseCommand):
    help = (
        "Add Nottingham's wards and neighbourhoods (data/neighbourhoods.json) and GeoNames' "
        "towns and villages of 500+ people around Nottinghamshire. Running it again adds nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_places()
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Added {added} places."))
