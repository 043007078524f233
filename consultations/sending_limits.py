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


def has_had_its_share(purpose: str, value: str, limit: int) -> bool:
    """True once `value` (an address, a network address) has been counted `limit` times."""
    return bool(cache.get(_key(purpose, value), 0) >= limit)


def count_one(purpose: str, value: str, seconds: int) -> None:
    """Count one more for `value`, forgotten `seconds` after this count."""
    key = _key(purpose, value)
    cache.set(key, cache.get(key, 0) + 1, timeout=seconds)


def _key(purpose: str, value: str) -> str:
    """Only a keyed hash of the value is kept, never the value itself."""
    return f"{purpose}:{salted_hmac(purpose, value.strip().lower()).hexdigest()}"


def may_send_to(purpose: str, email: str) -> bool:
    """Count one link of this purpose to `email`; False (and nothing counted) once it has
    had its share for the day."""
    recipient = f"link-recipient:{purpose}"
    if has_had_its_share(recipient, email, MAX_LINKS_PER_RECIPIENT_DAY):
        return False
    count_one(recipient, email, _DAY)
    return True
