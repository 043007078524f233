"""The easy-read checker: each rule is caught on text written to break it, and not raised on
text written to pass it."""

import pytest

from cms.publications import checker
from cms.publications.checker import TextPart


def rules_for(text: str, glossary=()) -> set[str]:
    return checker.check([TextPart("Row 1", text)], glossary).rules() - {checker.LOW_READABILITY}


def test_sentence_over_fifteen_words_is_caught():
    sixteen = "We go to the park and we play with the ball and the dog and cat."
    assert len(sixteen.split()) == 16
    report = checker.check([TextPart("Row 1", sixteen)])
    assert checker.LONG_SENTENCE in report.rules()
    assert "16 words" in report.findings[0].message


def test_fifteen_words_or_fewer_pass_and_each_sentence_counts_alone():
    fifteen = "We go to the park and we play with the ball and the big dog."
    assert len(fifteen.split()) == 15
    assert checker.LONG_SENTENCE not in rules_for(fifteen)
    # Two short sentences that together pass fifteen words are fine.
    assert checker.LONG_SENTENCE not in rules_for(f"{fifteen} We have fun in the sun.")


def test_word_of_three_syllables_not_in_glossary_is_caught():
    findings = checker.check([TextPart("Row 2", "We help the community.")]).findings
    hard = [f for f in findings if f.rule == checker.HARD_WORD]
    assert [f.where for f in hard] == ["Row 2"]
    assert "community" in hard[0].message


def test_hard_word_in_glossary_or_short_word_is_not_caught():
    assert checker.HARD_WORD not in rules_for("We help the community.", glossary=["community"])
    # Plural and capitalised forms of a glossary term count as explained.
    assert checker.HARD_WORD not in rules_for("Communities can help.", glossary=["Community"])
    # Each word of a glossary phrase is explained.
    assert checker.HARD_WORD not in rules_for(
        "The Violence Reduction Unit helps.", glossary=["Violence Reduction Unit"]
    )
    assert checker.HARD_WORD not in rules_for("We help you stay safe at home.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The car was stopped by the police.",
        "He was hurt.",
        "You are often helped by youth workers.",
        "This is called trauma.",
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
    ],
)
def test_active_sentences_are_not_called_passive(sentence):
    assert checker.PASSIVE_VOICE not in rules_for(sentence, glossary=["trauma", "police"])


def test_missing_picture_and_missing_alt_text_block_publishing():
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


def test_readability_score_is_reported_and_low_scores_are_warned():
    easy = checker.check([TextPart("Row 1", "We help you. You are safe. We are here.")])
    assert easy.reading_ease >= checker.MIN_READING_EASE
    assert checker.LOW_READABILITY not in easy.rules()

    hard_text = (
        "Multidisciplinary organisational collaboration necessitates comprehensive "
        "interoperability considerations."
    )
    hard = checker.check([TextPart("Row 1", hard_text)])
    assert hard.reading_ease < checker.MIN_READING_EASE
    low = [f for f in hard.findings if f.rule == checker.LOW_READABILITY]
    assert len(low) == 1 and str(hard.reading_ease) in low[0].message
    assert not low[0].blocks_publishing


def test_empty_page_has_no_score_and_no_findings():
    report = checker.check([])
    assert report.reading_ease is None and report.findings == []
