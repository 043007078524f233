"""Reading stored answers back against a consultation's questions."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wagtail.blocks import StreamValue

# A consultation's `questions` StreamField: the blocks, each with its id, type and value.
Questions = Iterable[StreamValue.StreamChild]


@dataclass
class ShownAnswer:
    """One question and its answer, ready to show (lists stay lists for the template)."""

    question_id: str
    question: str
    block_type: str
    answer: Any

    @property
    def is_list(self) -> bool:
        return isinstance(self.answer, list)

    @property
    def as_text(self) -> str:
        if self.is_list:
            return "; ".join(self.answer)
        return "" if self.answer is None else str(self.answer)


def display_answers(questions: Questions, answers: dict[str, Any]) -> list[ShownAnswer]:
    """Every question in order, with the answer given (None where it was left out)."""
    return [
        ShownAnswer(block.id, block.value["question"], block.block_type, answers.get(block.id))
        for block in questions
    ]


def missing_required(questions: Questions, answers: dict[str, Any]) -> list[str]:
    """Questions that must be answered but are not, e.g. a draft saved part-way through."""
    return [
        block.value["question"]
        for block in questions
        if block.value["required"] and answers.get(block.id) in (None, "", [])
    ]
