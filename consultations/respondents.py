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
from dataclasses import dataclass

from django.core import signing
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


# The e-mailed "come back later" link: signed, for this one purpose only (its own salt), and
# carrying nothing but the consultation and the respondent's one-way token, so the link
# reveals no account and no address. It works until the consultation closes, which the page
# checks when the link is used; a draft once submitted cannot be reopened by it either.
RESUME_LINK_SALT = "consultations.resume-link"


@dataclass(frozen=True)
class ResumeLink:
    """What a resume link says: whose draft (by token), on which consultation, and whether
    the draft belongs to an account (so only that account, signed in, may carry it on)."""

    consultation_id: int
    respondent_token: str
    for_account: bool


def sign_resume_link(link: ResumeLink) -> str:
    payload = {"c": link.consultation_id, "r": link.respondent_token, "a": link.for_account}
    return signing.dumps(payload, salt=RESUME_LINK_SALT, compress=True)


def read_resume_link(value: str) -> ResumeLink | None:
    """The link's contents, or None when it was altered, cut short or made for another use."""
    try:
        payload = signing.loads(value, salt=RESUME_LINK_SALT)
        return ResumeLink(int(payload["c"]), str(payload["r"]), bool(payload["a"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
