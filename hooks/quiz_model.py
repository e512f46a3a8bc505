"""Quiz files: the schema, loading with line numbers, and the rules a quiz must keep.

No MkDocs here: `load_quiz` takes a path and returns a `Quiz` or the problems found, and
`check_all` adds the rules that span files. Run as a script, it prints the JSON Schema for
editors (`python hooks/quiz_model.py > schema/quiz.schema.json`).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema
from pydantic.functional_validators import PlainValidator
from pydantic_core import PydanticCustomError

from yaml_lines import load_with_lines

# --- Problems ---------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file, as an author reads it: `path:line: key: message`."""

    path: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.key}: {self.message}"


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
                "quiz", "expected language codes such as zh or en as keys, found {bad}",
                {"bad": ", ".join(repr(k) for k in bad)},
            )
        if "zh" not in value:
            found = ", ".join(value) or "an empty map"
            raise PydanticCustomError("quiz", "expected a 'zh' entry, found only {found}",
                                      {"found": found})
        for lang, text in value.items():
            if not isinstance(text, str) or not text.strip():
                raise PydanticCustomError("quiz", "expected text for '{lang}', found {found}",
                                          {"lang": lang, "found": describe(text)})
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
    Union[Single, Multiple, TrueFalse, Ordering, Matching], Field(discriminator="type")
]


class Quiz(_Strict):
    """One module's quiz: `quizzes/<slug>.yml`."""

    model_config = ConfigDict(title="Quiz", json_schema_extra={"$id": "quiz.schema.json"})
    id: Slug = Field(description="Stable id: progress is saved under it.")
    title: Text
    pass_mark: int = Field(ge=1, le=100, description="Percent of questions right to pass.")
    description: Text | None = None
    questions: list[Question] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedQuiz:
    """A valid quiz with where it came from: its slug, path and the line of every key."""

    slug: str
    path: str
    quiz: Quiz
    lines: dict[tuple, int]

    def line(self, *loc: Any) -> int:
        """The line of `loc` in the file, or of the nearest enclosing key."""
        return nearest_line(self.lines, loc)


# --- Loading ----------------------------------------------------------------------------------


def load_quiz(path: Path, display: str | None = None) -> LoadedQuiz | list[Problem]:
    """Load and check one quiz file: a `LoadedQuiz`, or every problem found in it."""
    shown = display or str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(shown, 1, "file", f"expected a readable UTF-8 file, found {error}")]
    return parse_quiz(source, shown, slug=path.stem)


def parse_quiz(source: str, path: str, slug: str) -> LoadedQuiz | list[Problem]:
    """Check quiz YAML text: a `LoadedQuiz`, or every problem found in it."""
    loaded = load_with_lines(source)
    if loaded.error:
        line, message = loaded.error
        return [Problem(path, line, "yaml", message)]
    data, lines = loaded.data, loaded.lines
    problems = [Problem(path, line, _key(loc), msg) for loc, line, msg in loaded.problems]
    if not isinstance(data, dict):
        return [Problem(path, 1, "quiz", f"expected a mapping of keys (id, title, pass_mark, "
                                         f"questions), found {describe(data)}")]
    try:
        quiz = Quiz.model_validate(data)
    except ValidationError as error:
        quiz = None
        problems += [_problem(e, data, lines, path) for e in error.errors()]
    questions = data.get("questions")
    if isinstance(questions, list):
        for index, raw in enumerate(questions):
            problems += [
                Problem(path, nearest_line(lines, ("questions", index, *loc)),
                        _key(("questions", index, *loc)), message)
                for loc, message in question_rules(raw)
            ]
        problems += _duplicate_ids(questions, lines, path)
    if problems:
        return sorted(set(problems))
    return LoadedQuiz(slug, path, quiz, lines)


def question_rules(raw: Any) -> list[tuple[tuple, str]]:
    """The rules a question's content must keep, as (key path, message) pairs.

    They read the raw data defensively, so they are checked even where the schema found
    something else wrong in the same question: the author sees every problem at once.
    """
    if not isinstance(raw, dict):
        return []
    kind, found = raw.get("type"), []
    options = [o for o in _list(raw.get("options")) if isinstance(o, dict)]
    if kind in ("single", "multiple") and options:
        correct = sum(o.get("correct") is True for o in options)
        if kind == "single" and correct != 1:
            found.append((("options",), f"expected exactly one correct option, found {correct}"))
        if kind == "multiple" and correct == 0:
            found.append((("options",), "expected at least one correct option, found 0"))
        if kind == "multiple" and correct == len(options) > 0:
            found.append((("options",), "expected at least one option that is not correct, "
                                        f"found all {correct} correct"))
        found += _repeats([o.get("text") for o in options], "options", "text", "option")
    if kind == "ordering":
        found += _repeats(_list(raw.get("items")), "items", None, "item")
    if kind == "matching":
        pairs = [p if isinstance(p, dict) else {} for p in _list(raw.get("pairs"))]
        found += _repeats([p.get("left") for p in pairs], "pairs", "left", "left-hand item")
        found += _repeats([p.get("right") for p in pairs], "pairs", "right", "right-hand item")
    return found


def check_all(quizzes: list[LoadedQuiz]) -> list[Problem]:
    """The rules across files: quiz ids and question ids are unique in the whole course."""
    problems: list[Problem] = []
    seen_quiz: dict[str, LoadedQuiz] = {}
    seen_question: dict[str, tuple[LoadedQuiz, int]] = {}
    for loaded in sorted(quizzes, key=lambda q: q.path):
        first = seen_quiz.setdefault(loaded.quiz.id, loaded)
        if first is not loaded:
            problems.append(Problem(loaded.path, loaded.line("id"), "id",
                                    f"expected a quiz id no other quiz uses, found "
                                    f"'{loaded.quiz.id}', already the id of {first.path}"))
        for index, question in enumerate(loaded.quiz.questions):
            other, other_index = seen_question.setdefault(question.id, (loaded, index))
            if other is not loaded:
                problems.append(Problem(
                    loaded.path, loaded.line("questions", index, "id"), f"questions[{index}].id",
                    f"expected a question id unique across quizzes, found '{question.id}', "
                    f"already used in {other.path}:{other.line('questions', other_index, 'id')}"))
    return problems


def question_hash(question: Any) -> str:
    """A short fingerprint of a question's content: saved answers survive only while it holds."""
    canonical = json.dumps(question.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


# --- Helpers ----------------------------------------------------------------------------------


def describe(value: Any) -> str:
    """How a found value reads in a message: its kind, and the value when short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:37]}…'"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' * (len(value) != 1)}"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    return type(value).__name__


def nearest_line(lines: dict[tuple, int], loc: tuple) -> int:
    """The line of `loc`, or of the closest enclosing key that has one."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get((), 1)


def _key(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "quiz"


def _problem(error: dict, data: Any, lines: dict[tuple, int], path: str) -> Problem:
    """Turn one pydantic error into an author's `path:line: key: expected …, found …`."""
    loc = _clean_loc(error["loc"])
    kind, ctx, found = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        message = f"expected the required key '{loc[-1]}', found none"
        return Problem(path, nearest_line(lines, loc[:-1]), _key(loc), message)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1], data)
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        message = (f"expected one of the keys {', '.join(allowed)}, found unknown key "
                   f"'{loc[-1]}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""))
    elif kind == "quiz":
        message = error["msg"]
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        loc = (*loc, "type")
        message = f"expected one of the types {', '.join(TYPES)}, found " + (
            describe(ctx.get("tag")) if kind == "union_tag_invalid" else "none")
    elif kind == "too_short":
        message = (f"expected at least {ctx.get('min_length')} items, "
                   f"found {ctx.get('actual_length')}")
    elif kind in ("greater_than_equal", "less_than_equal"):
        message = f"expected a whole number from 1 to 100, found {describe(found)}"
    elif kind == "string_pattern_mismatch":
        message = f"expected lower-case letters, digits and hyphens, found {describe(found)}"
    else:
        message = f"expected {EXPECTED.get(kind, error['msg'].lower())}, found {describe(found)}"
    return Problem(path, nearest_line(lines, loc), _key(loc), message)


def _clean_loc(loc: tuple) -> tuple:
    """Drop the union tag pydantic puts in a question's path (`questions.2.single.options`)."""
    return tuple(p for i, p in enumerate(loc)
                 if not (p in TYPES and i >= 2 and isinstance(loc[i - 1], int)))


def _allowed_keys(loc: tuple, data: Any) -> list[str]:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    model: type[BaseModel] = Quiz
    if len(loc) >= 2 and loc[0] == "questions":
        kind = node.get("type") if isinstance(node, dict) and len(loc) == 2 else None
        model = {"options": Option, "pairs": Pair}.get(loc[2] if len(loc) > 2 else "",
                                                       TYPE_MODELS.get(kind, _Question))
    keys = list(model.model_fields)
    if model is _Question:
        keys.append("type")
    return keys


def _repeats(texts: list[Any], field: str, sub: str | None, noun: str):
    seen: dict[str, int] = {}
    for index, text in enumerate(texts):
        value = _zh(text)
        if value is None:
            continue
        if value in seen:
            loc = (field, index, sub) if sub else (field, index)
            yield loc, (f"expected each {noun} once, found '{value}' again "
                        f"(also {field}[{seen[value]}])")
        seen.setdefault(value, index)


def _zh(text: Any) -> str | None:
    if isinstance(text, dict):
        text = text.get("zh")
    return text.strip() if isinstance(text, str) else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _duplicate_ids(questions: list, lines: dict[tuple, int], path: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, raw in enumerate(questions):
        qid = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(qid, str):
            continue
        if qid in seen:
            problems.append(Problem(path, nearest_line(lines, ("questions", index, "id")),
                                    f"questions[{index}].id",
                                    f"expected a unique question id, found '{qid}' again "
                                    f"(also questions[{seen[qid]}])"))
        seen.setdefault(qid, index)
    return problems


# --- Data -------------------------------------------------------------------------------------

TYPE_MODELS: dict[str, type[BaseModel]] = {
    "single": Single, "multiple": Multiple, "true-false": TrueFalse,
    "ordering": Ordering, "matching": Matching,
}
TYPES = tuple(TYPE_MODELS)
EXPECTED = {
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "string_too_short": "text",
    "string_too_long": "at most 80 characters",
    "literal_error": "one of the types " + ", ".join(TYPES),
}


def json_schema() -> dict:
    """The JSON Schema editors use to complete and check quiz files, from the models above."""
    schema = Quiz.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


if __name__ == "__main__":
    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
