"""Layer 3, in a real Chromium at a phone's size with touch: what only a browser can show."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import (
    ROOT,
    away_and_back,
    free_port,
    open_quiz_page,
    path_ready,
    quiz_ready,
    serve,
)
from quiz.model import load_quiz
from quiz.question_types import Matching, Multiple, Ordering, Single, TrueFalse

pytestmark = pytest.mark.browser

MODULE = "modules/four-p-to-four-c/"
QUIZ = load_quiz(ROOT / "quizzes" / "four-p-to-four-c.yml").quiz


# --- Driving a quiz as a trainee does --------------------------------------------------------


MOVE_UP = re.compile(r"^(上移：|Move up: )")  # an ordering item's up button, in either edition


def answer(page, question, right: bool) -> None:
    """Answer one question by tapping, rightly or wrongly, then tap 检查."""
    q = page.locator(f'[data-question="{question.id}"]')
    if isinstance(question, (Single, Multiple, TrueFalse)):
        if isinstance(question, TrueFalse):
            keys = ["0" if question.answer == right else "1"]
        else:
            good = [str(i) for i, o in enumerate(question.options) if o.correct]
            bad = [str(i) for i, o in enumerate(question.options) if not o.correct]
            keys = good if right else bad[:1]
        for key in keys:
            q.locator(f'.quiz__option[data-key="{key}"] .quiz__label').tap()
    elif isinstance(question, Ordering):
        if right:  # sort by tapping the labelled up buttons, as a trainee would
            for target in range(len(question.items)):
                item = q.locator(f'.quiz__order-item[data-key="{target}"]')
                while item.evaluate("li => [...li.parentNode.children].indexOf(li)") > target:
                    item.get_by_role("button", name=MOVE_UP).tap()
    elif isinstance(question, Matching):
        count = len(question.pairs)
        for left in range(count):
            value = left if right else (left + 1) % count
            q.locator(f'.quiz__pair[data-key="{left}"] select').select_option(str(value))
    q.locator("[data-quiz-action=check]").tap()


def verdict(page, question) -> str:
    return page.locator(f'[data-question="{question.id}"] .quiz__verdict').inner_text()


def result(page) -> str:
    return page.locator(".quiz__result").inner_text()


@pytest.fixture
def module(phone, base_url):
    page, errors = open_quiz_page(phone, base_url + MODULE)
    yield page
    assert not errors, errors


# --- The quiz ----------------------------------------------------------------------------------


def test_wrong_then_right_with_feedback_explanation_and_pass(module):
    page = module
    for question in QUIZ.questions:
        answer(page, question, right=False)
        assert verdict(page, question) == "✗ 回答错误"
        feedback = page.locator(f'[data-question="{question.id}"] .quiz__feedback')
        assert question.explanation["zh"][:10] in feedback.inner_text()
        assert "正确答案：" in feedback.inner_text()
        back = feedback.get_by_role("link", name="回到课文", exact=False)
        href = urlsplit(back.evaluate("a => a.href"))  # resolved, as the browser follows it
        assert href.path == urlsplit(page.url).path  # the lesson on this same page
        assert page.locator(f'[id="{unquote(href.fragment)}"]').count() == 1
    assert result(page).startswith("✗ 未通过。得分 0%")
    # per-option feedback says why the option picked is wrong
    first_wrong = next(q for q in QUIZ.questions if isinstance(q, Single))
    option = next(o for o in first_wrong.options if not o.correct)
    box = page.locator(f'[data-question="{first_wrong.id}"] .quiz__feedback')
    assert option.feedback["zh"][:10] in box.inner_text()
    assert "✗ 你的选择" in page.locator(f'[data-question="{first_wrong.id}"]').inner_text()

    page.get_by_role("button", name="重新测验").tap()
    assert page.locator(".quiz__verdict").count() == 0
    for question in QUIZ.questions:
        answer(page, question, right=True)
        assert verdict(page, question) == "✓ 回答正确"
    total = len(QUIZ.questions)
    assert result(page) == (
        f"✓ 已通过！得分 100%（答对 {total} / {total} 题），通过线 {QUIZ.pass_mark}%。"
    )


def test_back_link_goes_to_the_lesson_section(module):
    page = module
    question = QUIZ.questions[0]
    answer(page, question, right=False)
    link = page.locator(f'[data-question="{question.id}"] .quiz__feedback .quiz__ref a')
    target = unquote(urlsplit(link.evaluate("a => a.href")).fragment)
    heading = page.locator(f'[id="{target}"]')
    assert heading.inner_text().rstrip("¶").strip() == question.ref["zh"]
    link.tap()
    page.wait_for_function(
        "id => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return top >= 0 && top < innerHeight / 2 }",
        arg=target,
    )
    assert heading.is_visible()


def test_progress_is_still_there_after_a_reload(module):
    page = module
    for question in QUIZ.questions[:3]:
        answer(page, question, right=True)
    answer(page, QUIZ.questions[3], right=False)
    page.reload()
    quiz_ready(page)
    assert [verdict(page, q) for q in QUIZ.questions[:4]] == ["✓ 回答正确"] * 3 + ["✗ 回答错误"]
    assert result(page) == f"已完成 4 / {len(QUIZ.questions)} 题。"
    assert page.locator(f'[data-question="{QUIZ.questions[4].id}"] .quiz__verdict').count() == 0


def test_options_are_shuffled_on_each_attempt(module):
    page = module
    question = max(
        (q for q in QUIZ.questions if isinstance(q, Single)), key=lambda q: len(q.options)
    )
    orders = set()
    for _ in range(8):
        keys = page.locator(f'[data-question="{question.id}"] .quiz__option').evaluate_all(
            "els => els.map(e => e.dataset.key).join()"
        )
        orders.add(keys)
        answer(page, question, right=True)
        page.get_by_role("button", name="重新测验").tap()
    assert len(orders) > 1


def test_instant_navigation_away_and_back_then_one_tap_is_one_check(module, base_url):
    page = module
    page.evaluate("window.__stayed = true")  # survives only if no full page load happens
    away_and_back(page, QUIZ.id, tap=True)  # to the previous module, and back
    quiz_ready(page, QUIZ.id)
    assert page.evaluate("window.__stayed === true"), "navigation was a full reload"
    page.evaluate("""() => { window.__checks = 0;
        document.addEventListener("quiz:checked", () => window.__checks++); }""")
    question = QUIZ.questions[0]
    answer(page, question, right=True)
    q = page.locator(f'[data-question="{question.id}"]')
    assert page.evaluate("window.__checks") == 1
    assert q.locator(".quiz__verdict").count() == 1


def test_dashboard_shows_the_score(module, base_url):
    page = module
    for question in QUIZ.questions:
        answer(page, question, right=question is not QUIZ.questions[0])
    page.goto(base_url + "progress/")
    path_ready(page)
    row = page.locator('[data-course-quiz="four-p-to-four-c"]')
    total = len(QUIZ.questions)
    score = round(100 * (total - 1) / total)
    state = "✓ 已通过" if score >= QUIZ.pass_mark else "✗ 未通过"
    assert row.locator("[data-course-state]").inner_text() == (
        f"{state} · 得分 {score}%（通过线 {QUIZ.pass_mark}%）"
    )
    other = page.locator('[data-course-quiz="membership"] [data-course-state]')
    assert other.inner_text().startswith("未开始")
    overall = page.locator("[data-course-overall]").inner_text()
    assert "已完成 1 个" in overall

    # a reset asks first, and only the confirmation clears
    page.get_by_role("button", name="清除全部学习进度").tap()
    page.get_by_role("button", name="取消").tap()
    assert row.locator("[data-course-state]").inner_text().startswith(state)
    page.get_by_role("button", name="清除全部学习进度").tap()
    page.get_by_role("button", name="确定清除").tap()
    assert row.locator("[data-course-state]").inner_text().startswith("未开始")
    page.goto(base_url + MODULE)
    quiz_ready(page)
    assert page.locator(".quiz__verdict").count() == 0


def test_answers_can_be_read_with_javascript_off(browser, base_url):
    from conftest import PHONE

    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + MODULE)
    question = QUIZ.questions[0]
    q = page.locator(f'[data-question="{question.id}"]')
    assert not q.locator("[data-quiz-action=check]").is_visible()
    q.locator("summary", has_text="查看答案").click()
    body = q.locator(".quiz__answer-body")
    assert body.is_visible()
    assert "正确答案：" in body.inner_text()
    assert question.explanation["zh"][:10] in body.inner_text()
    context.close()


def test_a_quiz_comes_alive_as_it_nears_the_screen_not_as_the_page_loads(phone, base_url):
    page = phone.new_page()
    page.goto(base_url + MODULE)
    page.wait_for_function("typeof window.courseOnEveryPage === 'function'")
    page.wait_for_timeout(300)
    quiz = page.locator("[data-quiz]")
    assert quiz.get_attribute("data-quiz-ready") is None  # far below: the lesson loads first
    page.evaluate(
        "scrollTo(0, document.querySelector('[data-quiz]').offsetTop - 1.5 * innerHeight)"
    )
    expect(quiz).to_have_attribute("data-quiz-ready", "")  # a screen ahead of the trainee

    page.goto(base_url + MODULE)  # a keyboard user tabbing into it mounts it at once
    page.wait_for_function("typeof window.courseOnEveryPage === 'function'")
    focused = page.evaluate_handle("""() => {
        const input = document.querySelector("[data-quiz] .quiz__input");
        input.focus();
        return input;
    }""")
    expect(quiz).to_have_attribute("data-quiz-ready", "")
    assert page.evaluate("input => document.activeElement === input", focused)  # focus kept


@pytest.mark.parametrize(
    "storage",
    [
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('no', "
        "'SecurityError') }})",
        "Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError') }",
        "localStorage.setItem('service-course:progress', '{not json')",
        "localStorage.setItem('service-course:progress', JSON.stringify({v: 1, quizzes: "
        "{'four-p-to-four-c': {q: {'4p4c-fourth-p': 'garbage'}}}}))",
    ],
    ids=["disabled", "full", "garbage", "wrong-shape"],
)
def test_the_quiz_works_whatever_storage_does(phone, base_url, storage):
    phone.add_init_script(f"try {{ {storage} }} catch (e) {{}}")
    page = phone.new_page()
    errors = []  # Material's own storage calls may fail here; the quiz's must never throw
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(base_url + MODULE)
    quiz_ready(page)
    for question in QUIZ.questions:
        answer(page, question, right=True)
    assert result(page).startswith("✓ 已通过！")
    page.goto(base_url + "progress/")
    path_ready(page)
    assert page.locator("[data-course-overall]").inner_text()
    # the client's files, or the one file they are joined into
    assert not [e for e in errors if re.search(r"/assets/(quiz/|client\.)", e)], errors


@pytest.mark.parametrize("late", [0, 0.3], ids=["stylesheet-on-time", "stylesheet-late"])
def test_material_starts_after_the_first_paint_and_only_once(phone, base_url, site, late):
    """hooks/speed/first_paint.py: Material's bundle starts once the page is on screen, then gets
    the page from document$ as DOMContentLoaded would have given it: once. The quiz coming
    alive shows the course's scripts got it too (search and instant navigation have tests).
    With Material's stylesheet late, the page is parsed (DOMContentLoaded) well before it can
    paint; on time, the two come close together, in either order."""
    page = phone.new_page()
    page.add_init_script("""
        window.__pages = 0;
        Object.defineProperty(window, "document$", {configurable: true, set(value) {
            Object.defineProperty(window, "document$", {value, writable: true});
            value.subscribe(() => window.__pages++);
        }});
    """)

    def stamped(route):  # the bundle, from the built site, notes when it starts to run
        name = urlsplit(route.request.url).path.rsplit("/", 1)[-1]
        body = (site / "assets" / "javascripts" / name).read_text(encoding="utf-8")
        route.fulfill(
            body="window.__started = performance.now();" + body, content_type="text/javascript"
        )

    page.route("**/assets/javascripts/bundle.*.min.js", stamped)
    page.route(
        "**/assets/stylesheets/main.*.min.css", lambda route: (time.sleep(late), route.continue_())
    )
    page.goto(base_url + MODULE)
    quiz_ready(page)
    painted = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    assert page.evaluate("window.__started") > painted
    assert page.evaluate("window.__pages") == 1


def test_a_diagram_keeps_its_space_before_it_arrives(phone, base_url):
    """hooks/speed/image_sizes.py: on a slow connection the text below a diagram does not jump."""
    page = phone.new_page()
    page.route("**/assets/diagrams/*.svg", lambda route: None)  # never arrives
    page.goto(base_url + "modules/key-accounts/", wait_until="domcontentloaded")
    diagram = page.locator("img.diagram").first
    width, height = (int(diagram.get_attribute(a)) for a in ("width", "height"))
    box = diagram.bounding_box()
    assert box["width"] > 300 and abs(box["height"] - box["width"] * height / width) < 1


def test_no_request_leaves_the_site(phone, base_url):
    page = phone.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + MODULE)
    page.wait_for_load_state("networkidle")
    page.goto(base_url + "progress/")
    page.wait_for_load_state("networkidle")
    assert requests and all(url.startswith((base_url, "data:")) for url in requests), [
        u for u in requests if not u.startswith(base_url)
    ]


# --- Author text is data ---------------------------------------------------------------------


EVIL = """\
id: evil
title: 测验
pass_mark: 50
questions:
  - id: evil-single
    type: single
    text: '<img src=x onerror="window.__xss = 1"> 哪个对？'
    options:
      - text: '<b onmouseover="window.__xss = 2">对</b>'
        correct: true
      - text: 错
        feedback: '<script>window.__xss = 3</script>'
    explanation: '<svg onload="window.__xss = 4"></svg>'
    ref: 一节
"""


def test_html_in_a_question_is_shown_as_text_and_never_runs(project, browser, tmp_path):
    project.page("index.md", "# 首页\n")
    project.page("modules/evil.md", "# 测验页\n\n## 一节\n\n<!-- quiz: evil -->\n")
    project.quiz("evil", EVIL)
    port = free_port()
    assert project.build(site_url=f"http://127.0.0.1:{port}/service-course/").returncode == 0
    url, server = serve(project.root / "site", port)
    try:
        from conftest import PHONE

        context = browser.new_context(**PHONE)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "modules/evil/")
        quiz_ready(page)
        q = page.locator('[data-question="evil-single"]')
        assert '<img src=x onerror="window.__xss = 1"> 哪个对？' in q.inner_text()
        q.locator(".quiz__option", has_text="<b onmouseover").hover()
        q.locator('.quiz__option[data-key="1"] .quiz__label').tap()
        q.locator("[data-quiz-action=check]").tap()
        assert "<script>window.__xss = 3</script>" in q.inner_text()
        assert page.evaluate("window.__xss") is None
        assert q.locator("img, script, b, svg").count() == 0
        assert not dialogs
        context.close()
    finally:
        server.shutdown()


def test_changed_questions_lose_their_saved_answer_and_others_keep_it(project, browser):
    from test_quiz_model import VALID

    project.page("index.md", "# 首页\n")
    project.page("modules/demo.md", "# 演示\n\n## 四个 P\n\n## 四个 C\n\n<!-- quiz: demo -->\n")
    project.quiz("demo", VALID)
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/service-course/"
    assert project.build(site_url=site_url).returncode == 0
    url, server = serve(project.root / "site", port)
    try:
        from conftest import PHONE

        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(url + "modules/demo/")
        quiz_ready(page)
        quiz = load_quiz(project.root / "quizzes" / "demo.yml").quiz
        for question in quiz.questions[:3]:
            answer(page, question, right=True)
        project.quiz("demo", VALID.replace("text: 哪些属于 4C？", "text: 下列哪些属于 4C？"))
        assert project.build(site_url=site_url).returncode == 0
        page.reload()
        quiz_ready(page)
        checked = page.locator(".quiz__question--checked").evaluate_all(
            "els => els.map(e => e.dataset.question)"
        )
        assert checked == ["demo-single", "demo-tf"]
        context.close()
    finally:
        server.shutdown()


# --- Accessibility -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", [MODULE, "progress/", ""], ids=["module", "dashboard", "home"])
def test_axe_finds_no_violations(phone, base_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page = phone.new_page()
    page.goto(base_url + path)
    if path == MODULE:  # check the quiz in its answered state too
        quiz_ready(page)
        answer(page, QUIZ.questions[0], right=False)
        answer(page, QUIZ.questions[1], right=True)
    else:
        path_ready(page)
    # Colours mid-transition (a tapped button easing into its hover colour) are no state a
    # reader stays in: check the page once they have settled.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("slug", sorted(p.stem for p in (ROOT / "quizzes").glob("*.yml")))
def test_axe_finds_nothing_on_a_module_page_as_it_loads(phone, base_url, slug):
    """Every module page as a trainee first sees it: lesson rendered, quiz not yet mounted."""
    from axe_playwright_python.sync_playwright import Axe

    page = phone.new_page()
    page.goto(base_url + f"modules/{slug}/")
    page.wait_for_function("typeof window.courseOnEveryPage === 'function'")
    assert page.locator("[data-quiz][data-quiz-ready]").count() == 0  # the quiz as first seen
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def narrow_phone(browser):
    """The narrowest phone the course is made for (320px wide): text there runs tallest."""
    from conftest import PHONE

    context = browser.new_context(**{**PHONE, "viewport": {"width": 320, "height": 640}})
    yield context
    context.close()


@pytest.mark.parametrize("edition", ["", "en/"], ids=["zh", "en"])
def test_an_unrendered_quiz_stands_in_taller_than_it_renders(narrow_phone, base_url, edition):
    """Below the screen a quiz is not rendered (content-visibility) and takes a stand-in
    height. It must not be shorter than the real quiz: the footer would then sit where quiz
    text is laid out, and a hit test there (axe's contrast check) finds the footer. English
    runs taller than Chinese, so each edition has its own."""
    page = narrow_phone.new_page()
    height = "() => document.querySelector('[data-quiz]').getBoundingClientRect().height"
    for slug in sorted(p.stem for p in (ROOT / "quizzes").glob("*.yml")):
        page.goto(f"{base_url}{edition}modules/{slug}/")
        stand_in = page.evaluate(
            "() => parseFloat(getComputedStyle("
            "document.querySelector('[data-quiz]')).containIntrinsicHeight"
            ".replace('auto ', ''))"
        )
        standing = page.evaluate(height)
        assert standing >= stand_in > 0, slug  # not rendered yet: it stands in
        quiz_ready(page)
        assert page.evaluate(height) < standing, slug


@pytest.mark.parametrize("edition", ["", "en/"], ids=["zh", "en"])
def test_the_answer_key_questions_stand_in_taller_than_they_render(narrow_phone, base_url, edition):
    """The same for every question of the answer key page, and a link to a question far down
    the page still lands on it."""
    page = narrow_phone.new_page()
    page.goto(f"{base_url}{edition}trainer/answer-key/")
    stand_in = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.answer-key__question'))"
        ".containIntrinsicHeight.replace('auto ', ''))"
    )
    page.add_style_tag(content=".answer-key__question { content-visibility: visible; }")
    heights = page.evaluate(
        "() => [...document.querySelectorAll('.answer-key__question')]"
        ".map(q => [q.id, q.getBoundingClientRect().height])"
    )
    assert stand_in > 0 and len(heights) > 100
    assert [(key, h) for key, h in heights if h > stand_in] == []
    key = heights[-20][0]
    linked = narrow_phone.new_page()
    linked.goto(f"{base_url}{edition}trainer/answer-key/#{key}")
    linked.wait_for_load_state("load")
    top = linked.evaluate(f"() => document.getElementById({key!r}).getBoundingClientRect().top")
    assert 0 <= top < 200  # under the header, at the top of the screen


def test_a_quiz_can_be_done_with_the_keyboard_alone(module):
    page = module
    question = next(q for q in QUIZ.questions if isinstance(q, Single))
    correct = next(i for i, o in enumerate(question.options) if o.correct)
    page.locator(f'[data-question="{question.id}"] input[value="{correct}"]').focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # a radio group is one tab stop: next is 检查
    page.keyboard.press("Enter")
    assert verdict(page, question) == "✓ 回答正确"


# --- Chinese search ------------------------------------------------------------------------------

# A word from the middle of a sentence in each module: found only when jieba split the text.
SEARCH_WORDS = {
    "service-mindset": "黄金法则",
    "why-customers-leave": "漠不关心",
    "loyalty-pathways": "以偏概全",
    "four-p-to-four-c": "劳特朋",
    "service-models": "可视线",
    "service-tiers": "康乃馨",
    "complaint-handling": "补偿性关照",
    "satisfaction": "资料卡",
    "prospects": "购买信号",
    "loyalty-management": "经济特许权",
    "key-accounts": "鞋拔子",
    "membership": "财富宝典",
}


@pytest.mark.parametrize("slug", list(SEARCH_WORDS))
def test_chinese_search_finds_a_word_from_the_middle_of_a_sentence(phone, base_url, site, slug):
    word = SEARCH_WORDS[slug]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(d["text"] for d in index["docs"] if d["location"].startswith(f"modules/{slug}/"))
    assert re.search(rf"[\u4e00-\u9fff]\u200b?{word}", text), f"{word} is not mid-sentence"
    page = phone.new_page()
    page.goto(base_url)
    page.locator("label.md-header__button[for=__search]").tap()
    # Wait for the index, so the query is always typed into a ready search (the usual case for a
    # trainee) and never picked up only because the index finished loading after it.
    expect(page.locator(".md-search-result__meta")).to_have_text("键入以开始搜索")
    query = page.locator("input.md-search__input")
    query.fill(word)
    # Material reads the query on keyup (a phone's IME ends with one), not on fill()'s input event.
    query.press("End")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    hrefs = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")
    assert any(f"/modules/{slug}/" in href for href in hrefs), hrefs


def test_a_tap_on_a_glossary_term_shows_its_definition(module):
    page = module
    term = page.locator("article abbr[title]").first
    definition = term.get_attribute("title")
    term.tap()
    tip = page.get_by_role("tooltip")
    assert tip.inner_text() == definition and tip.is_visible()
    assert term.get_attribute("aria-describedby") == "course-tip"
    term.tap()
    assert page.locator(".course-tip").count() == 0
    term.tap()
    page.keyboard.press("Escape")
    assert page.locator(".course-tip").count() == 0


def test_the_colour_toggle_switches_remembers_and_follows_the_system(phone, base_url):
    """course.js runs Material's palette form (Material's own component is not mounted)."""
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.emulate_media(color_scheme="light")
    # course.js starts after the first paint: wait for it, as a trainee's tap would.
    started = "() => window.courseOnEveryPage !== undefined"
    page.goto(base_url + MODULE)
    page.wait_for_function(started)
    scheme = "() => document.body.dataset.mdColorScheme"
    toggle = page.locator("[data-course-palette] label:not([hidden])")
    # First visit: the first palette, "follow the system", and the system is light.
    assert page.evaluate(scheme) == "default"
    assert toggle.count() == 1 and toggle.get_attribute("title") == "切换到浅色模式"
    toggle.tap()  # → light
    assert page.evaluate(scheme) == "default"
    toggle.tap()  # → dark
    assert page.evaluate(scheme) == "slate"
    assert toggle.get_attribute("title") == "跟随系统设置"
    page.wait_for_function(
        "() => document.querySelector('meta[name=theme-color]').content !== '#00695c'"
    )
    page.reload()
    page.wait_for_function(started)
    assert page.evaluate(scheme) == "slate"  # remembered across the reload
    toggle.tap()  # → follow the system again, which is light
    assert page.evaluate(scheme) == "default"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"({scheme})() === 'slate'")
    page.reload()
    page.wait_for_function(started)
    assert page.evaluate(scheme) == "slate"
    # Keyboard: Enter on the focused option moves on to the next palette.
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(scheme) == "default"
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    assert errors == []
