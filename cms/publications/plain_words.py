"""Which words an easy-read reader knows without help.

WHY a word list and not a syllable count: "Saturday" and "everyone" have three syllables and
everyone knows them, while "mentor" has two and many readers do not. Trained easy-read writers
ask "would the reader use this word every day?", so the checker asks a list of such words.

The list is the Dale-Chall list of about 3,000 familiar words (words most children know by
the age of nine or ten; Chall and Dale, 1995), as shipped by the `textstat` package we already
depend on. `EVERYDAY_EXTRA` adds everyday words the list is too old or too American to hold.
`JARGON` takes out words that are familiar in form but are jargon in public-sector writing
("our partners", "services"): the Local Government Association's list of words councils should
not use and the Plain English Campaign's A to Z of alternative words name them.
"""

from functools import cache
from importlib import resources

DALE_CHALL = ("textstat", "resources/en/easy_words.txt")


def words(text: str) -> frozenset[str]:
    """The words of a list written out as text, one or more a line."""
    return frozenset(text.split())


# Everyday British English and words for modern life that the Dale-Chall list lacks.
EVERYDAY_EXTRA = words(
    """
    adult adults phone mobile email online website internet text app computer
    mum dad gran grandad nan telly tv ok okay
    staff local drug drugs alcohol doctor nurse hospital dentist chemist
    bus train taxi shop supermarket pub club cafe park street road
    council police job jobs money bill bills rent benefit
    friend friends family carer child children teenager teenagers
    feel feeling feelings safe unsafe scared angry sad happy upset worried
    plan plans help helpful problem problems
    """
)

# Familiar in form, but jargon in public-sector writing: say who or what is meant instead.
JARGON = words(
    """
    partner partnership service provision provider stakeholder deliver delivery engage
    engagement agency framework strategy strategic initiative scheme capacity outcome
    outcomes empower empowerment tackle facilitate prioritise resource resources
    """
)

SUFFIXES = ("'s", "\u2019s", "s", "es", "ed", "d", "ing", "er", "est", "ly", "ies", "ied")


@cache
def familiar_words() -> frozenset[str]:
    """The Dale-Chall list and the everyday additions, lower case, without the jargon."""
    package, path = DALE_CHALL
    listed = (resources.files(package) / path).read_text(encoding="utf-8").split()
    return (frozenset(word.lower() for word in listed) | EVERYDAY_EXTRA) - JARGON


def base_forms(word: str) -> list[str]:
    """The word and the forms it may come from: "helped" -> "help", "stories" -> "story",
    "stopping" -> "stop", "lives" -> "live"."""
    word = word.lower().replace("\u2019", "'")
    forms = [word]
    for suffix in SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        stem = word[: -len(suffix)]
        forms.append(stem)
        if suffix in ("ies", "ied"):
            forms.append(stem + "y")
        if suffix in ("ed", "ing", "er", "est"):
            forms.append(stem + "e")  # lived -> live
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # stopped -> stop
    return forms


def is_familiar(word: str) -> bool:
    """True when a reader knows the word without help; jargon is never familiar."""
    forms = base_forms(word)
    if any(form in JARGON for form in forms):
        return False
    familiar = familiar_words()
    return any(form in familiar for form in forms)


def is_jargon(word: str) -> bool:
    return any(form in JARGON for form in base_forms(word))
