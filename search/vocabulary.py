""" "Did you mean": a misspelt word respelt from the words the indexed listings use.

Every engine's `index` goes through the database engine (the fallback engine indexes both),
which remembers each listing's words here. Words are only added: a word whose listings have
gone is a rare, harmless suggestion, and a full rebuild of the index starts afresh.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from .engine import DirectoryDocument
from .models import DirectoryWord
from .thesaurus import STOP_WORDS, understand

WORD = re.compile(r"[a-z]{3,40}")
CLOSE_ENOUGH = 0.75


def remember(documents: Iterable[DirectoryDocument]) -> None:
    words = {
        word
        for doc in documents
        for word in WORD.findall(f"{doc.name} {doc.keywords} {doc.body}".lower())
    }
    DirectoryWord.objects.bulk_create(
        (DirectoryWord(word=word) for word in sorted(words)), ignore_conflicts=True
    )


def respell(text: str) -> str:
    """The text with each word the listings never use replaced by the nearest one they do;
    "" when every word is known (or nothing near is)."""
    words = [w for concept in understand(text).concepts for w in concept[0].split()]
    typed = [w for w in words if WORD.fullmatch(w) and w not in STOP_WORDS]
    known = set(DirectoryWord.objects.filter(word__in=typed).values_list("word", flat=True))
    changed = False
    respelt = []
    for word in words:
        if word in known or word not in typed or len(word) < 4:
            respelt.append(word)
            continue
        nearby = DirectoryWord.objects.filter(word__startswith=word[0]).values_list(
            "word", flat=True
        )
        close = difflib.get_close_matches(word, list(nearby), n=1, cutoff=CLOSE_ENOUGH)
        changed = changed or bool(close)
        respelt.append(close[0] if close else word)
    return " ".join(respelt) if changed else ""
