"""The easy-read checker: good easy read passes clean, officialese is caught rule by rule, and
the false alarms and misses of the old syllable rule are cases of their own."""

import pytest

from cms.publications import checker
from cms.publications.checker import PageFacts, TextPart


def rules_for(text: str, glossary=()) -> set[str]:
    return checker.check([TextPart("Row 1", text)], glossary).rules()


# Written the way a trained easy-read writer would (short sentences, everyday words, one idea
# each), with its two hard words explained.
GOOD_EASY_READ = [
    "This is from the Violence Reduction Unit. We are a team in Nottingham.",
    "We work to stop violence. Violence hurts a lot of people.",
    "Saturday night is the worst time. Everyone can help to keep people safe.",
    "You can talk to a mentor. A mentor listens to you.",
    "We want to understand what you need. Please tell us what you think.",
    "I am tired of violence. You may feel scared. That is OK.",
    "You can phone us. You can send us an e-mail. We are happy to help.",
]
OFFICIALESE = (
    "Multi-agency partners will deliver holistic services to hard to reach cohorts, and "
    "we will raise awareness going forward. Around 23% of victims were referred by the VRU. "
    "Interventions commissioned by the council are EXPECTED to be prioritised."
)


def test_good_easy_read_has_no_findings():
    parts = [TextPart(f"Row {number}", text) for number, text in enumerate(GOOD_EASY_READ, 1)]
    report = checker.check(parts, glossary=["violence", "mentor"])
    assert report.findings == []


def test_officialese_is_caught_by_every_rule_it_breaks():
    report = checker.check([TextPart("Row 1", OFFICIALESE)])
    assert report.rules() >= {
        checker.LONG_SENTENCE,
        checker.HARD_WORD,
        checker.TWO_IDEAS,
        checker.IDIOM,
        checker.PERCENTAGE,
        checker.ACRONYM,
        checker.CAPITALS,
        checker.PASSIVE_VOICE,
    }
    messages = " ".join(finding.message for finding in report.findings)
    for expected in ("“partners” is jargon", "“services” is jargon", "“23%”", "“VRU”"):
        assert expected in messages


@pytest.mark.parametrize("word", ["Saturday", "everyone", "understand", "together", "family"])
def test_everyday_words_are_never_hard_whatever_their_syllables(word):
    assert checker.HARD_WORD not in rules_for(f"We talk about {word.lower()} here.")


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("We will share facts with our partners.", "partners"),
        ("Our services can help you.", "services"),
        ("We will help you find a mentor.", "mentor"),
        ("We help the community.", "community"),
    ],
)
def test_real_hard_words_are_caught_whatever_their_syllables(sentence, word):
    findings = checker.check([TextPart("Row 2", sentence)]).findings
    hard = [finding for finding in findings if finding.rule == checker.HARD_WORD]
    assert [finding.where for finding in hard] == ["Row 2"]
    assert f"“{word}”" in hard[0].message


def test_hard_word_in_glossary_in_any_form_is_explained():
    assert checker.HARD_WORD not in rules_for("We help the community.", glossary=["community"])
    assert checker.HARD_WORD not in rules_for("Communities can help.", glossary=["Community"])
    assert checker.HARD_WORD not in rules_for("Our partners help.", glossary=["partner"])
    assert checker.HARD_WORD not in rules_for(
        "The Violence Reduction Unit helps.", glossary=["Violence Reduction Unit"]
    )


def test_names_inside_a_sentence_are_not_hard_words():
    assert checker.HARD_WORD not in rules_for("We live in Mansfield and Bassetlaw.")


def test_inflected_everyday_words_are_everyday():
    assert checker.HARD_WORD not in rules_for("She helped. He stopped. They are talking.")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The VRU and the NHS help.", checker.ACRONYM),
        ("Go to A&E.", checker.ACRONYM),
        ("CALL us now.", checker.CAPITALS),
        ("We go to the park and we play.", checker.TWO_IDEAS),
        ("We listen to you and will act.", checker.TWO_IDEAS),
        ("Keep an eye on your friends.", checker.IDIOM),
        ("That is a piece of cake.", checker.IDIOM),
        ("About 25% of people said yes.", checker.PERCENTAGE),
        ("About 25 per cent of people said yes.", checker.PERCENTAGE),
    ],
)
def test_each_easy_read_rule_is_caught(text, rule):
    assert rule in rules_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "We help the VRU.",  # explained in the glossary
        "That is OK.",
        "We like tea and cake.",  # "and" joining two things is one idea
        "Most people who hurt others are men and boys.",
        "Keep your eyes open.",
        "1 in 4 people said yes.",
    ],
)
def test_easy_read_rules_do_not_fire_on_plain_text(text):
    rules = rules_for(text, glossary=["VRU"])
    assert not rules & {
        checker.ACRONYM,
        checker.CAPITALS,
        checker.TWO_IDEAS,
        checker.IDIOM,
        checker.PERCENTAGE,
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The car was stopped by the police.",
        "He was hurt.",
        "You are often helped by youth workers.",
        "This is called trauma.",
        "People hurt by violence need help.",  # a passive without "be"
        "A plan led by the council.",
        "I was scared by the noise.",
    ],
)
def test_passive_voice_is_caught(sentence):
    assert checker.PASSIVE_VOICE in rules_for(sentence, glossary=["trauma", "police"])


@pytest.mark.parametrize(
    "sentence",
    [
        "The police stopped the car.",
        "We are ready.",
        "She is in bed.",
        "The door is red.",
        "We call this trauma.",
        "I am tired.",
        "We are worried about you.",
        "The shop is closed.",
    ],
)
def test_active_sentences_and_states_are_not_called_passive(sentence):
    assert checker.PASSIVE_VOICE not in rules_for(sentence, glossary=["trauma", "police"])


def test_sentence_over_fifteen_words_is_caught_and_each_sentence_counts_alone():
    sixteen = "We go to the park to play with the ball with the dog and the cat."
    assert len(sixteen.split()) == 16
    assert checker.LONG_SENTENCE in rules_for(sixteen)
    fifteen = "We go to the park to play with the ball with the big dog."
    assert checker.LONG_SENTENCE not in rules_for(f"{fifteen} We have fun in the sun.")


def test_missing_picture_and_alt_text_block_publishing():
    report = checker.check(
        [
            TextPart("Row 1", "We help.", needs_picture=True, has_picture=False),
            TextPart("Row 2", "We help.", needs_picture=True, has_picture=True, alt_text=" "),
            TextPart("Row 3", "We help.", needs_picture=True, has_picture=True, alt_text="A dog."),
            TextPart("Heading", "What we do"),
        ]
    )
    assert [(f.rule, f.where) for f in report.blocking] == [
        (checker.MISSING_PICTURE, "Row 1"),
        (checker.MISSING_ALT_TEXT, "Row 2"),
    ]


def test_not_saying_who_it_is_from_or_how_to_get_in_touch_blocks_and_no_date_warns():
    facts = PageFacts(says_who_it_is_from=False, says_how_to_get_in_touch=False, has_date=False)
    report = checker.check([TextPart("Row 1", "We help.")], facts=facts)
    assert {f.rule for f in report.blocking} == {checker.MISSING_SOURCE, checker.MISSING_CONTACT}
    assert [f.rule for f in report.warnings] == [checker.MISSING_DATE]


def test_reading_ease_is_only_scored_on_texts_long_enough_for_it():
    short = checker.check([TextPart("Row 1", "Multidisciplinary collaboration necessitates.")])
    assert short.reading_ease is None and checker.LOW_READABILITY not in short.rules()

    easy = checker.check([TextPart("Row 1", " ".join(["We help you. You are safe."] * 20))])
    assert easy.reading_ease >= checker.MIN_READING_EASE
    assert checker.LOW_READABILITY not in easy.rules()

    long_officialese = " ".join([OFFICIALESE] * 3)
    hard = checker.check([TextPart("Row 1", long_officialese)])
    assert hard.reading_ease < checker.MIN_READING_EASE
    low = [f for f in hard.findings if f.rule == checker.LOW_READABILITY]
    assert len(low) == 1 and str(hard.reading_ease) in low[0].message
    assert not low[0].blocks_publishing


def test_empty_page_has_no_score_and_no_findings():
    report = checker.check([])
    assert report.reading_ease is None and report.findings == []
