"""Spot what looks like personal details of a member of the public in free-text notes.

WHY: ambassadors write down what they heard, and the VRU must not collect names or contact
details of the people they talked to. This is a warning, not a guarantee: it catches phone
numbers, e-mail addresses and the commonest shape of a full name (two capitalised words
that are not places, venues or organisations).
"""

import re

from cms.core.areas import AREA_NAMES

PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\d)")
# The look-behind makes a match start only where an address could begin, so a long run of
# letters without an "@" is read once, not once from every letter (which took seconds).
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+")
CAPITALISED_PAIR = re.compile(
    r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)

# Capitalised words that make a pair a place, venue, organisation or date rather than a person.
NOT_NAME_TEXT = """
Academy School College University Centre Center Club Church Mosque Temple Gurdwara
Synagogue Chapel Park Road Street Lane Avenue Square Market Library Hall Estate Station
Shopping Youth Community Council Police Trust Hospital Services Service Group Project
Foundation Ambassador Ambassadors Unit Sports Leisure Forest Green Hill Way City County
North South East West Upper Lower Old New Saint St Primary Secondary High Trent Monday
Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Christmas Easter Eid Diwali Ramadan
Halloween The This That There They Their We Our I It He She His Her A An Nottingham
Nottinghamshire Newark Sherwood Mansfield Ashfield Bassetlaw Broxtowe Gedling Rushcliffe
Bulwell Sneinton Clifton Hyson Radford Lenton Beeston Arnold Carlton Worksop Retford
Hucknall Sutton Kirkby Bridgford Stapleford Eastwood Southwell Ollerton Meadows Bestwood
Aspley Basford Sherwood St Ann's Mapperley Netherfield Calverton Bingham Cotgrave Keyworth
Warsop Woodhouse Harworth Edwinstowe Kimberley NHS VRU Knife Crime Lines Drugs Alcohol
Mental Health Domestic Abuse Online Safety
"""
NOT_NAME_WORDS = set(NOT_NAME_TEXT.lower().split()) | {
    part.lower() for name in AREA_NAMES.values() for part in name.split()
}


def personal_detail_kinds(text: str) -> list[str]:
    """What kinds of personal detail the text seems to contain, e.g. ["a phone number"]."""
    found = []
    if PHONE.search(text):
        found.append("a phone number")
    if EMAIL.search(text):
        found.append("an email address")
    if TITLED_NAME.search(text) or any(
        _looks_like_name(m) for m in CAPITALISED_PAIR.finditer(text)
    ):
        found.append("a full name")
    return found


def _looks_like_name(match: re.Match) -> bool:
    return not any(word.lower() in NOT_NAME_WORDS for word in match.groups())
