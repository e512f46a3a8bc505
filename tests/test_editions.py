"""Two editions, Chinese (mkdocs.yml, site/) and English (mkdocs.en.yml, site/en/): the same
answer keys, every ref resolving in each, the build stopping where English is missing, one
switch between them that keeps the page, and progress and offline copies kept apart."""

from __future__ import annotations

import json
import re
import threading
from types import SimpleNamespace

import pytest

from conftest import ROOT, path_ready, quiz_ready
from course import glossary
from course.editions import editions_inside, stage, untranslated_pages
from course.strings import Strings
from quiz.model import load_quiz, parse_quiz, untranslated
from quiz.render import quiz_view
from test_browser import answer

QUIZZES = {p.stem: load_quiz(p) for p in sorted((ROOT / "quizzes").glob("*.yml"))}


# --- Same answer keys ---------------------------------------------------------------------------


def keys_of(view: dict) -> list:
    """What decides a question's answer, without its words."""
    q = {"id": view["id"], "type": view["type"]}
    if "options" in view:
        q["options"] = [(o["key"], o["correct"]) for o in view["options"]]
    if view["type"] == "ordering":
        q["answer"] = [i["key"] for i in view["answer"]]
        q["shown"] = [i["key"] for i in view["items"]]
    if view["type"] == "matching":
        q["pairs"] = [(left["key"], right["key"]) for left, right in view["pairs"]]
        q["rights"] = [r["key"] for r in view["rights"]]
    return q


@pytest.mark.parametrize("slug", sorted(QUIZZES))
def test_every_question_has_the_same_answer_key_in_both_languages(slug):
    loaded = QUIZZES[slug]
    assert untranslated(loaded, "en") == []
    zh, en = quiz_view(loaded, {}, lang="zh"), quiz_view(loaded, {}, lang="en")
    assert [keys_of(q) for q in zh["questions"]] == [keys_of(q) for q in en["questions"]]
    for a, b in zip(zh["questions"], en["questions"], strict=True):
        assert a["text"] != b["text"], a["id"]  # and the words are another language's


def question_markup(html: str) -> dict[str, list[str]]:
    """Each question's keys and correct marks, in the order the built page has them."""
    found = {}
    for match in re.finditer(r"<fieldset class=\"?quiz__question\"? (.*?)</fieldset>", html, re.S):
        qid = re.search(r'data-question="?([a-z0-9-]+)', match[1])[1]
        found[qid] = re.findall(
            r'(?:data-key="?(\d+)"?( data-correct)?)|(?:<option value="?(\d+)"?)', match[1]
        )
    return found


@pytest.mark.parametrize("slug", sorted(QUIZZES))
def test_both_built_editions_carry_the_same_keys_and_each_ref_resolves(site, slug):
    pages = [site / "modules" / slug / "index.html", site / "en" / "modules" / slug / "index.html"]
    zh, en = (p.read_text(encoding="utf-8") for p in pages)
    assert question_markup(zh) == question_markup(en)
    assert len(question_markup(zh)) == len(QUIZZES[slug].quiz.questions)
    for html in (zh, en):
        ids = set(re.findall(r' id="?([^"\s>]+)', html))
        refs = re.findall(r'class="?quiz__ref"?><a href="?#([^"\s>]+)', html)
        assert len(refs) == len(QUIZZES[slug].quiz.questions)
        assert set(refs) <= ids, set(refs) - ids


# --- The build stops where the English is missing -----------------------------------------------


def test_a_quiz_text_without_english_is_named_with_its_line():
    loaded = parse_quiz(
        """\
id: demo
title: {zh: 测验, en: Quiz}
pass_mark: 50
questions:
  - id: demo-a
    type: single
    text: {zh: 哪个对？, en: Which is right?}
    options:
      - text: {zh: 对, en: Right}
        correct: true
      - text: 错
        feedback: {zh: 不对, en: Not so}
    explanation: {zh: 因为, en: Because}
    ref: 一节
""",
        "quizzes/demo.yml",
        slug="demo",
    )
    assert [str(p) for p in untranslated(loaded, "en")] == [
        "quizzes/demo.yml:11: questions[0].options[1].text: expected the text in zh and en "
        "({zh: …, en: …}), found only zh",
        "quizzes/demo.yml:14: questions[0].ref: expected the text in zh and en "
        "({zh: …, en: …}), found only zh",
    ]


def test_an_english_build_stops_on_a_quiz_without_english(project):
    project.page("index.md", "# Home\n")
    project.page("modules/a.md", "# A\n\n## One\n\nText.\n\n<!-- quiz: demo -->\n")
    project.quiz(
        "demo",
        """\
        id: demo
        title: {zh: 测验, en: Quiz}
        pass_mark: 50
        questions:
          - id: demo-a
            type: true-false
            text: 对吗？
            answer: true
            explanation: {zh: 因为, en: Because}
            ref: {zh: 一节, en: One}
        """,
    )
    (project.root / "glossary.en.yml").write_text("[]\n", encoding="utf-8")
    config = project.write_config()
    config.write_text(
        config.read_text(encoding="utf-8").replace("language: zh", "language: en"),
        encoding="utf-8",
    )
    from conftest import build

    result = build(project.root, project.root / "site")
    assert result.returncode != 0
    assert (
        "quizzes/demo.yml:7: questions[0].text: expected the text in zh and en ({zh: …, en: …}), "
        "found only zh"
    ) in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_page_without_its_translation_is_named(tmp_path):
    for path in (
        "docs/index.md",
        "docs/modules/a.md",
        "docs/modules/b.md",
        "docs-en/index.md",
        "docs-en/modules/a.md",
        "docs/assets/x.svg",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    assert [str(p) for p in untranslated_pages(tmp_path / "docs", tmp_path / "docs-en")] == [
        "docs-en/modules/b.md:1: page: expected a translation of docs/modules/b.md, found none"
    ]


def test_staging_keeps_every_file_in_place_while_another_build_stages(tmp_path):
    """Two builds of the English edition at once (the tests' two processes) each stage its
    docs; neither may see a file missing while the other does."""
    for path in ("docs/index.md", "docs/assets/a.css", "docs/assets/b.svg", "docs-en/index.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path, encoding="utf-8")
    (tmp_path / "docs-en" / "assets").mkdir()
    (tmp_path / "docs-en" / "assets" / "b.svg").write_text("English", encoding="utf-8")
    staged = tmp_path / "staged"
    (staged / "gone.md").parent.mkdir(parents=True)
    (staged / "gone.md").symlink_to(tmp_path / "docs" / "index.md")
    stage(tmp_path / "docs", tmp_path / "docs-en", staged)
    expected = {"index.md": "docs-en/index.md", "assets/a.css": "docs/assets/a.css"}
    expected["assets/b.svg"] = "English"
    seen = {
        p.relative_to(staged).as_posix(): p.read_text() for p in staged.rglob("*") if p.is_file()
    }
    assert seen == expected
    stop = threading.Event()

    def restage():
        while not stop.is_set():
            stage(tmp_path / "docs", tmp_path / "docs-en", staged)

    other = threading.Thread(target=restage)
    other.start()
    try:
        for _ in range(2000):
            assert all((staged / name).read_text() == text for name, text in expected.items())
    finally:
        stop.set()
        other.join()


def test_a_chinese_glossary_name_the_english_glossary_does_not_give_is_named(tmp_path):
    chinese = tmp_path / "glossary.yml"
    chinese.write_text(
        "- term: 服务剧场模型\n  en: Service theatre model\n  definition: x\n  module: m\n"
        "- term: 人性化服务\n  en: HUMANIZED service\n  definition: x\n  module: m\n"
        "- term: PDCA\n  en: Plan, Do, Check, Act\n  definition: x\n  module: m\n",
        encoding="utf-8",
    )
    english = tmp_path / "glossary.en.yml"
    english.write_text(
        "- term: service theater model\n  aliases: [service theater]\n  zh: 服务剧场模型\n"
        "  definition: x\n  module: m\n"
        "- term: humanized service\n  zh: 人性化服务\n  definition: x\n  module: m\n"
        "- term: PDCA\n  zh: PDCA\n  definition: x\n  module: m\n",
        encoding="utf-8",
    )
    zh = glossary.load_glossary(chinese, "glossary.yml", {"m"})
    en = glossary.load_glossary(english, "glossary.en.yml", {"m"})
    assert [
        str(p) for p in glossary.misnamed(zh, chinese, "glossary.yml", en, "glossary.en.yml")
    ] == [
        "glossary.yml:2: [0].en: expected a name glossary.en.yml gives 服务剧场模型 "
        "(service theater, service theater model), found 'Service theatre model'"
    ]


def test_an_interface_string_missing_in_english_is_reported_not_shown_in_chinese():
    missing: list[str] = []
    strings = Strings(
        {"quiz": {"retry": "Try again"}},
        {"quiz": {"retry": "重新测验", "check": "检查"}},
        missing.append,
    )
    assert strings.text("quiz.retry") == "Try again"
    strings.text("quiz.check")
    assert missing == ["quiz.check"]


def test_the_editions_have_the_same_pages_and_interface_keys(site):
    zh = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.is_relative_to(site / "en")
    }
    en = {p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("*.html")}
    assert zh == en
    scripts = [ROOT / "docs/assets/quiz" / f"strings.{lang}.js" for lang in ("zh", "en")]
    zh_keys, en_keys = (set(re.findall(r"(?m)^  (\w+):", p.read_text("utf-8"))) for p in scripts)
    assert en_keys - zh_keys == {"storagePrefix"} and zh_keys <= en_keys


def test_the_chinese_worker_leaves_the_english_edition_to_its_own(site):
    assert re.search(r'const ELSEWHERE = \["en/"\];', (site / "sw.js").read_text("utf-8"))
    assert re.search(r"const ELSEWHERE = \[\];", (site / "en" / "sw.js").read_text("utf-8"))

    config = SimpleNamespace(
        extra={"alternate": [{"link": "./"}, {"link": "./en/"}, {"link": "../"}]}
    )
    assert editions_inside(config) == ["en/"]


def test_english_pages_say_they_are_english_and_keep_no_chinese_interface(site):
    for page in (
        "index.html",
        "modules/satisfaction/index.html",
        "progress/index.html",
        "exam/index.html",
        "certificate/index.html",
        "notebook/index.html",
    ):
        html = (site / "en" / page).read_text(encoding="utf-8")
        assert re.search(r'<html lang="?en', html), page
        chrome = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
        chrome = re.sub(r'<span class="?md-select__link.*?</a>|>\s*中文\s*<', "", chrome)
        chrome = re.sub(r"<abbr [^>]*>|<a [^>]*>", "", chrome)  # term titles are English
        # Chinese kept on purpose is glossed in running text (感动, deck titles); the
        # interface around it is English: no Chinese in any button or heading.
        for tag in re.findall(r"<(?:button|h[1-3]|label|legend)\b[^>]*>(.*?)</", chrome, re.S):
            assert not re.search(r"[\u4e00-\u9fff]", tag), (page, tag)


# --- In a browser ------------------------------------------------------------------------------


def switch_language(page, lang: str) -> None:
    """Choose `lang` in the header's language menu, as a trainee does."""
    page.locator(".md-header__option .md-select > button").hover()
    page.locator(f".md-select__link[hreflang={lang}]").click()


@pytest.mark.browser
@pytest.mark.parametrize("start", ["modules/complaint-handling/", "progress/", ""])
def test_the_language_switch_keeps_the_trainee_on_the_same_page(phone, base_url, start):
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + start)
    switch_language(page, "en")
    page.wait_for_url(base_url + "en/" + start)
    assert page.evaluate("document.documentElement.lang") == "en"
    switch_language(page, "zh")
    page.wait_for_url(base_url + start)
    assert page.evaluate("document.documentElement.lang").startswith("zh")
    assert errors == []


@pytest.mark.browser
def test_the_switch_keeps_the_page_reached_by_instant_navigation(phone, base_url):
    page = phone.new_page()
    page.goto(base_url)
    page.evaluate("document.querySelector('a[href$=\"modules/membership/\"]').click()")
    page.wait_for_url(base_url + "modules/membership/")
    switch_language(page, "en")
    page.wait_for_url(base_url + "en/modules/membership/")
    assert page.evaluate("performance.getEntriesByType('navigation')[0].name").endswith(
        "/en/modules/membership/"
    )


@pytest.mark.browser
def test_an_english_quiz_checks_explains_and_keeps_its_own_progress(phone, base_url):
    quiz = QUIZZES["four-p-to-four-c"].quiz
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + "en/modules/four-p-to-four-c/")
    quiz_ready(page)
    answer(page, quiz.questions[0], right=False)
    q = page.locator(f'[data-question="{quiz.questions[0].id}"]')
    assert q.locator(".quiz__verdict").inner_text() == "✗ Incorrect"
    assert q.locator(".quiz__feedback .quiz__ref a").inner_text().startswith("Back to the lesson: ")
    for question in quiz.questions:
        answer(page, question, right=True)
    assert page.locator(".quiz__result").inner_text().startswith("✓ Passed!")
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == ["service-course:en:progress:3"]
    assert list(
        json.loads(page.evaluate("localStorage.getItem(Object.keys(localStorage)[0])"))["notebook"]
    ) == [quiz.questions[0].id]

    page.goto(base_url + "modules/four-p-to-four-c/")  # the Chinese edition: its own progress
    quiz_ready(page)
    assert page.locator(".quiz__verdict").count() == 0
    page.goto(base_url + "en/progress/")
    path_ready(page)
    state = page.locator('[data-course-quiz="four-p-to-four-c"] [data-course-state]').inner_text()
    assert state.startswith("✓ Passed · score 100%"), state
    assert page.locator("[data-journey-notebook]").inner_text() == "1 to review"
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "",
        "modules/four-p-to-four-c/",
        "progress/",
        "notebook/",
        "exam/",
        "certificate/",
        "glossary/",
        "trainer/",
        "trainer/answer-key/",
    ],
)
def test_axe_finds_nothing_on_english_pages(phone, base_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page = phone.new_page()
    page.goto(base_url + "en/" + path)
    page.wait_for_function("typeof window.courseOnEveryPage === 'function'")
    if path.startswith("modules/"):
        quiz_ready(page)
        answer(page, QUIZZES["four-p-to-four-c"].quiz.questions[0], right=False)
    if path == "exam/":
        page.wait_for_selector("[data-exam-ready]", state="attached")
        page.locator(".exam__start [data-exam-action=start]").tap()
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_english_search_finds_a_lesson(phone, base_url):
    from playwright.sync_api import expect

    page = phone.new_page()
    page.goto(base_url + "en/")
    page.locator("label.md-header__button[for=__search]").tap()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    query = page.locator("input.md-search__input")
    query.fill("servuction")
    query.press("End")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    hrefs = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")
    assert any("/en/modules/service-models/" in href for href in hrefs), hrefs


@pytest.mark.browser
def test_both_editions_work_offline_each_with_its_own_worker(phone, base_url):
    page = phone.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for root in (base_url, base_url + "en/"):
        page.goto(root)
        page.wait_for_function(
            "root => navigator.serviceWorker.getRegistration(root).then(r => r && r.active"
            " && new URL(r.scope).href === root)",
            arg=root,
        )
        page.goto(root + "modules/membership/")
        page.wait_for_load_state("networkidle")
    scopes = page.evaluate(
        "navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope).sort())"
    )
    assert scopes == [base_url, base_url + "en/"]
    phone.set_offline(True)
    try:
        for root, title in (
            (base_url, "门店会员管理"),
            (base_url + "en/", "Managing store membership"),
        ):
            page.goto(root + "modules/membership/")
            assert page.locator("h1").inner_text().startswith(title)
            quiz_ready(page)
            page.goto(root + "exam/")
            page.wait_for_selector("[data-exam-ready]", state="attached")
        page.goto(base_url + "en/modules/satisfaction/")  # never opened: the English offline page
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        phone.set_offline(False)
    assert all(url.startswith(base_url) for url in requests), [
        u for u in requests if not u.startswith(base_url)
    ]


def test_the_english_module_titles_are_the_nav_s(site):
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    for slug in QUIZZES:
        heading = re.search(
            r"^# (.+)$", (ROOT / "docs-en/modules" / f"{slug}.md").read_text("utf-8"), re.M
        )
        assert heading and heading[1].strip() in html.replace("&#39;", "'"), slug
