"""Layer 1, property-based: whatever an author (or a broken editor) writes, loading a quiz
gives a valid quiz or a list of problems, never an exception."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from problems import Problem
from quiz_model import LoadedQuiz, parse_quiz
from test_quiz_model import VALID

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def assert_quiz_or_problems(text: str) -> None:
    result = parse_quiz(text, "quizzes/x.yml", slug="x")
    if isinstance(result, LoadedQuiz):
        return
    assert isinstance(result, list) and result
    for problem in result:
        assert isinstance(problem, Problem)
        assert problem.path == "quizzes/x.yml" and problem.line >= 1
        assert str(problem).startswith(f"quizzes/x.yml:{problem.line}: ")
        assert "expected" in problem.message


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    assert_quiz_or_problems(text)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["single", "ordering", "zh", "id"]))
data = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["id", "type", "text", "options", "items", "pairs",
                                     "correct", "left", "right", "zh", "en", "answer", "ref",
                                     "questions", "pass_mark", "title", "explanation",
                                     "feedback", "x"]) | st.text(max_size=5), inner, max_size=5),
), max_leaves=25)


@SETTINGS
@given(data)
def test_arbitrary_yaml_data(value):
    assert_quiz_or_problems(yaml.safe_dump(value, allow_unicode=True))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


BASE = yaml.safe_load(VALID)
PATHS = [p for p in _paths(BASE) if p]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(["drop", "set"]), scalars | data),
                min_size=1, max_size=4))
def test_mutated_valid_quiz(mutations):
    quiz = yaml.safe_load(VALID)
    for path, action, value in mutations:
        parent = quiz
        try:
            for part in path[:-1]:
                parent = parent[part]
            if action == "drop":
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    assert_quiz_or_problems(yaml.safe_dump(quiz, allow_unicode=True))


@SETTINGS
@given(st.integers(0, len(VALID) - 1), st.integers(1, 30), st.text(max_size=6))
def test_corrupted_quiz_text(start, length, junk):
    assert_quiz_or_problems(VALID[:start] + junk + VALID[start + length:])
