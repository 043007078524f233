import pytest
from django.core.management import call_command


@pytest.fixture
def postcodes(db):
    """The bundled ONS Postcode Directory extract, loaded the way an operator loads it."""
    call_command("load_postcodes", verbosity=0)
