"""Marks the glossary's "hard words" where they appear in easy-read text.

On the page, each occurrence becomes a button that describes itself with the word's meaning
(`aria-describedby`), so the meaning is read out on focus and shown on hover or focus by CSS;
without CSS it simply follows the word in brackets.
"""

import re
from collections.abc import Iterable
from itertools import count

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

MARKUP = (
    '<span class="hub-hard-word">'
    '<button type="button" class="hub-hard-word__term" aria-describedby="{id}">{word}</button>'
    '<span class="hub-hard-word__meaning" id="{id}" role="tooltip">'
    '<span class="govuk-visually-hidden"> (</span>{meaning}'
    '<span class="govuk-visually-hidden">)</span></span></span>'
)

SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")


class HardWordMarker:
    """Wraps every glossary term in the texts of one page, with ids unique on that page."""

    def __init__(self, glossary: Iterable[tuple[str, str]], id_prefix: str = "hard-word"):
        glossary = [(term, meaning) for term, meaning in glossary if term.strip()]
        self.meanings = {term.lower(): meaning for term, meaning in glossary}
        # Terms written in lower case are common words; a capital inside a sentence makes
        # them part of a name ("the Violence Reduction Unit"), which is not explained.
        self.common = {term.lower() for term, _meaning in glossary if term[0].islower()}
        self.id_prefix = id_prefix
        self._numbers = count(1)
        # Longest first so "Violence Reduction Unit" wins over "violence".
        terms = sorted(self.meanings, key=len, reverse=True)
        alternatives = "|".join(re.escape(term) for term in terms)
        self.pattern = (
            re.compile(rf"\b(?P<term>{alternatives})(?:s|es)?\b", re.IGNORECASE) if terms else None
        )

    def mark(self, text: str) -> SafeString:
        """Escape `text` and wrap each hard word in it."""
        if self.pattern is None:
            return mark_safe(escape(text))
        pieces, position = [], 0
        for match in self.pattern.finditer(text):
            if self._in_a_name(text, match):
                continue
            pieces.append(escape(text[position : match.start()]))
            term = match.group("term").lower()
            pieces.append(self.markup(match.group(0), term))
            position = match.end()
        pieces.append(escape(text[position:]))
        return mark_safe("".join(pieces))

    def _in_a_name(self, text: str, match: re.Match[str]) -> bool:
        term = match.group("term")
        if term.lower() not in self.common or not term[0].isupper():
            return False
        return not SENTENCE_START.search(text[: match.start()])

    def markup(self, word: str, term: str) -> SafeString:
        """One occurrence of a hard word, as the page shows it."""
        return format_html(
            MARKUP,
            id=f"{self.id_prefix}-{next(self._numbers)}",
            word=word,
            meaning=self.meanings[term],
        )


class PrintedHardWordMarker(HardWordMarker):
    """For the PDF: every hard word highlighted, and explained in brackets where it first
    appears, since paper has no hover (the list at the end explains them all again)."""

    def __init__(self, glossary: Iterable[tuple[str, str]]):
        super().__init__(glossary)
        self._explained: set[str] = set()

    def markup(self, word: str, term: str) -> SafeString:
        if term in self._explained:
            return format_html('<strong class="hard-word">{}</strong>', word)
        self._explained.add(term)
        return format_html(
            '<strong class="hard-word">{}</strong> <span class="meaning">({})</span>',
            word,
            self.meanings[term],
        )
