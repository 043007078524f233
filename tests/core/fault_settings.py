"""Settings of the Celery worker the fault tests start and kill (tests/core/test_faults.py).

As the test settings, with a real broker, mail filed by `StallingBackend`, and a visibility
timeout of seconds so the task of a killed worker comes back quickly.
"""

from cms.settings.test import *  # noqa: F403
from cms.settings.test import CELERY_BROKER_TRANSPORT_OPTIONS

EMAIL_BACKEND = "tests.core.stalling_mail.StallingBackend"
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": 2,
    "unacked_restore_interval": 0.2,
}
