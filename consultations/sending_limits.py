"""How many links one e-mail address is sent, whoever asks for them.

WHY: the alert and resume-link forms e-mail any address typed in. Their limits per browser
and per network address stop one visitor, but someone with fresh browsers (or many network
addresses) could still fill another person's inbox. So each address also gets only a few
links a day, whoever asks. The address is kept only as a keyed hash, in the cache, for the
day, and whoever asks sees the same answer either way, so this tells nobody anything.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac

MAX_LINKS_PER_RECIPIENT_DAY = 3
_DAY = 24 * 60 * 60


def may_send_to(purpose: str, email: str) -> bool:
    """Count one link of this purpose to `email`; False (and nothing counted) once it has
    had its share for the day."""
    digest = salted_hmac(f"link-recipient:{purpose}", email.strip().lower()).hexdigest()
    key = f"link-recipient:{purpose}:{digest}"
    sent = cache.get(key, 0)
    if sent >= MAX_LINKS_PER_RECIPIENT_DAY:
        return False
    cache.set(key, sent + 1, timeout=_DAY)
    return True
