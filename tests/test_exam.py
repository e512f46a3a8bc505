"""The final exam's pool file (exam.yml) and what the exam page carries: layer 1, pure."""

from __future__ import annotations

import re
import textwrap

import pytest

from authoring.problems import parse_yaml
from conftest import ROOT
from quiz.exam import answer_hash, canonical, check_exam, exam_question, renamings
from quiz.model import load_quiz

QUIZZES = {p.stem: load_quiz(p) for p in sorted((ROOT / "quizzes").glob("*.yml"))}


def check(text: str):
    return check_exam(parse_yaml(textwrap.dedent(text).lstrip(), "exam.yml"), QUIZZES)


def messages(text: str) -> list[str]:
    result = check(text)
    assert isinstance(result, list), result
    return [str(p) for p in result]


def test_the_course_s_exam_file_draws_from_every_module():
    exam = check((ROOT / "exam.yml").read_text(encoding="utf-8"))
    assert not isinstance(exam, list), exam
    assert set(exam.counts) == set(QUIZZES)
    assert exam.total == sum(exam.counts.values()) >= 2 * len(QUIZZES)
    assert 50 <= exam.config.pass_mark <= 100


def test_a_module_may_draw_more_fewer_or_none():
    exam = check("""
        pass_mark: 75
        per_module: 2
        modules:
          complaint-handling: 5
          membership: 0
    """)
    assert exam.counts["complaint-handling"] == 5
    assert "membership" not in exam.counts
    assert exam.counts["satisfaction"] == 2
    assert exam.total == 5 + 2 * (len(QUIZZES) - 2)


def test_every_problem_is_listed_with_its_line():
    assert messages("""
        pass_mark: 0
        per_module: 3
        modules:
          complaint-handlin: 2
        shuffle: true
    """) == [
        "exam.yml:1: pass_mark: expected a whole number from 1 to 100, found the number 0",
        "exam.yml:5: shuffle: expected one of the keys pass_mark, per_module, modules, "
        "found unknown key 'shuffle'",
    ]


def test_unknown_modules_and_counts_past_a_quiz_are_problems():
    size = len(QUIZZES["membership"].quiz.questions)
    assert messages(f"""
        pass_mark: 80
        per_module: 3
        modules:
          complaint-handlin: 2
          membership: {size + 1}
          satisfaction: -1
    """) == [
        "exam.yml:4: modules.complaint-handlin: expected the id of a quiz in quizzes/ ("
        + ", ".join(sorted(QUIZZES))
        + "), found 'complaint-handlin'",
        f"exam.yml:5: modules.membership: expected at most {size} (the questions in "
        f"quizzes/membership.yml), found the number {size + 1}",
        "exam.yml:6: modules.satisfaction: expected a count of 0 or more, found the number -1",
    ]


def test_a_count_per_module_past_the_smallest_quiz_names_that_quiz():
    smallest = min(QUIZZES, key=lambda slug: len(QUIZZES[slug].quiz.questions))
    size = len(QUIZZES[smallest].quiz.questions)
    found = messages(f"pass_mark: 80\nper_module: {size + 1}\n")
    assert (
        f"exam.yml:2: per_module: expected at most {size} (the questions in "
        f"quizzes/{smallest}.yml), found the number {size + 1}"
    ) in found


def test_wrong_kinds_and_missing_keys():
    assert messages("""
        pass_mark: "80"
        modules: [a, b]
    """) == [
        "exam.yml:1: pass_mark: expected a whole number, found '80'",
        "exam.yml:1: per_module: expected the required key 'per_module', found none",
        "exam.yml:2: modules: expected a mapping of keys, found a list of 2 items",
    ]


def test_broken_yaml_is_a_problem_not_a_traceback():
    [problem] = messages("pass_mark: [80\nper_module: 3\n")
    assert re.match(r"exam\.yml:\d+: ", problem), problem


# --- The exam's questions -------------------------------------------------------------------


def _view(slug: str, index: int) -> dict:
    from quiz.render import quiz_view

    return quiz_view(QUIZZES[slug], {})["questions"][index]


def _first_of(kind: str) -> tuple[str, int]:
    for slug, loaded in QUIZZES.items():
        for index, q in enumerate(loaded.quiz.questions):
            if q.type == kind:
                return slug, index
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["single", "multiple", "true-false", "ordering", "matching"])
def test_an_exam_question_keeps_its_answer_out_of_sight(kind):
    view = _view(*_first_of(kind))
    shown = exam_question(view, view["hash"])
    assert not any(o.get("correct") or o.get("feedback") for o in shown.get("options", []))
    if kind == "ordering":
        (keys,) = renamings(view["hash"], view["id"], len(view["answer"]))
        assert keys != sorted(keys)  # the keys no longer spell out the order
        right = [keys[item["key"]] for item in view["answer"]]
    elif kind == "matching":
        lefts, rights = renamings(view["hash"], view["id"], len(view["lefts"]), len(view["rights"]))
        assert any(shown["lefts"][i]["key"] != rights[i] for i in range(len(lefts)))
        right = [rights[left["key"]] for left in view["lefts"]]
    else:
        right = [o["key"] for o in view["options"] if o["correct"]]
    assert shown["answer_hash"] == answer_hash(view["hash"], view["id"], canonical(kind, right))
    assert shown["answer_hash"] != answer_hash(view["hash"], view["id"], canonical(kind, [9]))


def test_the_answer_hash_is_fnv_1a():
    # FNV-1a's published test vectors: "" → 811c9dc5, "a" → e40c292c (with the salt's "|"s).
    assert answer_hash("", "", "") == f"{_fnv(b'||'):08x}"
    assert _fnv(b"") == 0x811C9DC5 and _fnv(b"a") == 0xE40C292C


def _fnv(data: bytes) -> int:
    value = 0x811C9DC5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def test_the_exam_page_shows_no_answer_and_no_explanation(site):
    html = (site / "exam" / "index.html").read_text(encoding="utf-8")
    assert html.count("data-answer-hash") == sum(len(q.quiz.questions) for q in QUIZZES.values())
    assert "data-correct" not in html and "quiz__answer-body" not in html
    for loaded in QUIZZES.values():  # no explanation in plain text
        for q in loaded.quiz.questions:
            assert q.explanation["zh"][:30] not in html, q.id
