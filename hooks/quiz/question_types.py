"""The question types, each in one place: its format (a pydantic model), the rules its content
must keep, what the quiz markup needs of it (its view), and what a trainee's saved answer
depends on (its meaning). The union of question models, the quiz file model and the editors'
JSON Schema are derived from `TYPES`; the markup is `overrides/partials/quiz/<type>.html` and
the client's half is `TYPES` in docs/assets/quiz/types.js.

Adding a type: a model, `rules`, `view` and `meaning` here and its line in `TYPES`; its
partial; its entry in types.js; its CSS; AUTHORING.md; tests. Pure: no MkDocs.

`./run schema` regenerates the editors' schema (schema/quiz.schema.json).
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Protocol, Union

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field

from quiz.schema import MAX_QUESTIONS, Option, Pair, QuestionBase, Slug, Strict, Text

# --- The types --------------------------------------------------------------------------------


class Single(QuestionBase):
    """Pick the one correct option."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)


class Multiple(QuestionBase):
    """Select all that apply."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=3)


class TrueFalse(QuestionBase):
    """Is the statement in `text` true?"""

    type: Literal["true-false"]
    answer: bool
    wrong_feedback: Text | None = Field(None, description="Shown when the trainee answers wrongly.")


class Ordering(QuestionBase):
    """Put the items in order; they are written here in the correct order."""

    type: Literal["ordering"]
    items: list[Text] = Field(min_length=3)


class Matching(QuestionBase):
    """Pair each left-hand item with its right-hand item."""

    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)


# Rules: (key path, message) pairs, read off the raw data defensively, so that they are checked
# even where the schema found something else wrong in the same question.


def _choice_rules(raw: dict) -> Iterator[tuple[tuple, str]]:
    options = [o for o in _list(raw.get("options")) if isinstance(o, dict)]
    if not options:
        return
    correct = sum(o.get("correct") is True for o in options)
    if raw.get("type") == "single" and correct != 1:
        yield ("options",), f"expected exactly one correct option, found {correct}"
    if raw.get("type") == "multiple" and correct == 0:
        yield ("options",), "expected at least one correct option, found 0"
    if raw.get("type") == "multiple" and correct == len(options):
        yield (
            ("options",),
            f"expected at least one option that is not correct, found all {correct} correct",
        )
    yield from repeats([o.get("text") for o in options], "options", "text", "option")


def _ordering_rules(raw: dict) -> Iterator[tuple[tuple, str]]:
    yield from repeats(_list(raw.get("items")), "items", None, "item")


def _matching_rules(raw: dict) -> Iterator[tuple[tuple, str]]:
    pairs = [p if isinstance(p, dict) else {} for p in _list(raw.get("pairs"))]
    yield from repeats([p.get("left") for p in pairs], "pairs", "left", "left-hand item")
    yield from repeats([p.get("right") for p in pairs], "pairs", "right", "right-hand item")


def _no_rules(raw: dict) -> Iterator[tuple[tuple, str]]:
    return iter(())


# Views: what the type's partial needs, every author text already safe HTML.


def _choice_view(q: Single | Multiple, text: Texts) -> dict:
    return {
        "options": [option(i, o.text, o.correct, o.feedback, text) for i, o in enumerate(q.options)]
    }


def _true_false_view(q: TrueFalse, text: Texts) -> dict:
    yes, no = {"zh": str(text.words("quiz.true"))}, {"zh": str(text.words("quiz.false"))}
    return {
        "options": [
            option(0, yes, q.answer, None if q.answer else q.wrong_feedback, text),
            option(1, no, not q.answer, q.wrong_feedback if q.answer else None, text),
        ]
    }


def _ordering_view(q: Ordering, text: Texts) -> dict:
    items = [{"key": i, "html": text.inline(t)} for i, t in enumerate(q.items)]
    for item in items:
        item["plain"] = plain_text(item["html"])
    return {"answer": items, "items": scrambled(items, q.id)}


def _matching_view(q: Matching, text: Texts) -> dict:
    lefts = [{"key": i, "html": text.inline(p.left)} for i, p in enumerate(q.pairs)]
    rights = [{"key": i, "html": text.inline(p.right)} for i, p in enumerate(q.pairs)]
    for item in lefts + rights:
        item["plain"] = plain_text(item["html"])
    return {"pairs": list(zip(lefts, rights)), "lefts": lefts, "rights": scrambled(rights, q.id)}


# Meanings: what the trainee answers, in their language. A saved answer is kept while this holds:
# an explanation, a feedback, a ref or another language's text may change without voiding it.


def _choice_meaning(q: Single | Multiple, pick: Pick) -> Any:
    return [[pick(o.text), o.correct] for o in q.options]


def _true_false_meaning(q: TrueFalse, pick: Pick) -> Any:
    return q.answer


def _ordering_meaning(q: Ordering, pick: Pick) -> Any:
    return [pick(t) for t in q.items]


def _matching_meaning(q: Matching, pick: Pick) -> Any:
    return [[pick(p.left), pick(p.right)] for p in q.pairs]


@dataclass(frozen=True)
class QuestionType:
    """Everything the build knows of one question type."""

    model: type[QuestionBase]
    rules: Callable[[dict], Iterator[tuple[tuple, str]]]
    view: Callable[[Any, Texts], dict]
    meaning: Callable[[Any, Pick], Any]
    nested: dict[str, type[BaseModel]] = field(default_factory=dict)  # list key → item model


TYPES: dict[str, QuestionType] = {
    "single": QuestionType(
        Single, _choice_rules, _choice_view, _choice_meaning, {"options": Option}
    ),
    "multiple": QuestionType(
        Multiple, _choice_rules, _choice_view, _choice_meaning, {"options": Option}
    ),
    "true-false": QuestionType(TrueFalse, _no_rules, _true_false_view, _true_false_meaning),
    "ordering": QuestionType(Ordering, _ordering_rules, _ordering_view, _ordering_meaning),
    "matching": QuestionType(
        Matching, _matching_rules, _matching_view, _matching_meaning, {"pairs": Pair}
    ),
}

Question = Annotated[
    Union[tuple(t.model for t in TYPES.values())],  # noqa: UP007 (a union built from a tuple)
    Field(discriminator="type"),
]


class Quiz(Strict):
    """One module's quiz: `quizzes/<slug>.yml`."""

    model_config = ConfigDict(title="Quiz", json_schema_extra={"$id": "quiz.schema.json"})
    id: Slug = Field(description="Stable id: progress is saved under it.")
    title: Text
    pass_mark: int = Field(ge=1, le=100, description="Percent of questions right to pass.")
    description: Text | None = None
    questions: list[Question] = Field(min_length=1, max_length=MAX_QUESTIONS)


def json_schema() -> dict:
    """The JSON Schema editors use to complete and check quiz files, from the models above."""
    schema = Quiz.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


# --- What the types share ---------------------------------------------------------------------


class Texts(Protocol):
    """Author text in one language as safe HTML, and the interface's words (quiz_render)."""

    def inline(self, text: dict[str, str] | None) -> Markup | None: ...
    def words(self, key: str) -> str: ...


Pick = Callable[[dict[str, str]], str]


def option(index: int, label: dict, correct: bool, feedback: dict | None, text: Texts) -> dict:
    """One choice as its partial shows it."""
    return {
        "key": index,
        "html": text.inline(label),
        "correct": correct,
        "feedback": text.inline(feedback),
    }


def plain_text(html: str) -> str:
    """The text of rendered HTML, for attributes and `<option>`s that cannot hold markup."""
    return Markup(html).striptags()


def scrambled(items: list, seed: str) -> list:
    """A fixed order that is never the answer: what a reader without JavaScript sees."""
    shuffled = list(items)
    rng = random.Random(seed)
    for _ in range(20):
        rng.shuffle(shuffled)
        if shuffled != items:
            break
    if shuffled == items:
        shuffled = items[1:] + items[:1]
    return shuffled


def repeats(texts: list[Any], key: str, sub: str | None, noun: str):
    """A rule for lists whose entries must differ: each entry once (in Chinese)."""
    seen: dict[str, int] = {}
    for index, text in enumerate(texts):
        value = _zh(text)
        if value is None:
            continue
        if value in seen:
            loc = (key, index, sub) if sub else (key, index)
            yield (
                loc,
                f"expected each {noun} once, found '{value}' again (also {key}[{seen[value]}])",
            )
        seen.setdefault(value, index)


def _zh(text: Any) -> str | None:
    if isinstance(text, dict):
        text = text.get("zh")
    return text.strip() if isinstance(text, str) else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


if __name__ == "__main__":
    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
