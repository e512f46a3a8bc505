"""Layer 1: loading and checking quiz files, each rule with its exact message and line."""

from __future__ import annotations

import json
import textwrap

import pytest

from authoring.problems import read_yaml
from quiz.model import LoadedQuiz, check_all, load_quiz, parse_quiz, question_hash
from quiz.question_types import json_schema

VALID = """\
id: demo
title: 演示测验
pass_mark: 80
questions:
  - id: demo-single
    type: single
    text: 4P 中的第四个 P 是什么？
    options:
      - text: 促销
        correct: true
      - text: 人员
        feedback: 4P 里没有人员。
    explanation: McCarthy 的第四个 P 是 Promotion。
    ref: 四个 P
  - id: demo-multiple
    type: multiple
    text: 哪些属于 4C？
    options:
      - text: 成本
        correct: true
      - text: 方便
        correct: true
      - text: 价格
    explanation: 价格属于 4P。
    ref: 四个 C
  - id: demo-tf
    type: true-false
    text: 4C 从顾客一侧出发。
    answer: true
    wrong_feedback: 4C 正是从顾客出发的。
    explanation: 是的。
    ref: 四个 C
  - id: demo-order
    type: ordering
    text: 排序
    items: [第一, 第二, 第三]
    explanation: 按时间。
    ref: 四个 P
  - id: demo-match
    type: matching
    text: 配对
    pairs:
      - left: 产品
        right: 顾客
      - left: 价格
        right: 成本
    explanation: 一一对应。
    ref: 四个 C
"""


def problems(text: str, path: str = "quizzes/demo.yml") -> list[str]:
    result = parse_quiz(text, path, slug="demo")
    assert isinstance(result, list), "expected problems, got a valid quiz"
    return [str(p) for p in result]


def edit(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_valid_quiz_loads_with_every_type():
    quiz = parse_quiz(VALID, "quizzes/demo.yml", slug="demo")
    assert isinstance(quiz, LoadedQuiz)
    assert [q.type for q in quiz.quiz.questions] == [
        "single",
        "multiple",
        "true-false",
        "ordering",
        "matching",
    ]
    assert quiz.quiz.questions[0].text == {"zh": "4P 中的第四个 P 是什么？"}
    assert quiz.line("questions", 1, "options") == 18


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # YAML syntax, reported at the line the parser stopped on
        (
            "title: 演示测验",
            "title: [演示",
            "quizzes/demo.yml:3: yaml: expected valid YAML, found "
            "a syntax error (while parsing a flow sequence, did not find expected ',' or ']')",
        ),
        # unknown keys, with a hint for a typo
        (
            "        correct: true\n      - text: 人员",
            "        corect: true\n      - text: 人员",
            "quizzes/demo.yml:10: questions[0].options[0].corect: expected one of the keys text, "
            "correct, feedback, found unknown key 'corect' (did you mean 'correct'?)",
        ),
        (
            "pass_mark: 80",
            "pass_mark: 80\npassmark: 70",
            "quizzes/demo.yml:4: passmark: expected one of the keys id, title, pass_mark, "
            "description, questions, found unknown key 'passmark' (did you mean 'pass_mark'?)",
        ),
        # wrong types
        (
            "pass_mark: 80",
            "pass_mark: eighty",
            "quizzes/demo.yml:3: pass_mark: expected a whole number, found 'eighty'",
        ),
        (
            "    answer: true",
            "    answer: maybe",
            "quizzes/demo.yml:29: questions[2].answer: expected true or false, found 'maybe'",
        ),
        (
            "    text: 配对",
            "    text: 42",
            "quizzes/demo.yml:41: questions[4].text: expected text, found the number 42",
        ),
        (
            "    items: [第一, 第二, 第三]",
            "    items: 第一",
            "quizzes/demo.yml:36: questions[3].items: expected a list, found '第一'",
        ),
        # missing required keys: reported at the mapping that lacks them
        (
            "    explanation: 按时间。\n",
            "",
            "quizzes/demo.yml:33: questions[3].explanation: expected the required key "
            "'explanation', found none",
        ),
        (
            "    ref: 四个 P\n  - id: demo-multiple",
            "  - id: demo-multiple",
            "quizzes/demo.yml:5: questions[0].ref: expected the required key 'ref', found none",
        ),
        # an unknown question type
        (
            "    type: ordering",
            "    type: sequence",
            "quizzes/demo.yml:34: questions[3].type: expected one of the types single, multiple, "
            "true-false, ordering, matching, found 'sequence'",
        ),
        # pass mark outside 1–100
        (
            "pass_mark: 80",
            "pass_mark: 0",
            "quizzes/demo.yml:3: pass_mark: expected a whole number from 1 to 100, found the number 0",
        ),
        (
            "pass_mark: 80",
            "pass_mark: 101",
            "quizzes/demo.yml:3: pass_mark: expected a whole number from 1 to 100, "
            "found the number 101",
        ),
        # ids never depend on position, and follow one spelling
        (
            "  - id: demo-multiple",
            "  - id: Demo Multiple",
            "quizzes/demo.yml:15: questions[1].id: expected lower-case letters, digits and hyphens, "
            "found 'Demo Multiple'",
        ),
        (
            "  - id: demo-tf",
            "  - id: demo-single",
            "quizzes/demo.yml:26: questions[2].id: expected a unique question id, found "
            "'demo-single' again (also questions[0])",
        ),
        (
            "  - id: demo-multiple",
            "  - id: " + "q" * 81,
            "quizzes/demo.yml:15: questions[1].id: expected at most 80 characters, found 81",
        ),
        # localizable text: zh is required
        (
            "    text: 排序",
            "    text: {en: Put in order}",
            "quizzes/demo.yml:35: questions[3].text: expected a 'zh' entry, found only en",
        ),
        (
            "    text: 排序",
            "    text: ''",
            "quizzes/demo.yml:35: questions[3].text: expected text, found an empty string",
        ),
        (
            "    text: 排序",
            "    text: {zh: 排序, EN: Order}",
            "quizzes/demo.yml:35: questions[3].text: expected language codes such as zh or en as "
            "keys, found 'EN'",
        ),
        # single choice: exactly one correct option
        (
            "      - text: 人员\n",
            "      - text: 人员\n        correct: true\n",
            "quizzes/demo.yml:8: questions[0].options: expected exactly one correct option, found 2",
        ),
        (
            "        correct: true\n      - text: 人员",
            "      - text: 人员",
            "quizzes/demo.yml:8: questions[0].options: expected exactly one correct option, found 0",
        ),
        # true/false: the one correct answer is `answer`, which must be given
        (
            "    answer: true\n",
            "",
            "quizzes/demo.yml:26: questions[2].answer: expected the required key 'answer', found none",
        ),
        # multiple choice: neither no nor only correct options
        (
            "      - text: 价格\n",
            "      - text: 价格\n        correct: true\n",
            "quizzes/demo.yml:18: questions[1].options: expected at least one option that is not "
            "correct, found all 3 correct",
        ),
        (
            "      - text: 成本\n        correct: true\n      - text: 方便\n        correct: true\n",
            "      - text: 成本\n      - text: 方便\n",
            "quizzes/demo.yml:18: questions[1].options: expected at least one correct option, found 0",
        ),
        (
            "      - text: 价格\n",
            "",
            "quizzes/demo.yml:18: questions[1].options: expected at least 3 items, found 2",
        ),
        # duplicate options
        (
            "      - text: 人员",
            "      - text: 促销",
            "quizzes/demo.yml:11: questions[0].options[1].text: expected each option once, found "
            "'促销' again (also options[0])",
        ),
        # ordering: at least 3 items, none repeated
        (
            "    items: [第一, 第二, 第三]",
            "    items: [第一, 第二]",
            "quizzes/demo.yml:36: questions[3].items: expected at least 3 items, found 2",
        ),
        (
            "    items: [第一, 第二, 第三]",
            "    items: [第一, 第二, 第一]",
            "quizzes/demo.yml:36: questions[3].items[2]: expected each item once, found '第一' "
            "again (also items[0])",
        ),
        # matching: both sides of every pair, none repeated
        (
            "        right: 成本\n",
            "",
            "quizzes/demo.yml:45: questions[4].pairs[1].right: expected the required key 'right', "
            "found none",
        ),
        (
            "        right: 成本",
            "        right: 顾客",
            "quizzes/demo.yml:46: questions[4].pairs[1].right: expected each right-hand item once, "
            "found '顾客' again (also pairs[0])",
        ),
        (
            "      - left: 价格",
            "      - left: 产品",
            "quizzes/demo.yml:45: questions[4].pairs[1].left: expected each left-hand item once, "
            "found '产品' again (also pairs[0])",
        ),
        # a key written twice in one mapping (PyYAML would silently keep the last)
        (
            "    ref: 四个 P\n  - id: demo-multiple",
            "    ref: 四个 P\n    ref: 四个 C\n  - id: demo-multiple",
            "quizzes/demo.yml:15: questions[0].ref: expected each key once, found 'ref' again "
            "(first on line 14)",
        ),
    ],
)
def test_each_rule_reports_key_line_expected_and_found(old, new, expected):
    assert expected in problems(edit(old, new))


def test_every_problem_in_a_file_is_listed_at_once():
    text = edit("pass_mark: 80", "pass_mark: 0")
    text = text.replace(
        "        correct: true\n      - text: 人员", "        corect: true\n      - text: 人员", 1
    )
    text = text.replace("    items: [第一, 第二, 第三]", "    items: [第一, 第一]", 1)
    found = problems(text)
    assert found == [
        "quizzes/demo.yml:3: pass_mark: expected a whole number from 1 to 100, found the number 0",
        "quizzes/demo.yml:8: questions[0].options: expected exactly one correct option, found 0",
        "quizzes/demo.yml:10: questions[0].options[0].corect: expected one of the keys text, "
        "correct, feedback, found unknown key 'corect' (did you mean 'correct'?)",
        "quizzes/demo.yml:36: questions[3].items: expected at least 3 items, found 2",
        "quizzes/demo.yml:36: questions[3].items[1]: expected each item once, found '第一' "
        "again (also items[0])",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "",
            "quizzes/demo.yml:1: quiz: expected a mapping of keys (id, title, pass_mark, "
            "questions), found nothing",
        ),
        (
            "- a\n- b\n",
            "quizzes/demo.yml:1: quiz: expected a mapping of keys (id, title, "
            "pass_mark, questions), found a list of 2 items",
        ),
        ("id: x\n", "quizzes/demo.yml:1: title: expected the required key 'title', found none"),
        (
            "id: demo\ntitle: t\npass_mark: 50\nquestions: []\n",
            "quizzes/demo.yml:4: questions: expected at least 1 items, found 0",
        ),
        (
            "id: !!python/object:os.system x\n",
            "quizzes/demo.yml:1: yaml: expected plain YAML "
            "data, found could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'",
        ),
    ],
)
def test_files_that_are_not_quizzes_are_problems_too(text, expected):
    assert any(p.startswith(expected) for p in problems(text)), problems(text)


# --- Bounds: a hostile or broken file is refused at once, with one problem -------------------

FIRST = VALID.index("  - id: demo-single")
QUESTION = VALID[FIRST : VALID.index("  - id: demo-multiple")]


def with_questions(count: int) -> str:
    """VALID with `count` single-choice questions, each with its own id."""
    return VALID[:FIRST] + "".join(QUESTION.replace("demo-single", f"q{i}") for i in range(count))


def laughs(levels: int = 9, width: int = 9) -> str:
    """A "billion laughs" file: each line an alias of the line before, `width` times over."""
    lines = ["a0: &a0 lol"] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)
    ]
    return "\n".join(lines) + "\n"


DEPTH = "expected lists and mappings nested at most 20 deep, found one nested 21 deep"
ALIAS = "expected each value written out in full (no YAML aliases), found the alias"
BYTES = "file: expected a file of at most 1,000,000 bytes, found"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nesting: composing recurses once per level (a RecursionError, or a crash, before)
        ("x: " + "[" * 20 + "]" * 20 + "\n", f"quizzes/demo.yml:1: yaml: {DEPTH}"),
        ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", f"quizzes/demo.yml:1: yaml: {DEPTH}"),
        ("{a: " * 5_000 + "1" + "}" * 5_000 + "\n", f"quizzes/demo.yml:1: yaml: {DEPTH}"),
        ("".join("  " * i + "a:\n" for i in range(400)), f"quizzes/demo.yml:21: yaml: {DEPTH}"),
        # aliases: none are needed, and aliases of aliases expand to billions of values
        (laughs(), f"quizzes/demo.yml:2: yaml: {ALIAS} '*a0'"),
        ("a: &x [*x]\n", f"quizzes/demo.yml:1: yaml: {ALIAS} '*x'"),
        ("a: *nowhere\n", f"quizzes/demo.yml:1: yaml: {ALIAS} '*nowhere'"),
        (
            VALID.replace("    ref: 四个 P\n", "    ref: &p 四个 P\n", 1).replace(
                "    ref: 四个 P\n", "    ref: *p\n"
            ),
            f"quizzes/demo.yml:38: yaml: {ALIAS} '*p'",
        ),
        # keys and values: each costs checking time
        (
            "".join(f"k{i}: {i}\n" for i in range(60_000)),
            "quizzes/demo.yml:10000: yaml: "
            "expected at most 20,000 keys and values, found more by this line",
        ),
        # size, counted in bytes (a Chinese character is three), before parsing
        ("x: " + "a" * 1_000_000 + "\n", f"quizzes/demo.yml:1: {BYTES} 1,000,004 bytes"),
        ("x: " + "中" * 333_333 + "\n", f"quizzes/demo.yml:1: {BYTES} 1,000,003 bytes"),
        # questions: a quiz is a dozen or so, never hundreds
        (
            with_questions(201),
            "quizzes/demo.yml:4: questions: expected at most 200 items, found 201",
        ),
    ],
)
def test_a_file_past_a_bound_is_refused_with_one_problem(text, expected):
    assert problems(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 19 + "]" * 19 + "\n",  # with the mapping around it, 20 deep
        "".join(f"k{i}: {i}\n" for i in range(9_999)),
        "x: &x 1\n",  # an anchor nothing refers to is harmless
        "x: " + "a" * 999_995 + "\n",
    ],
)
def test_a_file_at_a_bound_is_checked_as_usual(text):
    found = problems(text)
    assert found and not any(": yaml: " in p or ": file: " in p for p in found), found[:3]


def test_a_quiz_of_200_questions_is_valid():
    assert isinstance(parse_quiz(with_questions(200), "quizzes/demo.yml", slug="demo"), LoadedQuiz)


def test_a_file_past_the_size_bound_is_refused_unread(tmp_path):
    path = tmp_path / "big.yml"
    path.write_bytes(b"x: " + b"\xff" * 2_000_000)  # not UTF-8: read, it would say so
    assert [str(p) for p in load_quiz(path, "quizzes/big.yml")] == [
        "quizzes/big.yml:1: file: expected a file of at most 1,000,000 bytes, found 2,000,003 bytes"
    ]


def test_question_and_quiz_ids_are_unique_across_files(tmp_path):
    (tmp_path / "a.yml").write_text(VALID, encoding="utf-8")
    # b.yml has problems of its own: the clash is reported all the same
    (tmp_path / "b.yml").write_text(
        VALID.replace("id: demo-tf", "id: demo-other").replace("pass_mark: 80", "pass_mark: 0"),
        encoding="utf-8",
    )
    sources = [read_yaml(tmp_path / name, f"quizzes/{name}") for name in ("b.yml", "a.yml")]
    found = [str(p) for p in check_all(sources)]
    assert (
        "quizzes/b.yml:1: id: expected a quiz id unique across quizzes, found 'demo', "
        "already the id of quizzes/a.yml" in found
    )
    assert (
        "quizzes/b.yml:5: questions[0].id: expected a question id unique across quizzes, "
        "found 'demo-single', already used in quizzes/a.yml:5" in found
    )
    assert not any("demo-other" in p for p in found)


def test_unreadable_and_non_utf8_files_are_problems(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_bytes(b"id: \xff\xfe\n")
    [problem] = load_quiz(path, "quizzes/bad.yml")
    assert str(problem).startswith("quizzes/bad.yml:1: file: expected a readable UTF-8 file, found")


def test_localized_text_keeps_every_language():
    text = edit("    text: 排序", "    text: {zh: 排序, en: Put in order}")
    quiz = parse_quiz(text, "quizzes/demo.yml", slug="demo")
    assert quiz.quiz.questions[3].text == {"zh": "排序", "en": "Put in order"}


def test_question_hash_changes_only_with_the_question():
    before = parse_quiz(VALID, "q.yml", slug="demo").quiz.questions
    after = parse_quiz(edit("    text: 排序", "    text: 重新排序"), "q.yml", slug="demo")
    after = after.quiz.questions
    assert question_hash(before[3]) != question_hash(after[3])
    assert [question_hash(q) for i, q in enumerate(before) if i != 3] == [
        question_hash(q) for i, q in enumerate(after) if i != 3
    ]


def test_committed_json_schema_is_generated_from_the_models():
    from conftest import ROOT

    committed = json.loads((ROOT / "schema" / "quiz.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "schema/quiz.schema.json is stale: ./run schema"


def test_json_schema_accepts_the_real_quizzes_and_rejects_a_typo():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from conftest import ROOT

    validator = jsonschema.Draft202012Validator(json_schema())
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path
    broken = yaml.safe_load(
        edit(
            "        correct: true\n      - text: 人员", "        corect: true\n      - text: 人员"
        )
    )
    assert list(validator.iter_errors(broken))


def test_examples_in_the_authoring_guide_are_valid():
    from conftest import ROOT

    guide = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    [example] = [
        block.split("```", 1)[0]
        for block in guide.split("```yaml\n")[1:]
        if block.startswith("# yaml-language-server")
    ]
    example = textwrap.dedent(example)
    result = parse_quiz(example, "AUTHORING.md", slug="four-p-to-four-c")
    assert isinstance(result, LoadedQuiz), result


# --- What a saved answer depends on -------------------------------------------------------------


def _hashes(text: str, lang: str = "zh") -> dict[str, str]:
    loaded = parse_quiz(text, "quizzes/demo.yml", slug="demo")
    return {q.id: question_hash(q, lang) for q in loaded.quiz.questions}


def test_adding_an_english_translation_keeps_every_chinese_answer():
    english = (
        VALID.replace(
            "text: 4P 中的第四个 P 是什么？",
            "text: {zh: 4P 中的第四个 P 是什么？, en: What is the fourth P?}",
        )
        .replace("      - text: 促销\n", "      - text: {zh: 促销, en: Promotion}\n")
        .replace("    items: [第一, 第二, 第三]", "    items: [{zh: 第一, en: first}, 第二, 第三]")
        .replace(
            "explanation: 价格属于 4P。", "explanation: {zh: 价格属于 4P。, en: Price is a P.}"
        )
    )
    assert english != VALID
    assert _hashes(english) == _hashes(VALID)
    # while an English trainee's answers follow the English text
    assert _hashes(english, "en")["demo-single"] != _hashes(VALID, "en")["demo-single"]
    assert _hashes(english, "en")["demo-tf"] == _hashes(VALID, "en")["demo-tf"]


def test_an_explanation_or_feedback_may_change_without_voiding_answers():
    edited = VALID.replace("explanation: 价格属于 4P。", "explanation: 价格是 4P 的一项。").replace(
        "feedback: 4P 里没有人员。", "feedback: 人员不在 4P 之中。"
    )
    assert _hashes(edited) == _hashes(VALID)


@pytest.mark.parametrize(
    ("old", "new", "question"),
    [
        ("      - text: 价格\n", "      - text: 渠道\n", "demo-multiple"),
        ("      - text: 方便\n        correct: true\n", "      - text: 方便\n", "demo-multiple"),
        ("    answer: true", "    answer: false", "demo-tf"),
        ("    items: [第一, 第二, 第三]", "    items: [第二, 第一, 第三]", "demo-order"),
        ("text: 4C 从顾客一侧出发。", "text: 4C 从企业一侧出发。", "demo-tf"),
    ],
)
def test_a_change_to_what_the_trainee_answers_voids_that_answer_only(old, new, question):
    before, after = _hashes(VALID), _hashes(VALID.replace(old, new, 1))
    assert [q for q in before if before[q] != after[q]] == [question]
