"""The quiz client's seams (docs/assets/quiz/): its words live in one file per language, the
progress an older client saved is migrated, and a quiz tells what happens through events."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, path_ready, quiz_ready
from quiz.question_types import Matching, Multiple, Ordering, Single, TrueFalse
from test_browser import MODULE, QUIZ, answer, verdict

CLIENT = ROOT / "docs" / "assets" / "quiz"
V1_KEY = "service-course:progress"
V2_KEY = "service-course:progress:2"
V3_KEY = "service-course:progress:3"


# --- The words -------------------------------------------------------------------------------


def code_of(path) -> str:
    """A script without its comments (a `//` inside a string literal is left alone)."""
    source = path.read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return re.sub(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|//[^\n]*""", r"\1", source)


def test_the_client_s_words_are_all_in_the_strings_file():
    scripts = [p for p in CLIENT.glob("*.js") if not p.name.startswith("strings.")]
    scripts.append(CLIENT.parent / "course.js")  # the site-wide script shows one word too
    assert {p.name for p in scripts} >= {"store.js", "types.js", "quiz.js", "stage.js"}
    for path in scripts:
        for number, line in enumerate(code_of(path).splitlines(), 1):
            assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", line), (
                f"{path.name}: Chinese outside strings.zh.js: {line.strip()}"
            )
    strings = (CLIENT / "strings.zh.js").read_text(encoding="utf-8")
    keys = re.findall(r"(?m)^  (\w+):", strings)
    code = "\n".join(code_of(p) for p in scripts)
    assert len(keys) > 20
    unused = [key for key in keys if not re.search(rf"""["'.]{key}\b""", code)]
    assert unused == []


# --- Saved progress --------------------------------------------------------------------------


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    return errors


def _hashes(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        "[data-question]")].map(q => [q.dataset.question, q.dataset.hash]))""")


def _pair_keys(page, question) -> list[str]:
    return _keys(page, question, ".quiz__pair")


def _first(kind):
    return next(q for q in QUIZ.questions if isinstance(q, kind))


def test_progress_the_previous_client_saved_is_migrated_and_shown(phone, base_url):
    """Version 1 (quiz.js until 2026-12: {v, quizzes: {id: {q: {id: {h, a, ok}}}}}) comes
    across into version 3 (through 2) on the first load, every answer kept, a changed
    question's answer dropped; a quiz not on the page keeps its answers too."""
    page = phone.new_page()
    errors = _console_errors(page)
    page.goto(base_url + "progress/")
    row = page.locator('[data-course-quiz="membership"]')
    other_id, other_hash = row.get_attribute("data-questions").split()[0].split(":")
    page.evaluate("localStorage.clear()")  # as before this client: nothing saved by it yet
    page.goto(base_url + MODULE)  # not scrolled: its quiz is not mounted yet
    hashes = _hashes(page)

    single, ordering, matching = _first(Single), _first(Ordering), _first(Matching)
    stale = next(q for q in QUIZ.questions if isinstance(q, Single) and q is not single)
    right = str(next(i for i, o in enumerate(single.options) if o.correct))
    in_order = [str(i) for i in range(len(ordering.items))]
    pairs = _pair_keys(page, matching)
    wrong_pairs = pairs[1:] + pairs[:1]  # each left item given its neighbour's match
    v1 = {
        "v": 1,
        "quizzes": {
            QUIZ.id: {
                "q": {
                    single.id: {"h": hashes[single.id], "a": [right], "ok": True},
                    ordering.id: {"h": hashes[ordering.id], "a": in_order, "ok": True},
                    matching.id: {"h": hashes[matching.id], "a": wrong_pairs, "ok": False},
                    stale.id: {"h": "changed-since", "a": ["0"], "ok": True},
                }
            },
            "membership": {"q": {other_id: {"h": other_hash, "a": ["0"], "ok": True}}},
        },
    }
    page.evaluate("([key, data]) => localStorage.setItem(key, data)", [V1_KEY, json.dumps(v1)])
    page.reload()
    quiz_ready(page)

    assert verdict(page, single) == "✓ 回答正确"
    assert verdict(page, ordering) == "✓ 回答正确"
    assert verdict(page, matching) == "✗ 回答错误"
    assert page.locator(f'[data-question="{stale.id}"] .quiz__verdict').count() == 0
    q = page.locator(f'[data-question="{single.id}"]')
    assert q.locator(f'input[value="{right}"]').is_checked()
    items = page.locator(f'[data-question="{ordering.id}"] .quiz__order-item')
    assert items.evaluate_all("items => items.map(i => i.dataset.key)") == in_order
    selects = page.locator(f'[data-question="{matching.id}"] select')
    assert selects.evaluate_all("selects => selects.map(s => s.value)") == wrong_pairs
    total = len(QUIZ.questions)
    assert page.locator(".quiz__result").inner_text() == f"已完成 3 / {total} 题。"

    # The first save writes version 3, under its own key; version 1's is left to the old client.
    # Answers from before carry the time 0 ("before anything saved since"), a new one its time.
    tf = _first(TrueFalse)
    answer(page, tf, right=True)
    saved = json.loads(page.evaluate(f"localStorage.getItem({V3_KEY!r})"))
    assert saved["version"] == 3
    answers = saved["quizzes"][QUIZ.id]["answers"]
    old = {"hash": hashes[single.id], "answer": [right], "ok": True, "at": 0}
    assert answers[single.id] == old
    assert answers[matching.id] == {
        "hash": hashes[matching.id],
        "answer": wrong_pairs,
        "ok": False,
        "at": 0,
    }
    assert answers[tf.id]["ok"] is True and answers[tf.id]["hash"] == hashes[tf.id]
    assert answers[tf.id]["at"] > 1_700_000_000_000
    assert saved["quizzes"]["membership"]["answers"][other_id]["hash"] == other_hash
    assert json.loads(page.evaluate(f"localStorage.getItem({V1_KEY!r})")) == v1

    # An old client (a page the service worker kept from the previous publish) saving again
    # under version 1's key changes nothing this client shows: the newest version's key wins.
    page.evaluate(
        "([key, data]) => localStorage.setItem(key, data)",
        [V1_KEY, json.dumps({"v": 1, "quizzes": {}})],
    )
    page.goto(base_url + "progress/")
    path_ready(page)
    assert row.locator("[data-course-state]").inner_text().startswith("进行中 · 已答 1 /")
    mine = page.locator(f'[data-course-quiz="{QUIZ.id}"] [data-course-state]')
    assert mine.inner_text() == f"进行中 · 已答 4 / {total} 题"

    # Clearing all progress clears every version's key (the dashboard then saves an empty one).
    page.get_by_role("button", name="清除全部学习进度").tap()
    page.get_by_role("button", name="确定清除").tap()
    assert page.evaluate(f"localStorage.getItem({V1_KEY!r})") is None
    assert page.evaluate(f"localStorage.getItem({V2_KEY!r})") is None
    assert json.loads(page.evaluate(f"localStorage.getItem({V3_KEY!r})")) == {
        "version": 3,
        "quizzes": {},
        "notebook": {},
        "exams": [],
    }
    assert errors == []


# --- Events ------------------------------------------------------------------------------------


LISTEN = """() => {
    window.__events = [];
    for (const type of ["quiz:checked", "quiz:finished"]) {
        document.addEventListener(type, event => window.__events.push({
            type, bubbles: event.bubbles, from: event.target.dataset.quiz, detail: event.detail,
        }));
    }
}"""


def _keys(page, question, selector: str) -> list[str]:
    """The data-key of each `selector` in the question, in the page's (shuffled) order."""
    return page.locator(f'[data-question="{question.id}"] {selector}').evaluate_all(
        "nodes => nodes.map(node => node.dataset.key)"
    )


def _answer_given(page, question, right: bool) -> list[str]:
    """The answer test_browser.answer(page, question, right) gives, as the client reads it."""
    if isinstance(question, TrueFalse):
        picked = ["0" if question.answer == right else "1"]
    elif isinstance(question, (Single, Multiple)):
        keys = [str(i) for i, o in enumerate(question.options) if o.correct == right]
        picked = keys if right else keys[:1]
    elif isinstance(question, Ordering):  # sorted, or left as it was shuffled
        return _keys(page, question, ".quiz__order-item")
    else:  # matching: for each left item, in the page's order, the right item chosen
        count = len(question.pairs)
        return [str(int(k) if right else (int(k) + 1) % count) for k in _pair_keys(page, question)]
    return [key for key in _keys(page, question, ".quiz__option") if key in picked]


@pytest.mark.parametrize("wrong", [0, 3], ids=["passed", "failed"])
def test_a_quiz_tells_each_check_and_its_end_with_events(phone, base_url, wrong):
    page = phone.new_page()
    errors = _console_errors(page)
    page.goto(base_url + MODULE)
    quiz_ready(page)
    hashes = _hashes(page)
    page.evaluate(LISTEN)
    expected = []
    for number, question in enumerate(QUIZ.questions):
        right = number >= wrong
        answer(page, question, right=right)
        detail = {
            "quizId": QUIZ.id,
            "questionId": question.id,
            "hash": hashes[question.id],
            "answer": _answer_given(page, question, right),
            "ok": right,
        }
        expected.append(
            {"type": "quiz:checked", "bubbles": True, "from": QUIZ.id, "detail": detail}
        )
        if number == 0:  # a check that leaves questions unchecked does not finish the quiz
            assert page.evaluate("window.__events") == expected
    total = len(QUIZ.questions)
    score = round(100 * (total - wrong) / total)
    passed = score >= QUIZ.pass_mark
    assert passed == (wrong == 0)
    finished = {"quizId": QUIZ.id, "score": score, "passed": passed, "passMark": QUIZ.pass_mark}
    expected.append({"type": "quiz:finished", "bubbles": True, "from": QUIZ.id, "detail": finished})
    assert page.evaluate("window.__events") == expected

    # Starting again tells no check and no end; the next end is told again.
    page.get_by_role("button", name="重新测验").tap()
    page.evaluate("window.__events = []")
    for question in QUIZ.questions:
        answer(page, question, right=True)
    events = page.evaluate("window.__events")
    assert [e["type"] for e in events] == ["quiz:checked"] * total + ["quiz:finished"]
    assert events[-1]["detail"]["score"] == 100
    assert errors == []
