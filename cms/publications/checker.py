"""The easy-read checker: plain-language rules from the Mencap and Department of Health
easy-read guidance, applied to the words an editor wrote.

Pure functions over plain data, so the same check runs in the editor's panel, in the live
preview, before publishing and in tests. Missing pictures and alt text block publishing
(a reader who relies on the picture gets nothing); the rest are warnings, because plain
language needs a person's judgement, not a rule's.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import textstat

MAX_WORDS_PER_SENTENCE = 15
HARD_WORD_SYLLABLES = 3
# Flesch reading ease: 70+ is "fairly easy" or easier; easy read should be at least that.
MIN_READING_EASE = 70

LONG_SENTENCE = "long_sentence"
HARD_WORD = "hard_word"
PASSIVE_VOICE = "passive_voice"
MISSING_PICTURE = "missing_picture"
MISSING_ALT_TEXT = "missing_alt_text"
LOW_READABILITY = "low_readability"
BLOCKING_RULES = frozenset({MISSING_PICTURE, MISSING_ALT_TEXT})

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")
BE_OR_GET = r"am|is|are|was|were|be|been|being|get|gets|got|gotten|getting"
IRREGULAR_PARTICIPLES = (
    "beaten|bitten|born|brought|built|caught|chosen|done|driven|found|given|heard|held|hit|"
    "hurt|kept|known|left|lost|made|paid|put|run|said|seen|sent|set|shot|shown|sold|spent|"
    "spoken|stolen|taken|taught|told|thrown|understood|won|written"
)
ADVERBS = r"\w+ly|not|never|often|also|always|still|just|sometimes|usually"
PASSIVE = re.compile(
    rf"\b(?:{BE_OR_GET})\s+(?:(?:{ADVERBS})\s+)?(?P<verb>\w+ed|{IRREGULAR_PARTICIPLES})\b",
    re.IGNORECASE,
)
# Words ending in -ed that are not past participles.
NOT_PARTICIPLES = frozenset({"bed", "red", "need", "seed", "speed", "feed", "shed", "hundred"})


@dataclass(frozen=True)
class TextPart:
    """One piece of the page to check: a row (picture + idea) or a heading."""

    label: str
    text: str
    needs_picture: bool = False
    has_picture: bool = False
    alt_text: str = ""


@dataclass(frozen=True)
class Finding:
    rule: str
    where: str
    message: str

    @property
    def blocks_publishing(self) -> bool:
        return self.rule in BLOCKING_RULES


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    reading_ease: float | None = None

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.blocks_publishing]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.blocks_publishing]

    def rules(self) -> set[str]:
        return {finding.rule for finding in self.findings}


def check(parts: Iterable[TextPart], glossary: Iterable[str] = ()) -> Report:
    """Check every part against every rule; `glossary` holds the explained "hard words"."""
    parts = list(parts)
    explained = _explained_words(glossary)
    report = Report()
    for part in parts:
        report.findings += _picture_findings(part)
        for sentence in sentences(part.text):
            report.findings += _sentence_findings(part.label, sentence, explained)
    all_text = " ".join(part.text for part in parts if part.text.strip())
    if all_text:
        report.reading_ease = round(textstat.flesch_reading_ease(all_text), 1)
        if report.reading_ease < MIN_READING_EASE:
            report.findings.append(
                Finding(
                    LOW_READABILITY,
                    "Whole page",
                    f"Reading ease score is {report.reading_ease}. Aim for "
                    f"{MIN_READING_EASE} or more: use shorter words and sentences.",
                )
            )
    return report


def sentences(text: str) -> list[str]:
    return [piece.strip() for piece in SENTENCE_END.split(text) if piece.strip()]


def _picture_findings(part: TextPart) -> list[Finding]:
    if not part.needs_picture:
        return []
    if not part.has_picture:
        return [Finding(MISSING_PICTURE, part.label, "Add a picture for this idea.")]
    if not part.alt_text.strip():
        return [Finding(MISSING_ALT_TEXT, part.label, "Describe the picture in the alt text.")]
    return []


def _sentence_findings(label: str, sentence: str, explained: set[str]) -> list[Finding]:
    findings = []
    words = WORD.findall(sentence)
    if len(words) > MAX_WORDS_PER_SENTENCE:
        findings.append(
            Finding(
                LONG_SENTENCE,
                label,
                f"“{_shorten(sentence)}” has {len(words)} words. "
                f"Keep sentences to {MAX_WORDS_PER_SENTENCE} words or fewer.",
            )
        )
    for word in _hard_words(words, explained):
        findings.append(
            Finding(
                HARD_WORD,
                label,
                f"“{word}” is a hard word. Use a simpler word, or add it "
                "to the hard words list with an explanation.",
            )
        )
    for match in PASSIVE.finditer(sentence):
        if match.group("verb").lower() not in NOT_PARTICIPLES:
            findings.append(
                Finding(
                    PASSIVE_VOICE,
                    label,
                    f"“{match.group(0)}” may be passive. Say who does what: "
                    "“the police help you”, not “you are helped”.",
                )
            )
    return findings


def _hard_words(words: list[str], explained: set[str]) -> list[str]:
    hard = []
    for word in dict.fromkeys(words):
        if _base_form(word) in explained or word.lower() in explained:
            continue
        if textstat.syllable_count(word) >= HARD_WORD_SYLLABLES:
            hard.append(word)
    return hard


def _explained_words(glossary: Iterable[str]) -> set[str]:
    """Every word of every glossary term, so "Violence Reduction Unit" explains "Reduction"."""
    return {_base_form(word) for term in glossary for word in WORD.findall(term)}


def _base_form(word: str) -> str:
    """Lower case without a possessive or plural ending, so "services" matches "service"."""
    word = word.lower().replace("\u2019", "'").removesuffix("'s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _shorten(sentence: str, limit: int = 60) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
