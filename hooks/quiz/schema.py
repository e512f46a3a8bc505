"""The building blocks of the quiz file format: localizable text, ids, options, pairs and what
every question has. The question types themselves, and the quiz file built from them, are in
`quiz_types.py`.

Pydantic models checked strictly (no coercion, no unknown keys).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic.functional_validators import PlainValidator
from pydantic_core import PydanticCustomError

from authoring.problems import describe

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


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Option(Strict):
    """A choice in a single or multiple choice question."""

    text: Text
    correct: bool = False
    feedback: Text | None = Field(None, description="Shown when the trainee picks this option.")


class QuestionBase(Strict):
    """What every question has; `quiz_types` adds `type` and the type's own keys."""

    id: Slug = Field(description="Stable id, unique across all quizzes; never positional.")
    text: Text = Field(description="The question.")
    scenario: Text | None = Field(None, description="The situation, shown above the question.")
    explanation: Text = Field(description="Why the answer is right; shown after checking.")
    ref: Text = Field(
        description="The heading of the module page it checks (its text or its anchor), "
        "in each edition's language."
    )


class Pair(Strict):
    """A left-hand item and the right-hand item it matches."""

    left: Text
    right: Text
