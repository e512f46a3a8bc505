"""Layer 1, property-based: whatever an author (or a broken editor, or an attacker) writes,
loading a quiz gives a valid quiz or a list of problems, never an exception, and quickly."""

from __future__ import annotations

import time

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring.problems import Problem
from quiz.model import LoadedQuiz, parse_quiz
from test_quiz_model import VALID, laughs, with_questions

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_quiz_or_problems(text: str) -> LoadedQuiz | list[Problem]:
    result = parse_quiz(text, "quizzes/x.yml", slug="x")
    if isinstance(result, LoadedQuiz):
        return result
    assert isinstance(result, list) and result
    for problem in result:
        assert isinstance(problem, Problem)
        assert problem.path == "quizzes/x.yml" and problem.line >= 1
        assert str(problem).startswith(f"quizzes/x.yml:{problem.line}: ")
        assert "expected" in problem.message
    return result


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    assert_quiz_or_problems(text)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["single", "ordering", "zh", "id"]),
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "type",
                    "text",
                    "options",
                    "items",
                    "pairs",
                    "correct",
                    "left",
                    "right",
                    "zh",
                    "en",
                    "answer",
                    "ref",
                    "questions",
                    "pass_mark",
                    "title",
                    "explanation",
                    "feedback",
                    "x",
                ]
            )
            | st.text(max_size=5),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


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
@given(
    st.lists(
        st.tuples(st.sampled_from(PATHS), st.sampled_from(["drop", "set"]), scalars | data),
        min_size=1,
        max_size=4,
    )
)
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
    assert_quiz_or_problems(VALID[:start] + junk + VALID[start + length :])


# --- Bombs: past a bound, a file is refused quickly with a problem, never an exception ---------

# Generous: a file past a bound is refused in milliseconds; this only catches a hang (a billion
# laughs took minutes before) on a slow or busy machine.
SECONDS = 2.0
BOMBS = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
DEPTH = "yaml: expected lists and mappings nested at most 20 deep, found one nested 21 deep"


def load_quickly(text: str) -> LoadedQuiz | list[str]:
    """Load `text` as a quiz within SECONDS: a valid quiz, or its problems as messages."""
    start = time.perf_counter()
    result = assert_quiz_or_problems(text)
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS, f"took {elapsed:.2f} s"
    return result if isinstance(result, LoadedQuiz) else [str(p) for p in result]


@BOMBS
@given(
    st.lists(st.sampled_from("-k[{"), min_size=1, max_size=40),
    st.sampled_from([1, 2, 10, 100, 2_000]),
    st.integers(0, 300),
)
def test_deep_nesting(levels, repeat, block):
    """Lists and mappings, block style for the first `block` levels, then flow style."""
    levels = levels * repeat
    block = min(block, len(levels))
    text = "".join(
        " " * 2 * i + {"-": "-", "k": "k:"}.get(level, "-") + "\n"
        for i, level in enumerate(levels[:block])
    )
    flow = levels[block:]
    text += " " * 2 * block + "".join("{k: " if level in "k{" else "[" for level in flow) + "1"
    text += "".join("}" if level in "k{" else "]" for level in reversed(flow)) + "\n"
    found = load_quickly(text)
    if len(levels) > 20:
        assert found == [f"quizzes/x.yml:{min(21, block + 1)}: {DEPTH}"]
    else:
        assert not any(": yaml: " in p for p in found), found  # valid YAML, checked as usual


@BOMBS
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, len(VALID)))
def test_alias_bombs(levels, width, start):
    """A billion laughs, anywhere in a quiz: refused at its first alias."""
    text = VALID[:start] + "\n" + laughs(levels, width) + VALID[start:]
    found = load_quickly(text)
    assert len(found) == 1, found
    assert found[0].endswith("found the alias '*a0'") or "syntax error" in found[0], found


@settings(BOMBS, max_examples=25)
@given(st.text(min_size=1, max_size=20), st.integers(1_000_001, 4_000_000))
def test_huge_files(chunk, size):
    text = chunk * (size // len(chunk.encode()) + 1)
    assert load_quickly(text) == [
        f"quizzes/x.yml:1: file: expected a file of at most 1,000,000 bytes, "
        f"found {len(text.encode()):,} bytes"
    ]


@settings(BOMBS, max_examples=12)
@given(st.integers(1, 6_000))
def test_many_questions(count):
    text = with_questions(count)
    found = load_quickly(text)
    if count <= 200:
        assert isinstance(found, LoadedQuiz)
        return
    [problem] = found  # the bound on questions, or one met before it: values, bytes
    assert problem.endswith(
        (
            f"questions: expected at most 200 items, found {count}",
            "keys and values, found more by this line",
            f"bytes, found {len(text.encode()):,} bytes",
        )
    ), problem


@BOMBS
@given(
    st.integers(0, len(VALID)),
    st.sampled_from(
        [
            "[" * 30,
            "{a: " * 30,
            "- " * 30,
            "&a x",
            "*a",
            "[*a, *a]",
            "x" * 1_000_001,
            "k: 1\n" * 12_000,
        ]
    ),
)
def test_bombs_planted_in_a_valid_quiz(start, bomb):
    """Anywhere in a quiz (inside text, a bomb is only text): a quiz or problems, quickly."""
    load_quickly(VALID[:start] + bomb + VALID[start:])
