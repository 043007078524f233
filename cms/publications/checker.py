"""The easy-read checker: the rules trained easy-read writers apply (the Department of Health's
"Making written information easier to understand for people with learning disabilities",
2010, and Mencap's "Am I making myself clear?"), applied to the words an editor wrote.

Pure functions over plain data, so the same check runs in the editor's Checks panel, before
publishing and in tests. A reader left without a picture or its description, or not told who
the page is from or how to get in touch, gets nothing from the page: those block publishing.
The rest are warnings, because plain language needs a person's judgement, not a rule's.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import textstat

from .plain_words import base_forms, is_familiar, is_jargon, words

MAX_WORDS_PER_SENTENCE = 15
# Flesch reading ease: 70+ is "fairly easy" or easier; easy read should be at least that.
MIN_READING_EASE = 70
# Below about 100 words the Flesch score swings with every word, so it is not reported.
MIN_WORDS_FOR_READING_EASE = 100

LONG_SENTENCE = "long_sentence"
HARD_WORD = "hard_word"
PASSIVE_VOICE = "passive_voice"
TWO_IDEAS = "two_ideas"
ACRONYM = "acronym"
CAPITALS = "capitals"
IDIOM = "idiom"
PERCENTAGE = "percentage"
LOW_READABILITY = "low_readability"
MISSING_PICTURE = "missing_picture"
MISSING_ALT_TEXT = "missing_alt_text"
MISSING_SOURCE = "missing_source"
MISSING_CONTACT = "missing_contact"
MISSING_DATE = "missing_date"
BLOCKING_RULES = frozenset({MISSING_PICTURE, MISSING_ALT_TEXT, MISSING_SOURCE, MISSING_CONTACT})
# Findings about the page as a whole rather than one of its texts.
PAGE_RULES = frozenset({MISSING_SOURCE, MISSING_CONTACT, MISSING_DATE, LOW_READABILITY})
# What each rule is called and what to do about it, for lists of findings that name the rule
# once (the editor's Checks panel).
RULE_GUIDANCE = {
    LONG_SENTENCE: ("Long sentence", f"Keep sentences to {MAX_WORDS_PER_SENTENCE} words or fewer."),
    HARD_WORD: (
        "Hard word or jargon not explained",
        "Use an everyday word, or add the word to the hard words list with what it means.",
    ),
    PASSIVE_VOICE: ("Passive sentence", "Say who does what: “the police help you”."),
    TWO_IDEAS: ("Two ideas in one sentence", "Give each idea its own sentence."),
    ACRONYM: ("Letters standing for words", "Write the words out, or explain them."),
    CAPITALS: ("Word in capitals", "Use bold to stress a word instead."),
    IDIOM: ("Saying", "Say what you mean in plain words."),
    PERCENTAGE: ("Percentage", "Say “1 in 4” or “most” instead."),
    LOW_READABILITY: ("Hard to read", f"Aim for a reading ease of {MIN_READING_EASE} or more."),
    MISSING_PICTURE: ("Idea without a picture", "Add a picture for each idea."),
    MISSING_ALT_TEXT: ("Picture without a description", "Describe the picture in the alt text."),
    MISSING_SOURCE: ("Not saying who this is from", "Fill in “Who this is from”."),
    MISSING_CONTACT: ("No way to get in touch", "Give a phone number, e-mail or address."),
    MISSING_DATE: ("No date", "Fill in “When this was written”."),
}

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")
# Letters in capitals: "VRU", "NHS", "A&E", "GPs".
CAPITALISED = re.compile(r"\b(?:[A-Z]&[A-Z]|[A-Z]{2,})s?\b")
COMMON_ACRONYMS = frozenset({"OK", "TV"})
PERCENT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)

BE = r"am|is|are|was|were|be|been|being|get|gets|got|gotten|getting"
IRREGULAR_PARTICIPLES = (
    "beaten|bitten|born|brought|built|caught|chosen|done|driven|found|given|heard|held|hit|"
    "hurt|kept|known|led|left|lost|made|paid|put|run|said|seen|sent|set|shot|shown|sold|spent|"
    "spoken|stolen|taken|taught|told|thrown|understood|won|written"
)
PARTICIPLE = rf"\w+ed|{IRREGULAR_PARTICIPLES}"
ADVERBS = r"\w+ly|not|never|often|also|always|still|just|sometimes|usually"
PASSIVE = re.compile(
    rf"\b(?:{BE})\s+(?:(?:{ADVERBS})\s+)?(?P<verb>{PARTICIPLE})\b(?P<by>\s+by\b)?", re.IGNORECASE
)
# A passive without "be": "people hurt by violence", "a plan led by the council".
REDUCED_PASSIVE = re.compile(
    rf"(?<!\w)(?P<before>\w+)\s+(?P<verb>{PARTICIPLE})\s+by\s+(?:the|a|an|our|your|their|his|"
    rf"her|its|this|that|these|those|people|police|[A-Z]\w*)\b",
    re.IGNORECASE,
)
# Words ending in -ed that are not past participles.
NOT_PARTICIPLES = frozenset({"bed", "red", "need", "seed", "speed", "feed", "shed", "hundred"})
# Participles that describe how someone is, after "be": "I am tired" says how I am, not what
# was done to me. With "by" they are passive again: "I was scared by the noise".
STATE_WORDS = words(
    """
    tired scared frightened worried bored interested excited pleased surprised shocked confused
    married divorced retired disabled qualified skilled experienced based closed locked crowded
    finished supposed
    """
)
# "And" starting a second idea: a new subject or a second verb.
SECOND_IDEA = re.compile(
    r"\band\s+(?:then\s+)?(?:you|we|they|he|she|it|there|will|can|could|would|should|must|"
    r"may|might|is|are|was|were|has|have|had|do|does|did)\b",
    re.IGNORECASE,
)
# Sayings whose meaning is not in their words. Common English idioms and the officialese the
# Plain English Campaign lists; each is a pattern so "keeps an eye on" matches "keep an eye on".
IDIOMS = [
    r"piece of cake",
    r"under the weather",
    r"(?:keep|keeps|kept|keeping) an eye on",
    r"on the same page",
    r"at the end of the day",
    r"going forward",
    r"touch(?:es|ing|ed)? base",
    r"in a nutshell",
    r"hit(?:s|ting)? the ground running",
    r"raise awareness",
    r"think(?:ing)? outside the box",
    r"on your plate",
    r"get the ball rolling",
    r"over the moon",
    r"break(?:s|ing)? the ice",
    r"tip of the iceberg",
    r"hard to reach",
    r"joined[- ]up",
    r"level playing field",
    r"take stock",
    r"bear in mind",
    r"in the loop",
    r"bottom line",
    r"up to speed",
    r"cut(?:s|ting)? corners",
    r"under one roof",
    r"once in a blue moon",
    r"an arm and a leg",
    r"(?:fall|falls|fell|falling) through the (?:cracks|net)",
    r"(?:turn|turns|turned|turning) (?:your|their|his|her|a) life around",
    r"at the heart of",
    r"step change",
    r"on board",
]
IDIOM_PATTERN = re.compile(r"\b(?:" + "|".join(IDIOMS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class TextPart:
    """One piece of the page to check: a row (picture + idea), a heading or another text."""

    label: str
    text: str
    needs_picture: bool = False
    has_picture: bool = False
    alt_text: str = ""


@dataclass(frozen=True)
class PageFacts:
    """What the guidance asks every easy-read document to say besides its ideas."""

    says_who_it_is_from: bool = True
    says_how_to_get_in_touch: bool = True
    has_date: bool = True


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

    def rules_for(self, where: str) -> set[str]:
        return {finding.rule for finding in self.findings if finding.where == where}


def check(
    parts: Iterable[TextPart], glossary: Iterable[str] = (), facts: PageFacts | None = None
) -> Report:
    """Check every part against every rule; `glossary` holds the explained "hard words"."""
    parts = list(parts)
    explained = _explained_words(glossary)
    report = Report(findings=_page_findings(facts or PageFacts()))
    for part in parts:
        report.findings += _picture_findings(part)
        for sentence in sentences(part.text):
            report.findings += _sentence_findings(part.label, sentence, explained)
    all_text = " ".join(part.text for part in parts if part.text.strip())
    if len(WORD.findall(all_text)) >= MIN_WORDS_FOR_READING_EASE:
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


def _page_findings(facts: PageFacts) -> list[Finding]:
    findings = []
    if not facts.says_who_it_is_from:
        findings.append(
            Finding(
                MISSING_SOURCE,
                "Who this is from",
                "Say who this is from, so readers know who “we” are.",
            )
        )
    if not facts.says_how_to_get_in_touch:
        findings.append(
            Finding(
                MISSING_CONTACT,
                "How to get in touch",
                "Say how to get in touch: a phone number, an e-mail address or an address.",
            )
        )
    if not facts.has_date:
        findings.append(Finding(MISSING_DATE, "Date", "Say when this was written."))
    return findings


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
    findings += [Finding(HARD_WORD, label, message) for message in _hard_words(sentence, explained)]
    findings += [Finding(rule, label, message) for rule, message in _capitals(sentence, explained)]
    findings += [Finding(PASSIVE_VOICE, label, message) for message in _passives(sentence)]
    for match in SECOND_IDEA.finditer(sentence):
        findings.append(
            Finding(
                TWO_IDEAS,
                label,
                f"“{match.group(0)}” may join two ideas. Give each idea its own sentence.",
            )
        )
    for match in IDIOM_PATTERN.finditer(sentence):
        findings.append(
            Finding(
                IDIOM,
                label,
                f"“{match.group(0)}” is a saying. Say what you mean in plain words.",
            )
        )
    for match in PERCENT.finditer(sentence):
        findings.append(
            Finding(
                PERCENTAGE,
                label,
                f"“{match.group(0)}” is a percentage. Say “1 in 4” or “most”, not “25%”.",
            )
        )
    return findings


def _hard_words(sentence: str, explained: set[str]) -> list[str]:
    """Words a reader may not know and the glossary does not explain. A capitalised word
    inside a sentence is a name (Mansfield, Mencap) and is not a hard word."""
    messages = []
    seen: set[str] = set()
    for position, match in enumerate(WORD.finditer(sentence)):
        word = match.group(0)
        if len(word) == 1 or word.lower() in seen or CAPITALISED.fullmatch(word):
            continue  # "a", "I", the "e" of "e-mail"; capitals have their own rules
        if _is_explained(word, explained):
            continue
        seen.add(word.lower())
        if is_jargon(word):
            messages.append(
                f"“{word}” is jargon. Say who or what you mean, or add it to the hard words "
                "list with an explanation."
            )
        elif position > 0 and word[0].isupper():
            continue
        elif not is_familiar(word):
            messages.append(
                f"“{word}” is a hard word. Use an everyday word, or add it to the hard words "
                "list with an explanation."
            )
    return messages


def _capitals(sentence: str, explained: set[str]) -> list[tuple[str, str]]:
    """Words in capitals: a known word shouted ("CALL"), or letters standing for words."""
    findings = []
    for match in CAPITALISED.finditer(sentence):
        letters = match.group(0)
        # Letters standing for words are short ("VRU", "NHS"); a long or known word is shouted.
        if len(letters) > 2 and (is_familiar(letters) or len(letters) >= 5):
            findings.append(
                (CAPITALS, f"“{letters}” is in capitals. Use bold to stress a word instead.")
            )
        elif letters not in COMMON_ACRONYMS and not _is_explained(letters, explained):
            findings.append(
                (
                    ACRONYM,
                    f"“{letters}” is short for other words. Write the words out, or add it to "
                    "the hard words list with what it stands for.",
                )
            )
    return findings


def _passives(sentence: str) -> list[str]:
    phrases, verbs_with_be = [], set()
    for match in PASSIVE.finditer(sentence):
        verb = match.group("verb").lower()
        verbs_with_be.add(match.start("verb"))
        if verb in NOT_PARTICIPLES or (verb in STATE_WORDS and not match.group("by")):
            continue
        phrases.append(match.group(0).removesuffix(match.group("by") or ""))
    for match in REDUCED_PASSIVE.finditer(sentence):
        verb = match.group("verb").lower()
        if match.start("verb") in verbs_with_be or verb in NOT_PARTICIPLES:
            continue
        phrases.append(f"{match.group('verb')} by")
    return [
        f"“{phrase}” may be passive. Say who does what: “the police help you”, not "
        "“you are helped”."
        for phrase in phrases
    ]


def _is_explained(word: str, explained: set[str]) -> bool:
    return any(form in explained for form in base_forms(word))


def _explained_words(glossary: Iterable[str]) -> set[str]:
    """Every word of every glossary term and its base forms, so "Violence Reduction Unit"
    explains "Reduction" and "service" explains "services"."""
    return {
        form for term in glossary for word in WORD.findall(term) for form in base_forms(word)
    } | {term.strip().lower() for term in glossary}


def _shorten(sentence: str, limit: int = 60) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
