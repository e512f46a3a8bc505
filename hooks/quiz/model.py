"""Quiz files: loading with line numbers, and the rules a quiz must keep.

No MkDocs here: `load_quiz` takes a path and returns a `LoadedQuiz` or every problem found;
`check_all` adds the rules that span files. The format is in `schema.py` and, type by
type, `question_types.py`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from authoring.problems import (
    Problem,
    Source,
    describe,
    from_validation_error,
    key_path,
    nearest_line,
    parse_yaml,
    read_yaml,
)
from quiz.question_types import TYPES, QuestionType, Quiz
from quiz.schema import QuestionBase


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
    return check_quiz(read_yaml(path, display or str(path)), slug=path.stem)


def parse_quiz(text: str, path: str, slug: str) -> LoadedQuiz | list[Problem]:
    """Check quiz YAML text (as `load_quiz` does a file); for tests and tools."""
    return check_quiz(parse_yaml(text, path), slug)


def check_quiz(source: Source, slug: str) -> LoadedQuiz | list[Problem]:
    """Check a quiz file's data against the schema and the rules; collect every problem."""
    data, lines, path = source.data, source.lines, source.path
    problems = list(source.problems or [])
    if lines is None:  # unreadable, or not YAML at all
        return problems
    if not isinstance(data, dict):
        return [
            Problem(
                path,
                1,
                "quiz",
                f"expected a mapping of keys (id, title, pass_mark, "
                f"questions), found {describe(data)}",
            )
        ]
    try:
        quiz = Quiz.model_validate(data)
    except ValidationError as error:
        quiz = None
        problems += [
            from_validation_error(
                e,
                source,
                allowed_keys=lambda loc: _allowed_keys(loc, data),
                clean_loc=_clean_loc,
                tags=tuple(TYPES),
            )
            for e in error.errors()
        ]
    questions = data.get("questions")
    if isinstance(questions, list):
        for index, raw in enumerate(questions):
            problems += [
                Problem(
                    path,
                    nearest_line(lines, ("questions", index, *loc)),
                    key_path(("questions", index, *loc)),
                    message,
                )
                for loc, message in question_rules(raw)
            ]
        problems += _duplicate_ids(questions, lines, path)
    if problems:
        return sorted(set(problems))
    return LoadedQuiz(slug, path, quiz, lines)


def question_rules(raw: Any) -> list[tuple[tuple, str]]:
    """The rules a question's content must keep (its type's), as (key path, message) pairs.

    They read the raw data defensively, so they are checked even where the schema found
    something else wrong in the same question: the author sees every problem at once.
    """
    kind = _type_of(raw)
    return list(kind.rules(raw)) if kind else []


def check_all(sources: list[Source]) -> list[Problem]:
    """The rules across files: quiz ids and question ids are unique in the whole course.

    They read the raw data, so an id clash is reported even in a file with other problems.
    """
    problems: list[Problem] = []
    seen: dict[tuple[str, str], tuple[Source, tuple]] = {}
    for source in sorted(sources, key=lambda s: s.path):
        data = source.data if isinstance(source.data, dict) else {}
        found = [("quiz", ("id",), data.get("id"))]
        questions = data.get("questions") if isinstance(data.get("questions"), list) else []
        found += [
            ("question", ("questions", i, "id"), q.get("id"))
            for i, q in enumerate(questions)
            if isinstance(q, dict)
        ]
        for kind, loc, value in found:
            if not isinstance(value, str):
                continue
            first, first_loc = seen.setdefault((kind, value), (source, loc))
            if first is source:
                continue
            where = (
                f"already the id of {first.path}"
                if kind == "quiz"
                else f"already used in {first.path}:{nearest_line(first.lines, first_loc)}"
            )
            problems.append(
                Problem(
                    source.path,
                    nearest_line(source.lines, loc),
                    key_path(loc),
                    f"expected a {kind} id unique across quizzes, found '{value}', {where}",
                )
            )
    return problems


def question_hash(question: Any, lang: str = "zh") -> str:
    """A short fingerprint of what a trainee answers in `lang` (the question, the scenario and
    its type's meaning: options and which are correct, items, pairs): saved answers survive
    only while it holds. An explanation, a feedback, a ref or a text in another language may
    change without voiding them."""

    def pick(text: dict[str, str] | None) -> str | None:
        return (text.get(lang) or text["zh"]) if text else None

    meaning = [
        question.type,
        pick(question.text),
        pick(question.scenario),
        TYPES[question.type].meaning(question, pick),
    ]
    canonical = json.dumps(meaning, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def untranslated(loaded: LoadedQuiz, lang: str) -> list[Problem]:
    """Every text of the quiz (title, questions, options, feedback, items, pairs, refs) that
    has no `lang` version: an edition in `lang` shows none of them in Chinese."""
    problems = []

    def walk(value: Any, loc: tuple) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, dict) and "zh" in value and lang not in value:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line(*loc),
                    key_path(loc),
                    f"expected the text in zh and {lang} ({{zh: …, {lang}: …}}), "
                    f"found only {', '.join(value)}",
                )
            )

    walk(loaded.quiz, ())
    return sorted(problems)


# --- Helpers ----------------------------------------------------------------------------------


def _clean_loc(loc: tuple) -> tuple:
    """Drop the union tag pydantic puts in a question's path (`questions.2.single.options`)."""
    return tuple(
        p for i, p in enumerate(loc) if not (p in TYPES and i >= 2 and isinstance(loc[i - 1], int))
    )


def _allowed_keys(loc: tuple, data: Any) -> list[str]:
    """The keys a quiz file may have at `loc`, for 'unknown key' messages."""
    node = data
    for part in loc[:2]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    model: type[BaseModel] = Quiz
    if len(loc) >= 2 and loc[0] == "questions":
        kind = _type_of(node)
        model = kind.model if kind else QuestionBase
        if kind and len(loc) > 2:
            model = kind.nested.get(loc[2], model)
    keys = list(model.model_fields)
    return keys + ["type"] if model is QuestionBase else keys


def _type_of(raw: Any) -> QuestionType | None:
    name = raw.get("type") if isinstance(raw, dict) else None
    return TYPES.get(name) if isinstance(name, str) else None


def _duplicate_ids(questions: list, lines: dict[tuple, int], path: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, raw in enumerate(questions):
        qid = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(qid, str):
            continue
        if qid in seen:
            problems.append(
                Problem(
                    path,
                    nearest_line(lines, ("questions", index, "id")),
                    f"questions[{index}].id",
                    f"expected a unique question id, found '{qid}' again "
                    f"(also questions[{seen[qid]}])",
                )
            )
        seen.setdefault(qid, index)
    return problems
