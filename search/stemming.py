"""Finding a phrase in any of its word forms, for the SQLite fallback's substring matching.

PostgreSQL stems both the listings and the query, so "jobs" finds "a job". SQLite has no
stemmer, so the fallback looks for each word's root instead: what its English Snowball
(Porter2) stem, the one PostgreSQL's "english" configuration uses, shares with the word
("therapy" stems to "therapi": its root is "therap", which finds "therapist" too).

A root must start a word: as a bare substring it would match inside unrelated words ("hous"
from "housing" in "Woodhouse", "art" in "start"). A root shorter than MIN_ROOT letters is
not used at all. A phrase of several words is looked for word by word in order, each root
followed by the rest of its word, so "talking therapy" finds "talk therapies". What was
typed is still found anywhere, as before: stems only add matches.
"""

from __future__ import annotations

import re
from functools import cache

import snowballstemmer

MIN_ROOT = 3  # "job" from "jobs" is used; a two-letter root would start too many words
REST_OF_WORD = r"\w*"
BETWEEN_WORDS = r"\W+"


@cache
def word_root(word: str) -> str:
    """The start every form of the word shares, or the word itself when that is too short."""
    stem = snowballstemmer.stemmer("english").stemWord(word)
    root = stem
    while not word.startswith(root):  # Porter2 may rewrite an ending: "therapy", "therapi"
        root = root[:-1]
    return root if len(root) >= MIN_ROOT else word


def phrase_lookup(phrase: str) -> tuple[str, str]:
    """A Django lookup and its value that find the phrase in any of its word forms.

    Plain icontains when there is nothing to stem, else a regular expression: the phrase as
    typed, or its roots in order from the start of a word.
    """
    phrase = phrase.lower()
    words = phrase.split()
    roots = [word_root(word) for word in words]
    if roots == words:
        return "icontains", phrase
    in_order = (REST_OF_WORD + BETWEEN_WORDS).join(re.escape(root) for root in roots)
    return "iregex", rf"{re.escape(phrase)}|\b{in_order}"
