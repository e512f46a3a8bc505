"""The quiz file format: one source of truth for what a quiz file may hold.

Pydantic models checked strictly (no coercion, no unknown keys). The JSON Schema editors use is
generated from them: `python hooks/quiz_schema.py > schema/quiz.schema.json`.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic.functional_validators import PlainValidator
from pydantic_core import PydanticCustomError

from problems import describe

# --- Localizable text -------------------------------------------------------------------------


def _check_text(value: Any) -> dict[str, str]:
    """Accept a string (Chinese) or a map of language → string with `zh`; return the map."""
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("quiz", "expected text, found an empty string")
        return {"zh": value}
    if isinstance(value, dict):
        bad = [k for k in value if not (isinstance(k, str) and LANG.fullmatch(k))]
        if bad:
            raise PydanticCustomError(
                "quiz",
                "expected language codes such as zh or en as keys, found {bad}",
                {"bad": ", ".join(repr(k) for k in bad)},
            )
        if "zh" not in value:
            found = ", ".join(value) or "an empty map"
            raise PydanticCustomError(
                "quiz", "expected a 'zh' entry, found only {found}", {"found": found}
            )
        for lang, text in value.items():
            if not isinstance(text, str) or not text.strip():
                raise PydanticCustomError(
                    "quiz",
                    "expected text for '{lang}', found {found}",
                    {"lang": lang, "found": describe(text)},
                )
        return dict(value)
    raise PydanticCustomError("quiz", "expected text, found {found}", {"found": describe(value)})


LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)*")
TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "description": "The text in several languages; zh is required.",
            "propertyNames": {"pattern": f"^{LANG.pattern}$"},
            "additionalProperties": {"type": "string", "minLength": 1},
            "required": ["zh"],
        },
    ],
    "description": "Text (inline Markdown allowed; HTML is shown as text): "
    "a Chinese string, or a map of language → string with zh required.",
}
Text = Annotated[dict[str, str], PlainValidator(_check_text), WithJsonSchema(TEXT_SCHEMA)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]


# --- The schema -------------------------------------------------------------------------------

# A module's quiz has a dozen or so questions: 200 is more than any trainee answers at one
# sitting, so a file past it is a mistake or a generated file (the editor schema says so too).
MAX_QUESTIONS = 200


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Option(_Strict):
    """A choice in a single or multiple choice question."""

    text: Text
    correct: bool = False
    feedback: Text | None = Field(None, description="Shown when the trainee picks this option.")


class _Question(_Strict):
    id: Slug = Field(description="Stable id, unique across all quizzes; never positional.")
    text: Text = Field(description="The question.")
    scenario: Text | None = Field(None, description="The situation, shown above the question.")
    explanation: Text = Field(description="Why the answer is right; shown after checking.")
    ref: str = Field(min_length=1, description="The heading of the module page it checks.")


class Single(_Question):
    """Pick the one correct option."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)


class Multiple(_Question):
    """Select all that apply."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=3)


class TrueFalse(_Question):
    """Is the statement in `text` true?"""

    type: Literal["true-false"]
    answer: bool
    wrong_feedback: Text | None = Field(None, description="Shown when the trainee answers wrongly.")


class Ordering(_Question):
    """Put the items in order; they are written here in the correct order."""

    type: Literal["ordering"]
    items: list[Text] = Field(min_length=3)


class Pair(_Strict):
    """A left-hand item and the right-hand item it matches."""

    left: Text
    right: Text


class Matching(_Question):
    """Pair each left-hand item with its right-hand item."""

    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)


Question = Annotated[
    Single | Multiple | TrueFalse | Ordering | Matching, Field(discriminator="type")
]


class Quiz(_Strict):
    """One module's quiz: `quizzes/<slug>.yml`."""

    model_config = ConfigDict(title="Quiz", json_schema_extra={"$id": "quiz.schema.json"})
    id: Slug = Field(description="Stable id: progress is saved under it.")
    title: Text
    pass_mark: int = Field(ge=1, le=100, description="Percent of questions right to pass.")
    description: Text | None = None
    questions: list[Question] = Field(min_length=1, max_length=MAX_QUESTIONS)


# --- Data -------------------------------------------------------------------------------------

TYPE_MODELS: dict[str, type[BaseModel]] = {
    "single": Single,
    "multiple": Multiple,
    "true-false": TrueFalse,
    "ordering": Ordering,
    "matching": Matching,
}
TYPES = tuple(TYPE_MODELS)


def json_schema() -> dict:
    """The JSON Schema editors use to complete and check quiz files, from the models above."""
    schema = Quiz.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


if __name__ == "__main__":
    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
