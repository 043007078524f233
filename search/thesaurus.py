"""What residents type, turned into the words listings use: one source for every engine.

Written from the residents' side: a parent, a young person or a support worker types
"skint", "DV", "CAMHS", "my lad's being groomed" or "talking therapy", and a listing says
"money advice", "domestic abuse", "children's mental health", "exploitation" or
"counselling". `understand(text)` drops stop phrases ("help with", "somewhere for",
"my daughter") and returns the *concepts* the query asks for, each a tuple of alternative
phrases (what was typed first, then what listings say). Engines match a listing when it has
some phrase of every concept, or, when none has all, rank by how many concepts it has.

Lines of data/resident_words.txt read "what residents type, ... => what listings say, ...". Phrases
are lower case; the database and search engines stem and fold case themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESIDENT_WORDS = Path(__file__).resolve().parent / "data" / "resident_words.txt"

# Removed before matching: they say who asks or how, not what for.
STOP_PHRASES = (
    "i need help with",
    "i need help",
    "i need",
    "i want",
    "looking for",
    "im looking for",
    "i'm looking for",
    "help with",
    "help for",
    "help me with",
    "somewhere for",
    "somewhere to",
    "something for",
    "anything for",
    "services for",
    "service for",
    "support for",
    "near me",
    "nearby",
    "close to me",
    "around here",
    "in my area",
    "local",
    "my daughter",
    "my son",
    "my child",
    "my kids",
    "my kid",
    "my children",
    "my teenager",
    "my friend",
    "my mum",
    "my dad",
    "my family",
    "for me",
    "for my",
    "please",
    "where can i get",
    "where can i",
    "where is",
    "how do i",
    "how can i",
    "who can",
    "can someone",
    "is there",
    "are there",
    "what is",
    "in nottingham",
    "in notts",
    "year old",
    "years old",
    "year olds",
    "my parents",
    "by my parents",
    "my carer",
    "in the evening",
    "in the evenings",
    "at the weekend",
    "at weekends",
    "tonight",
    "today",
)
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "with",
        "my",
        "me",
        "i",
        "im",
        "i'm",
        "our",
        "we",
        "is",
        "are",
        "be",
        "been",
        "get",
        "got",
        "can",
        "some",
        "any",
        "there",
        "near",
        "by",
        "from",
        "who",
        "what",
        "where",
        "how",
        "it",
        "its",
        "that",
        "this",
        "help",
        "helps",
        "support",
        "advice",
        "service",
        "services",
        "info",
        "information",
        "free",
        "cheap",
        "please",
        "need",
        "want",
        "being",
        "has",
        "have",
        "was",
        "do",
        "does",
        "go",
        "going",
        "about",
    ]
)
MAX_CONCEPTS = 8


@dataclass(frozen=True)
class Understood:
    """A query as concepts: each a tuple of alternative phrases, what was typed first."""

    concepts: tuple[tuple[str, ...], ...]
    excluded: tuple[str, ...] = ()  # words typed with a leading "-": listings without them

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(concept[0] for concept in self.concepts)


@cache
def _thesaurus() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in RESIDENT_WORDS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typed, listings = line.split("=>")
        targets = tuple(_plain(t) for t in listings.split(","))
        for phrase in typed.split(","):
            table[_plain(phrase)] = targets
    return table


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("-", " ")).split())


def understand(text: str) -> Understood:
    """The concepts in a resident's query (see the module's docstring)."""
    tokens = text.split()
    excluded = tuple(_plain(t[1:]) for t in tokens if t.startswith("-") and _plain(t[1:]))
    plain = f" {_plain(' '.join(t for t in tokens if not t.startswith('-')))} "
    for phrase in sorted(STOP_PHRASES, key=len, reverse=True):
        plain = plain.replace(f" {phrase} ", " ")
    words = plain.split()
    table = _thesaurus()
    longest = max(len(key.split()) for key in table)
    concepts: list[tuple[str, ...]] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            if phrase in table:
                concepts.append(tuple(dict.fromkeys((phrase, *table[phrase]))))
                i += size
                break
        else:
            word = words[i].strip("'")
            if word and word not in STOP_WORDS and not word.isdigit():
                concepts.append((word,))
            i += 1
    unique = tuple(dict.fromkeys(concepts))
    return Understood(unique[:MAX_CONCEPTS], excluded)


def solr_synonyms() -> list[str]:
    """The thesaurus as Solr synonym rules ("typed => typed, listing words"), for search
    engines that expand at analysis time."""
    return [
        f"{typed} => {', '.join(dict.fromkeys((typed, *targets)))}"
        for typed, targets in _thesaurus().items()
        if "'" not in typed
    ]
