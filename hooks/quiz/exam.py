"""The final exam (结业测验): its pool file, checked like a quiz, and the exam's question views.

`exam.yml` says how many questions each attempt draws from each module's quiz and the pass
mark. The exam page carries every question of the pool, but not its answer in plain sight:
no option is marked correct, ordering and matching keys are renamed so that they no longer
give the order or the pairs away, and each question carries a salted hash of its correct
answer instead (`answer_hash`, the same FNV-1a as docs/assets/quiz/exam.js). The review
shown after the one submit (solution, explanation, link to the lesson) travels encoded.
That stops casual peeking only: anyone can read the page's script. A graded exam belongs in
an LMS (README, "A final exam that counts").

No MkDocs here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from authoring.problems import Problem, Source, read_yaml, validated
from quiz.model import LoadedQuiz
from quiz.schema import Slug, Strict

EXAM_FILE = "exam.yml"


class ExamConfig(Strict):
    """`exam.yml`: what each attempt draws, and what it takes to pass."""

    pass_mark: int = Field(ge=1, le=100, description="Percent of questions right to pass.")
    per_module: int = Field(ge=1, le=50, description="Questions drawn from each module's quiz.")
    modules: dict[Slug, int] = Field(
        default_factory=dict,
        description="A different count for some modules (0 leaves a module out).",
    )


@dataclass(frozen=True)
class Exam:
    """A checked exam file, with the count it draws from each quiz (in the quizzes' order)."""

    config: ExamConfig
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def load_exam(path: Path, display: str, quizzes: dict[str, LoadedQuiz]) -> Exam | list[Problem]:
    """Check the exam file against the quizzes: the `Exam`, or every problem found."""
    return check_exam(read_yaml(path, display), quizzes)


def check_exam(source: Source, quizzes: dict[str, LoadedQuiz]) -> Exam | list[Problem]:
    """Check a read exam file (as `load_exam` does); for tests and tools."""
    keys = list(ExamConfig.model_fields)
    config, problems = validated(source, ExamConfig.model_validate, keys, _clean_loc)
    if config is None:
        return problems
    lines = source.lines or {}
    for slug, count in config.modules.items():
        line = lines.get(("modules", slug), lines.get(("modules",), 1))
        if slug not in quizzes:
            known = ", ".join(sorted(quizzes)) or "none"
            problems.append(
                Problem(
                    source.path,
                    line,
                    f"modules.{slug}",
                    f"expected the id of a quiz in quizzes/ ({known}), found '{slug}'",
                )
            )
        elif count < 0:
            problems.append(
                Problem(
                    source.path,
                    line,
                    f"modules.{slug}",
                    f"expected a count of 0 or more, found the number {count}",
                )
            )
    counts: dict[str, int] = {}
    for slug, loaded in quizzes.items():
        count = config.modules.get(slug, config.per_module)
        have = len(loaded.quiz.questions)
        if count > have:
            where = ("modules", slug) if slug in config.modules else ("per_module",)
            problems.append(
                Problem(
                    source.path,
                    lines.get(where, 1),
                    ".".join(where),
                    f"expected at most {have} (the questions in quizzes/{slug}.yml), "
                    f"found the number {count}",
                )
            )
        if count > 0:
            counts[slug] = count
    if not problems and not counts:
        problems.append(
            Problem(source.path, 1, "modules", "expected at least one module with questions")
        )
    return sorted(set(problems)) or Exam(config, counts)


def _clean_loc(loc: tuple) -> tuple:
    # pydantic names a dict value's error `modules.<key>` and adds `[key]` for a bad key.
    return tuple(part for part in loc if part != "[key]")


# --- The exam's questions ---------------------------------------------------------------------


def exam_question(view: dict, salt: str) -> dict:
    """A question's view (quiz_render) as the exam shows it: no answer in plain sight, the
    hash of the correct answer, and the review to show after the submit."""
    x = dict(view)
    if "options" in x:
        x["options"] = [{**o, "correct": False, "feedback": None} for o in x["options"]]
        answer = [o["key"] for o in view["options"] if o["correct"]]
    elif x["type"] == "ordering":
        (keys,) = renamings(salt, view["id"], len(x["answer"]))
        x["items"] = [{**item, "key": keys[item["key"]]} for item in x["items"]]
        answer = [keys[item["key"]] for item in view["answer"]]
    else:  # matching: the left and the right keys renamed apart, so no pair shares a key
        lefts, rights = renamings(salt, view["id"], len(x["lefts"]), len(x["rights"]))
        x["lefts"] = [{**left, "key": lefts[left["key"]]} for left in x["lefts"]]
        x["rights"] = [{**right, "key": rights[right["key"]]} for right in x["rights"]]
        answer = [rights[left["key"]] for left in view["lefts"]]
    x["answer_hash"] = answer_hash(salt, view["id"], canonical(x["type"], answer))
    return x


def canonical(kind: str, answer: list[Any]) -> str:
    """An answer as the hash takes it: a choice's keys in any order, the others in order."""
    keys = [str(k) for k in answer]
    return ",".join(sorted(keys, key=int) if kind in CHOICE else keys)


def answer_hash(salt: str, question_id: str, answer: str) -> str:
    """FNV-1a (32 bits) of `salt|question id|answer`, as 8 hex digits (exam.js computes it too)."""
    value = 0x811C9DC5
    for byte in f"{salt}|{question_id}|{answer}".encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


def encode_review(html: str) -> str:
    """The review's HTML with every character moved one code point on (exam.js moves them
    back after the submit): unreadable at a glance, and, unlike base64, about as small as the
    text itself once the page is compressed."""
    return "".join(_moved(c) for c in html)


def _moved(c: str) -> str:
    """One code point on, within the BMP and around the surrogates; beyond the BMP, kept."""
    code = ord(c)
    if code < 0xD7FF or 0xE000 <= code < 0xFFFF:
        return chr(code + 1)
    if code > 0xFFFF:
        return c
    raise ValueError(f"a review holds U+{code:04X}, which the encoding cannot move")


def renamings(salt: str, question_id: str, *counts: int) -> list[list[int]]:
    """The exam's keys for a question's lists of `counts` keys: list[i] renames key i. The
    same for the same question and salt (its hash), never the identity."""
    rng = random.Random(f"exam:{salt}:{question_id}")
    out = []
    for count in counts:
        keys = list(range(count))
        while count > 1 and keys == sorted(keys):
            rng.shuffle(keys)
        out.append(keys)
    return out


CHOICE = ("single", "multiple", "true-false")
