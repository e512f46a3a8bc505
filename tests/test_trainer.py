"""The trainer's tools in a real Chromium: classroom mode, print, the QR code, and axe."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, away_and_back, open_quiz_page, quiz_ready
from quiz.model import load_quiz
from test_browser import MODULE, QUIZ

pytestmark = pytest.mark.browser


@pytest.fixture
def projector(browser, base_url):
    """A laptop-sized page on the 4P→4C module, as a trainer projects it."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    page, errors = open_quiz_page(context, base_url + MODULE)
    yield page
    context.close()
    assert not errors, errors


def open_with_keyboard(page):
    opener = page.get_by_role("button", name="课堂模式：投影放映")
    opener.focus()
    page.keyboard.press("Enter")
    stage = page.get_by_role("dialog", name="课堂模式", exact=False)
    stage.wait_for()
    return opener, stage


def test_the_stage_loads_only_when_a_trainer_opens_it(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    asked = []
    # what the page asks for, not the service worker, which keeps the stage for offline use
    context.on(
        "request",
        lambda r: asked.append(r.url) if r.service_worker is None and "stage" in r.url else None,
    )
    page, errors = open_quiz_page(context, base_url + MODULE)
    page.wait_for_load_state("networkidle")
    assert [url for url in asked if url.endswith(".js")] == []  # a trainee's phone never asks
    open_with_keyboard(page)
    assert [url for url in asked if url.endswith("/assets/quiz/stage.js")]
    page.keyboard.press("Escape")
    open_with_keyboard(page)  # a second stage reuses the script
    assert len([url for url in asked if url.endswith("/assets/quiz/stage.js")]) == 1
    context.close()
    assert not errors, errors


def test_classroom_mode_walks_the_whole_quiz_with_the_keyboard(projector):
    page = projector
    _opener, stage = open_with_keyboard(page)
    scrolled = page.evaluate("scrollY")
    total = len(QUIZ.questions)
    for number, question in enumerate(QUIZ.questions, 1):
        assert stage.locator(".quiz-stage__progress").inner_text() == f"第 {number} / {total} 题"
        assert question.text["zh"][:8] in stage.inner_text()
        assert stage.locator(".quiz-stage__answer").count() == 0
        page.keyboard.press("ArrowRight")  # reveals the answer first
        answer = stage.locator(".quiz-stage__answer")
        assert "正确答案：" in answer.inner_text()
        assert question.explanation["zh"][:8] in answer.inner_text()
        if question.type in ("single", "multiple", "true-false"):
            assert stage.locator(".quiz-stage__option--answer").count() >= 1
        if number < total:
            page.keyboard.press(" ")  # then moves on
    page.keyboard.press("ArrowLeft")
    assert stage.locator(".quiz-stage__progress").inner_text() == f"第 {total - 1} / {total} 题"
    page.keyboard.press("Escape")
    assert page.locator(".quiz-stage").count() == 0
    assert page.evaluate("document.activeElement.dataset.quizAction") == "stage"
    assert abs(page.evaluate("scrollY") - scrolled) < 5  # back where the trainer was


def test_a_presenter_remote_drives_it_with_page_keys(projector):
    page = projector
    _, stage = open_with_keyboard(page)
    page.keyboard.press("PageDown")
    assert stage.locator(".quiz-stage__answer").count() == 1
    page.keyboard.press("PageDown")
    assert stage.locator(".quiz-stage__progress").inner_text().startswith("第 2 /")
    page.keyboard.press("PageUp")
    assert stage.locator(".quiz-stage__progress").inner_text().startswith("第 1 /")
    # Material's own shortcut keys do nothing behind the stage (n would open the next page)
    path = urlsplit(page.url).path
    page.keyboard.press("n")
    page.wait_for_timeout(500)
    assert urlsplit(page.url).path == path and page.locator(".quiz-stage").count() == 1


def test_classroom_mode_still_works_after_instant_navigation(projector):
    page = projector
    page.evaluate("window.__stayed = true")
    away_and_back(page, QUIZ.id)
    quiz_ready(page, QUIZ.id)
    assert page.evaluate("window.__stayed === true")
    _, stage = open_with_keyboard(page)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator(".quiz-stage").count() == 1
    assert (
        stage.locator(".quiz-stage__progress").inner_text().startswith("第 2 /")
    )  # one step a key


def test_classroom_mode_reads_the_page_not_a_copy(projector):
    page = projector
    page.evaluate("""() => {
        const text = document.querySelector('[data-question] .quiz__text');
        text.firstChild.textContent = '页面上改过的题目';
    }""")
    _, stage = open_with_keyboard(page)
    assert "页面上改过的题目" in stage.inner_text()


def test_axe_finds_nothing_in_the_classroom_view(projector):
    from axe_playwright_python.sync_playwright import Axe

    page = projector
    open_with_keyboard(page)
    page.keyboard.press("ArrowRight")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


# --- Print ---------------------------------------------------------------------------------------


def visible(page, selector) -> bool:
    return page.locator(selector).first.is_visible()


def test_a_module_prints_as_a_handout_with_a_blank_worksheet(phone, base_url):
    page = phone.new_page()
    page.goto(base_url + MODULE)
    quiz_ready(page)
    first = QUIZ.questions[0]
    page.locator(f'[data-question="{first.id}"] .quiz__option .quiz__label').first.tap()
    page.locator(f'[data-question="{first.id}"] [data-quiz-action=check]').tap()
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".md-search",
        ".quiz__check",
        ".quiz__stage-open",
        ".quiz__feedback",
        ".quiz__answer",
        ".quiz__retry",
    ):
        assert not visible(page, hidden), hidden
    assert visible(page, "img.diagram")
    text = page.locator("article").inner_text()
    for question in QUIZ.questions:
        assert question.text["zh"][:8] in text
    assert "正确答案" not in text and "回答错误" not in text and "查看答案" not in text
    assert not visible(page, ".quiz__explanation") and not visible(page, ".quiz__badge")
    assert page.locator("input.quiz__input").first.is_visible()  # the boxes to tick


def test_the_answer_key_prints_with_every_answer(phone, base_url):
    page = phone.new_page()
    page.goto(base_url + "trainer/answer-key/")
    page.emulate_media(media="print")
    text = page.locator("article").inner_text()
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        for question in load_quiz(path).quiz.questions:
            assert question.explanation["zh"][:10] in text, question.id
    assert text.count("正确答案：") == sum(
        len(load_quiz(p).quiz.questions) for p in (ROOT / "quizzes").glob("*.yml")
    )


def test_the_whole_course_prints_from_one_page(phone, base_url):
    page = phone.new_page()
    page.goto(base_url + "print_page/")
    page.emulate_media(media="print")
    text = page.locator("body").inner_text()
    titles = [
        line[2:]
        for line in (ROOT / "docs/modules/four-p-to-four-c.md")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.startswith("# ")
    ]
    assert titles[0] in text
    assert page.locator("section.quiz").count() == 12
    assert not page.locator(".quiz__answer").first.is_visible()


# --- Joining from a phone -----------------------------------------------------------------------


def test_the_qr_code_opens_the_published_course(phone, base_url):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    page = phone.new_page()
    page.goto(base_url + "trainer/")
    code = page.locator('[data-course-join="published"] svg')
    png = code.screenshot()
    [decoded] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert decoded.text == base_url  # the build's published address (SITE_URL)
    assert page.locator('[data-course-join="published"] figcaption').inner_text().endswith(base_url)


def test_the_qr_code_shows_the_laptops_room_address_under_serve(monkeypatch):
    """`mkdocs serve -a 0.0.0.0:8000` sets site_url to the all-interfaces address; the page
    then offers this machine's room-network addresses, and only those."""
    import types

    import ifaddr

    from course import pages as course_pages

    ips = ["127.0.0.1", "169.254.1.2", "8.8.8.8", "192.168.1.20", ("fe80::1", 0, 0)]
    adapter = types.SimpleNamespace(ips=[types.SimpleNamespace(ip=ip) for ip in ips])
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: [adapter])

    config = types.SimpleNamespace(
        site_url="http://0.0.0.0:8000/service-course/",
        extra={"published_url": "https://example.org/course/"},
    )
    codes = course_pages._join_codes(config)
    assert [(c["kind"], c["url"]) for c in codes] == [
        ("published", "https://example.org/course/"),
        ("local", "http://192.168.1.20:8000/service-course/"),
    ]
    assert all("<svg" in str(c["svg"]) for c in codes)

    config.site_url = "http://127.0.0.1:8000/service-course/"  # plain `mkdocs serve`
    assert [c["kind"] for c in course_pages._join_codes(config)] == ["published", "local-only"]


# --- Accessibility ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["trainer/", "trainer/four-p-to-four-c/", "trainer/answer-key/", "print_page/"]
)
def test_axe_finds_nothing_on_the_trainer_pages(phone, base_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page = phone.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
