"""Who gave a response, kept only as a one-way token: one response per person, no names.

WHY: a response held the account's id until twelve months after the consultation closed, so
anyone with the database could read who said what. Now the response holds a keyed HMAC of
the account and the consultation (or, for someone not signed in, of their resume code): the
site can still find a person's own response, and refuse them a second one, but the token
cannot be turned back into the account, and it differs per consultation, so responses
cannot be linked to each other either. The key is SECRET_KEY (salted for this use only);
rotating it detaches every draft from its owner, as anonymisation would.
"""

import secrets

from django.utils.crypto import salted_hmac

_SALT = "consultations.respondent-token"
# No 0/O or 1/I/L: codes are read off a screen and typed in on another device.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_CODE_LENGTH = 12


def account_token(user_id: int, consultation_id: int) -> str:
    return salted_hmac(
        _SALT, f"account:{user_id}:{consultation_id}", algorithm="sha256"
    ).hexdigest()


def resume_code_token(code: str, consultation_id: int) -> str:
    normalised = normalise_resume_code(code)
    return salted_hmac(
        _SALT, f"code:{normalised}:{consultation_id}", algorithm="sha256"
    ).hexdigest()


def new_resume_code() -> str:
    """A code to carry on an anonymous draft from any browser (about 59 bits of chance)."""
    return "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_CODE_LENGTH))


def normalise_resume_code(code: str) -> str:
    """What people type: spaces, dashes and lower case are forgiven."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def display_resume_code(code: str) -> str:
    """`ABCDEFGHJKMN` -> `ABCD-EFGH-JKMN`, easier to read out and copy."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
