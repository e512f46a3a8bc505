"""The trainee's journey past the module quizzes, in a real Chromium at a phone's size: the
错题本, the final exam, the certificate and moving progress to another phone, offline too."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime

import pytest

from conftest import ROOT, path_ready, quiz_ready
from quiz.exam import renamings
from quiz.model import load_quiz
from quiz.question_types import Single
from test_browser import answer

pytestmark = pytest.mark.browser

QUIZZES = {p.stem: load_quiz(p).quiz for p in sorted((ROOT / "quizzes").glob("*.yml"))}
QUESTIONS = {q.id: (slug, q) for slug, quiz in QUIZZES.items() for q in quiz.questions}
KEY = "service-course:progress:3"
DAY_1 = datetime(2026, 12, 1, 9, 30)
DAY_2 = datetime(2026, 12, 2, 20, 15)


@pytest.fixture
def trainee(phone):
    """A phone's page, with every script error it meets (asserted to be none at the end)."""
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page
    assert errors == [], errors


def saved(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or "null")


def seed(page, data: dict) -> None:
    page.evaluate("([key, data]) => localStorage.setItem(key, data)", [KEY, json.dumps(data)])


def axe_clean(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def first_single(slug: str) -> Single:
    return next(q for q in QUIZZES[slug].questions if isinstance(q, Single))


# --- 错题本 ---------------------------------------------------------------------------------


def open_notebook(page, base_url) -> None:
    page.goto(base_url + "notebook/")
    page.wait_for_selector("[data-notebook-ready]", state="attached")


def notebook_ids(page) -> list[str]:
    return page.locator(".notebook__module:not([hidden]) [data-question]").evaluate_all(
        "qs => qs.map(q => q.dataset.question)"
    )


def test_wrong_answers_go_to_the_notebook_and_leave_after_right_on_two_days(
    phone, trainee, base_url
):
    page = trainee
    phone.clock.set_fixed_time(DAY_1)
    wrong = {slug: first_single(slug) for slug in ("service-mindset", "why-customers-leave")}
    for slug, question in wrong.items():
        page.goto(base_url + f"modules/{slug}/")
        quiz_ready(page)
        answer(page, question, right=False)

    page.goto(base_url)
    path_ready(page)
    assert page.locator("[data-journey-notebook]").inner_text() == "2 题待复习"
    page.goto(base_url + "progress/")
    path_ready(page)
    assert page.locator("[data-journey-notebook]").inner_text() == "2 题待复习"

    open_notebook(page, base_url)
    assert (
        page.locator("[data-notebook-count]").inner_text() == "错题本里有 2 道题，分布在 2 个模块。"
    )
    assert sorted(notebook_ids(page)) == sorted(q.id for q in wrong.values())
    for slug, question in wrong.items():
        quiz_ready(page, slug)
        # Retried in place, fresh: the wrong answer is not shown again.
        q = page.locator(f'[data-question="{question.id}"]')
        assert q.locator(".quiz__verdict").count() == 0
        answer(page, question, right=True)
        assert q.locator(".quiz__verdict").inner_text() == "✓ 回答正确"
        assert q.locator(".quiz__feedback .quiz__explanation").is_visible()  # as on the module page
        link = q.locator(".quiz__feedback .quiz__ref a")
        assert re.fullmatch(rf".*/modules/{slug}/#.+", link.get_attribute("href"))
        assert q.locator(".notebook__state").inner_text().startswith("今天答对了")
    axe_clean(page)

    page.reload()  # the same day: right once is not enough
    page.wait_for_selector("[data-notebook-ready]", state="attached")
    assert len(notebook_ids(page)) == 2

    phone.clock.set_fixed_time(DAY_2)
    page.reload()
    page.wait_for_selector("[data-notebook-ready]", state="attached")
    states = page.locator(".notebook__state").all_inner_texts()
    assert states == ["已在 2026-12-01 答对一次：换一天再答对一次即可移出。"] * 2
    first, second = wrong.values()
    quiz_ready(page, "service-mindset")
    answer(page, first, right=True)  # the second day: out
    quiz_ready(page, "why-customers-leave")
    answer(page, second, right=False)  # wrong again: it starts over
    second_state = page.locator(f'[data-question="{second.id}"] .notebook__state')
    assert second_state.inner_text().startswith("又答错了")
    assert saved(page)["notebook"][first.id]["out"] is True
    assert saved(page)["notebook"][second.id]["days"] == []

    page.reload()
    page.wait_for_selector("[data-notebook-ready]", state="attached")
    assert notebook_ids(page) == [second.id]
    quiz_ready(page, "why-customers-leave")
    answer(page, second, right=True)
    phone.clock.set_fixed_time(datetime(2026, 12, 5, 8, 0))
    page.reload()
    page.wait_for_selector("[data-notebook-ready]", state="attached")
    quiz_ready(page, "why-customers-leave")
    answer(page, second, right=True)
    page.reload()
    page.wait_for_selector("[data-notebook-ready]", state="attached")
    assert notebook_ids(page) == []
    assert page.locator("[data-notebook-count]").inner_text().startswith("错题本是空的")
    page.goto(base_url)
    path_ready(page)
    assert page.locator("[data-journey-notebook]").is_hidden()


# --- 结业测验 ---------------------------------------------------------------------------------


def exam_answer(question_id: str, question_hash: str, right: bool) -> list[str]:
    """The answer (as types.js reads it) that is right, or wrong, on the exam page."""
    _, q = QUESTIONS[question_id]
    if q.type == "true-false":
        return ["0" if q.answer == right else "1"]
    if q.type in ("single", "multiple"):
        keys = [str(i) for i, o in enumerate(q.options) if o.correct == right]
        return keys if right else keys[:1]
    if q.type == "ordering":
        (keys,) = renamings(question_hash, q.id, len(q.items))
        order = [str(k) for k in keys]
        return order if right else order[::-1]
    _, rights = renamings(question_hash, q.id, len(q.pairs), len(q.pairs))
    picks = [str(k) for k in rights]
    return picks if right else picks[1:] + picks[:1]


def open_exam(page, base_url) -> None:
    page.goto(base_url + "exam/")
    page.wait_for_selector("[data-exam-ready]", state="attached")


def sit_exam(page, wrong: int = 0) -> list[str]:
    """Start an attempt, answer it (the first `wrong` questions wrongly), submit; the ids."""
    page.locator(".exam__start [data-exam-action=start]").tap()
    drawn = page.locator("[data-exam-paper] [data-question]").evaluate_all(
        "qs => qs.map(q => [q.dataset.question, q.dataset.hash])"
    )
    for index, (question_id, question_hash) in enumerate(drawn):
        given = exam_answer(question_id, question_hash, right=index >= wrong)
        page.evaluate(
            """([id, answer]) => {
                const q = document.querySelector(`[data-exam-paper] [data-question="${id}"]`);
                window.courseQuizTypes[q.dataset.type].set(q, answer);
            }""",
            [question_id, given],
        )
    page.locator("[data-exam-action=submit]").tap()
    return [question_id for question_id, _ in drawn]


def test_the_final_exam_draws_scores_once_and_reviews_each_wrong_answer(trainee, base_url):
    page = trainee
    open_exam(page, base_url)
    page.locator(".exam__start [data-exam-action=start]").tap()
    paper = page.locator("[data-exam-paper] [data-question]")
    assert paper.count() == 3 * len(QUIZZES)
    modules = paper.evaluate_all("qs => qs.map(q => q.dataset.examFrom)")
    assert {m: modules.count(m) for m in modules} == dict.fromkeys(QUIZZES, 3)
    assert paper.first.locator(".quiz__number").inner_text() == "第 1 题"
    assert page.locator(".quiz__verdict").count() == 0  # nothing checked before the submit
    page.locator("[data-exam-action=submit]").tap()  # nothing answered (an ordering always is)
    types = paper.evaluate_all("qs => qs.map(q => q.dataset.type)")
    unanswered = sum(kind != "ordering" for kind in types)
    assert (
        page.locator("[data-exam-status]").inner_text().startswith(f"还有 {unanswered} 题没有作答")
    )
    assert page.locator("[data-exam-action=confirm]").is_visible()
    assert page.locator("[data-exam-result]").is_hidden()

    page.reload()
    page.wait_for_selector("[data-exam-ready]", state="attached")
    drawn = sit_exam(page, wrong=2)
    assert page.locator("[data-exam-score]").inner_text() == (
        "✓ 通过！得分 94%（答对 34 / 36 题），通过线 80%。"
    )
    rows = page.locator("[data-exam-breakdown] tr")
    assert rows.count() == len(QUIZZES)
    cells = rows.evaluate_all("rs => rs.map(r => r.cells[1].textContent)")
    assert sum(int(c.split(" / ")[0]) for c in cells) == 34
    assert all(c.endswith(" / 3") for c in cells)

    for index, question_id in enumerate(drawn):
        slug, question = QUESTIONS[question_id]
        q = page.locator(f'[data-exam-paper] [data-question="{question_id}"]')
        verdict = q.locator(".quiz__verdict").inner_text()
        if index < 2:
            assert verdict == "✗ 回答错误"
            assert q.locator(".quiz__solution").inner_text().startswith("正确答案：")
            explanation = q.locator(".quiz__explanation").inner_text()
            assert explanation.strip()[:20] == question.explanation["zh"].strip()[:20]
            href = q.locator(".quiz__ref a").get_attribute("href")
            assert re.fullmatch(rf".*/modules/{slug}/#.+", href), href
        else:
            assert verdict == "✓ 回答正确"
            assert q.locator(".quiz__explanation").count() == 0
        assert q.evaluate("q => q.disabled")
    axe_clean(page)

    record = saved(page)["exams"]
    assert [(a["score"], a["passed"], a["right"], a["total"]) for a in record] == [
        (94, True, 34, 36)
    ]
    assert sorted(id for id, e in saved(page)["notebook"].items() if not e.get("out")) == sorted(
        drawn[:2]
    )
    page.reload()
    page.wait_for_selector("[data-exam-ready]", state="attached")
    assert re.fullmatch(
        r"上次：\d{4}-\d\d-\d\d 得分 94%（通过）；共参加 1 次。",
        page.locator("[data-exam-last]").inner_text(),
    )
    again = sit_exam(page, wrong=36)
    assert again != drawn  # a new draw, in a new order
    assert page.locator("[data-exam-score]").inner_text().startswith("✗ 未通过。得分 0%")
    assert len(saved(page)["exams"]) == 2


# --- 结业证书 ---------------------------------------------------------------------------------


def all_quizzes_passed(page, base_url, at: int) -> dict:
    """Progress with every module's quiz answered rightly (hashes from the dashboard)."""
    page.goto(base_url + "progress/")
    path_ready(page)
    rows = page.locator("[data-course-quiz]").evaluate_all(
        "rows => rows.map(r => [r.dataset.courseQuiz, r.dataset.questions])"
    )
    quizzes = {
        quiz: {
            "answers": {
                pair.split(":")[0]: {
                    "hash": pair.split(":")[1],
                    "answer": ["0"],
                    "ok": True,
                    "at": at,
                }
                for pair in questions.split()
            }
        }
        for quiz, questions in rows
    }
    return {"version": 3, "quizzes": quizzes, "notebook": {}, "exams": []}


def certificate_code(fields: list[str]) -> str:
    """certificate.js's code, worked out independently from its documented rule."""

    def fnv(data: bytes) -> int:
        value = 0x811C9DC5
        for byte in data:
            value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
        return value

    text = "\n".join(["service-course-certificate-1", *fields]).encode()
    value = fnv(text) * 256 + (fnv(b"\x01" + text) >> 24)
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    code = "".join(alphabet[(value >> (5 * i)) & 31] for i in reversed(range(8)))
    return code[:4] + "-" + code[4:]


def test_passing_everything_gives_a_printable_certificate_with_a_code(phone, trainee, base_url):
    page = trainee
    phone.clock.set_fixed_time(DAY_2)
    page.goto(base_url + "certificate/")
    page.wait_for_selector("[data-certificate-ready]", state="attached")
    assert page.locator("[data-certificate-status]").inner_text().startswith("还不能领取证书")
    assert page.locator("[data-certificate-form]").is_hidden()

    seed(page, all_quizzes_passed(page, base_url, at=1_764_000_000_000))
    open_exam(page, base_url)
    sit_exam(page, wrong=0)
    assert page.locator("[data-exam-score]").inner_text().startswith("✓ 通过！得分 100%")
    page.goto(base_url + "progress/")
    path_ready(page)
    assert page.locator("[data-journey-certificate]").inner_text() == "✓ 可以领取"

    page.goto(base_url + "certificate/")
    page.wait_for_selector("[data-certificate-ready]", state="attached")
    assert page.locator("[data-certificate-status]").inner_text().startswith("已满足全部要求")
    page.get_by_role("button", name="生成证书").tap()
    assert page.locator("[data-certificate-problem]").inner_text() == "请填写姓名。"
    page.get_by_label("姓名（必填）").fill("王小明")
    page.get_by_label("门店（选填）").fill("南京西路店")
    page.get_by_label("工号（选填）").fill("A1024")
    page.get_by_role("button", name="生成证书").tap()

    sheet = page.locator("[data-certificate-sheet]")
    assert sheet.is_visible()

    def field(name: str) -> str:
        return sheet.locator(f'[data-field="{name}"]').inner_text()

    course = page.locator("[data-certificate]").get_attribute("data-course-title")
    assert field("course") == course
    assert field("name") == "王小明"
    assert field("details") == "门店：南京西路店 · 工号：A1024"
    titles = sheet.locator('[data-field="modules"] li').all_inner_texts()
    assert len(titles) == len(QUIZZES) and titles[0] == "服务的本质与服务意识"
    assert field("score") == "结业测验得分：100%"
    assert field("date") == "发证日期：2026-12-02"
    expected = certificate_code(
        [course, "王小明", "南京西路店", "A1024", "2026-12-02", "100", ",".join(sorted(QUIZZES))]
    )
    assert field("code") == expected
    axe_clean(page)

    # A trainer checks a code on the trainee's phone: any case, with or without the hyphen.
    page.get_by_label("核对证书：输入证书上的核验码").fill(expected.replace("-", "").lower())
    page.get_by_role("button", name="核对", exact=True).tap()
    assert page.locator("[data-certificate-verdict]").inner_text().startswith("✓ 核验码一致")
    page.get_by_label("核对证书：输入证书上的核验码").fill("0000-0000")
    page.get_by_role("button", name="核对", exact=True).tap()
    assert page.locator("[data-certificate-verdict]").inner_text().startswith("✗ 核验码不一致")

    # Kept: the same sheet tomorrow; printed alone on the page.
    page.reload()
    page.wait_for_selector("[data-certificate-ready]", state="attached")
    assert sheet.locator('[data-field="code"]').inner_text() == expected
    page.emulate_media(media="print")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.md-header')).visibility")
        == "hidden"
    )
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.certificate__name')).visibility")
        == "visible"
    )


# --- Moving to another phone ---------------------------------------------------------------


def some_progress(page, base_url) -> dict:
    """Progress as a trainee might have it: answers, a notebook, an exam, a certificate."""
    data = all_quizzes_passed(page, base_url, at=1_764_000_000_000)
    quiz = data["quizzes"]["membership"]["answers"]
    first = next(iter(quiz))
    quiz[first]["ok"] = False
    data["notebook"] = {
        first: {"quiz": "membership", "days": ["2026-12-01"], "at": 1_764_000_100_000}
    }
    data["exams"] = [
        {
            "at": 1_764_000_200_000,
            "score": 83,
            "passed": True,
            "right": 30,
            "total": 36,
            "modules": {"membership": [2, 3]},
        }
    ]
    data["profile"] = {
        "name": "李娜",
        "store": "",
        "employee": "",
        "date": "2026-12-01",
        "at": 1_764_000_300_000,
    }
    return data


def dashboard(page) -> list[str]:
    path_ready(page)
    return page.locator(".course-path [data-course-state]").all_inner_texts()


def import_file(page, payload: bytes) -> str:
    page.locator("[data-transfer-status]").evaluate("s => { s.textContent = ''; }")
    page.set_input_files(
        "[data-transfer-file]",
        {"name": "p.json", "mimeType": "application/json", "buffer": payload},
    )
    page.wait_for_function("document.querySelector('[data-transfer-status]').textContent !== ''")
    return page.locator("[data-transfer-status]").inner_text()


def open_transfer(page, base_url, fragment: str = "") -> None:
    page.goto(base_url + "progress/" + fragment)
    page.wait_for_selector("[data-transfer-ready]", state="attached")


def test_progress_moves_to_a_new_phone_by_file_and_by_code(browser, trainee, base_url):
    from conftest import PHONE

    page = trainee
    data = some_progress(page, base_url)
    seed(page, data)
    open_transfer(page, base_url)
    before = dashboard(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="导出进度文件").tap()
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert download.value.suggested_filename.endswith(".json")
    assert exported["course"] == "service-course" and exported["format"] == 1
    assert exported["progress"] == data

    page.get_by_role("button", name="显示转移二维码和文字").tap()
    page.wait_for_selector("[data-transfer-qr] svg")
    code = page.locator("#transfer-out").input_value()
    assert code.startswith("SC1z.") and len(code) < 2500
    assert (
        page.locator("[data-transfer-qr] svg title").text_content().startswith("转移进度的二维码")
    )
    import zxingcpp  # a test dependency (pyproject.toml)
    from PIL import Image

    png = page.locator("[data-transfer-qr] svg").screenshot()
    [decoded] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert decoded.text == base_url + "progress/#transfer=" + code  # a phone's camera opens it
    axe_clean(page)

    for how in ("file", "code", "link"):
        context = browser.new_context(**PHONE)
        try:
            other = context.new_page()
            errors: list[str] = []
            other.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            if how == "link":  # what the QR code holds: this page, the code in its fragment
                open_transfer(other, base_url, "#transfer=" + code)
                assert other.locator("#transfer-in").input_value() == code
                other.get_by_role("button", name="导入", exact=True).tap()
            else:
                open_transfer(other, base_url)
                if how == "file":
                    status = import_file(other, json.dumps(exported).encode())
                else:
                    other.locator("#transfer-in").fill(code)
                    other.get_by_role("button", name="导入", exact=True).tap()
            other.wait_for_function(
                "document.querySelector('[data-transfer-status]').textContent.startsWith('✓')"
            )
            status = other.locator("[data-transfer-status]").inner_text()
            assert status.startswith("✓ 已导入"), status
            assert saved(other) == data, how
            other.reload()
            assert dashboard(other) == before
            assert other.locator("[data-journey-notebook]").inner_text() == "1 题待复习"
            assert errors == []
        finally:
            context.close()


def test_an_import_keeps_newer_answers_and_refuses_bad_files(trainee, base_url):
    page = trainee
    data = some_progress(page, base_url)
    export = {
        "course": "service-course",
        "format": 1,
        "exported": "2026-12-01T00:00:00Z",
        "progress": data,
    }
    mine = json.loads(json.dumps(data))
    quiz = mine["quizzes"]["membership"]["answers"]
    first = next(iter(quiz))
    quiz[first] = {**quiz[first], "ok": True, "answer": ["1"], "at": 1_765_000_000_000}  # newer
    del mine["quizzes"]["satisfaction"]  # not answered here yet
    mine["exams"] = []
    seed(page, mine)
    open_transfer(page, base_url)
    status = import_file(page, json.dumps(export).encode())
    assert status.startswith("✓ 已导入"), status
    merged = saved(page)
    assert merged["quizzes"]["membership"]["answers"][first]["at"] == 1_765_000_000_000
    assert merged["quizzes"]["satisfaction"] == data["quizzes"]["satisfaction"]
    assert merged["exams"] == data["exams"]
    assert import_file(page, json.dumps(export).encode()).startswith("✓ 已核对")  # nothing new

    kept = page.evaluate(f"localStorage.getItem({KEY!r})")
    refusals = {
        b"{not json": "✗ 无法导入：这不是本课程导出的进度",
        json.dumps(
            {**export, "progress": {"version": 3, "quizzes": 5}}
        ).encode(): "✗ 无法导入：这不是本课程",
        json.dumps(
            {**export, "course": "another-course"}
        ).encode(): "✗ 无法导入：这个文件来自别的网站",
        json.dumps({**export, "format": 2}).encode(): "✗ 无法导入：这份进度来自更新版本",
        bytes([0xFF, 0xFE, 0x00]): "✗ 无法导入：这不是本课程导出的进度",
    }
    for payload, message in refusals.items():
        assert import_file(page, payload).startswith(message), payload
        assert page.evaluate(f"localStorage.getItem({KEY!r})") == kept
    page.locator("#transfer-in").fill("SC1z.bm90LWEtY29kZQ")
    page.get_by_role("button", name="导入", exact=True).tap()
    page.wait_for_function(
        "document.querySelector('[data-transfer-status]').textContent.startsWith('✗')"
    )
    assert page.evaluate(f"localStorage.getItem({KEY!r})") == kept

    # A file an older client saved (format version 1 of the progress itself) comes across.
    page.evaluate("localStorage.clear()")
    open_transfer(page, base_url)
    row = page.locator('[data-course-quiz="membership"]').get_attribute("data-questions")
    qid, qhash = row.split()[0].split(":")
    old = {
        "course": "service-course",
        "format": 1,
        "exported": "2026-11-01T00:00:00Z",
        "progress": {
            "v": 1,
            "quizzes": {"membership": {"q": {qid: {"h": qhash, "a": ["0"], "ok": True}}}},
        },
    }
    assert import_file(page, json.dumps(old).encode()).startswith("✓ 已导入")
    assert saved(page)["quizzes"]["membership"]["answers"][qid] == {
        "hash": qhash,
        "answer": ["0"],
        "ok": True,
        "at": 0,
    }


# --- Offline ---------------------------------------------------------------------------------


def test_the_journey_s_pages_work_offline_after_the_first_visit(phone, trainee, base_url):
    page = trainee
    page.goto(base_url)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.goto(base_url + "modules/service-mindset/")  # a module page is kept once visited
    page.wait_for_load_state("networkidle")
    phone.set_offline(True)
    try:
        page.goto(base_url + "modules/service-mindset/")
        quiz_ready(page)
        answer(page, first_single("service-mindset"), right=False)
        open_notebook(page, base_url)
        assert notebook_ids(page) == [first_single("service-mindset").id]
        open_exam(page, base_url)
        sit_exam(page, wrong=1)
        assert page.locator("[data-exam-score]").inner_text().startswith("✓ 通过！得分 97%")
        page.goto(base_url + "certificate/")
        page.wait_for_selector("[data-certificate-ready]", state="attached")
        open_transfer(page, base_url)
        page.get_by_role("button", name="显示转移二维码和文字").tap()
        page.wait_for_selector("[data-transfer-qr] svg")
    finally:
        phone.set_offline(False)


def test_the_journey_s_pages_come_alive_after_instant_navigation(trainee, base_url):
    """Reached through Material's instant navigation (no new page load), each page still gets
    its script, from the site's root and not from the page's own folder."""
    page = trainee
    page.goto(base_url)
    path_ready(page)
    page.locator(".journey a").first.click()  # 错题本, by instant navigation
    # The path, whatever the hash: Material's navigation.tracking may still write the anchor
    # the home page was scrolled to (#学习路径) as the next page arrives.
    page.wait_for_url(lambda url: url.split("#")[0] == base_url + "notebook/")
    page.wait_for_selector("[data-notebook-ready]", state="attached")
    page.evaluate("document.querySelector('.md-nav__link[href$=\"/exam/\"]').click()")
    page.wait_for_url(lambda url: url.split("#")[0] == base_url + "exam/")
    page.wait_for_selector("[data-exam-ready]", state="attached")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
