"""Offline after the first visit, in a real Chromium: the service worker keeps what a trainee
opened, serves it without a network, falls back to the offline page, and lets a new publish
through the next time the phone is online."""

from __future__ import annotations

import pytest

from conftest import free_port, path_ready, quiz_ready, serve
from test_quiz_model import VALID

pytestmark = pytest.mark.browser

MODULE = (
    "# 模块甲\n\n## 四个 P\n\n{text}\n\n## 四个 C\n\n正文。\n\n## 自测\n\n<!-- quiz: demo -->\n"
)


@pytest.fixture
def course(project):
    """A small course (two modules) built and served like the real one."""
    project.page("index.md", "# 首页\n\n<!-- course: learning-path -->\n")
    project.page("modules/a.md", MODULE.format(text="第一版的课文。"))
    project.page("modules/b.md", "# 模块乙\n\n还没打开过的模块。\n")
    project.quiz("demo", VALID)
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/service-course/"
    result = project.build(site_url=site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(project.root / "site", port)
    project.url, project.site_url = url, site_url
    yield project
    server.shutdown()


def visit_module(phone, course):
    """Open the home page until the service worker controls it, then module a."""
    page = phone.new_page()
    page.goto(course.url)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.goto(course.url + "modules/a/")
    quiz_ready(page)
    return page


def answer_all_rightly(page) -> None:
    from quiz.model import parse_quiz
    from test_browser import answer

    for question in parse_quiz(VALID, "q.yml", slug="demo").quiz.questions:
        answer(page, question, right=True)


def test_visited_pages_and_the_quiz_work_offline(course, phone):
    page = visit_module(phone, course)

    phone.set_offline(True)
    page.reload()
    quiz_ready(page)
    assert "第一版的课文。" in page.locator("article").inner_text()
    answer_all_rightly(page)
    assert page.locator(".quiz__result").inner_text().startswith("✓ 已通过！")

    page.goto(course.url + "progress/")
    path_ready(page)
    state = page.locator('[data-course-quiz="demo"] [data-course-state]')
    assert state.inner_text().startswith("✓ 已通过 · 得分 100%")

    page.goto(course.url + "modules/b/")
    assert page.locator("h1").inner_text().startswith("现在没有网络")
    assert "还没打开过的模块" not in page.content()


def test_a_new_publish_reaches_the_next_online_visit(course, phone):
    page = visit_module(phone, course)
    first = page.evaluate("navigator.serviceWorker.controller.scriptURL")
    version = page.evaluate("fetch('../../sw.js').then(r => r.text())")

    course.page("modules/a.md", MODULE.format(text="第二版的课文。"))
    assert course.build(site_url=course.site_url).returncode == 0
    page.goto(course.url + "modules/a/")
    assert "第二版的课文。" in page.locator("article").inner_text()
    new_version = page.evaluate("fetch('../../sw.js', {cache: 'no-store'}).then(r => r.text())")
    assert new_version != version  # a new worker is installed for the new build
    assert first.endswith("/service-course/sw.js")

    phone.set_offline(True)  # and the new text is what stays offline
    page.reload()
    assert "第二版的课文。" in page.locator("article").inner_text()


def test_the_worker_keeps_nothing_from_another_origin(course, phone):
    page = visit_module(phone, course)
    page.evaluate("fetch('http://localhost:1/nowhere').catch(() => null)")
    cached = page.evaluate("""async () => {
        const urls = [];
        for (const key of await caches.keys()) {
            for (const request of await (await caches.open(key)).keys()) urls.push(request.url);
        }
        return urls;
    }""")
    assert cached and all(url.startswith(course.url) for url in cached), cached
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
    assert scope == course.url  # scoped to the course's path, not the host's root


def test_the_search_index_waits_for_a_first_search_and_still_works_offline(course, phone):
    page = phone.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "search_index" in r.url else None)
    page.goto(course.url + "modules/a/")
    quiz_ready(page)
    page.wait_for_load_state("networkidle")
    assert asked == [], "the page asked for the index before anyone searched"
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.reload()  # now through the worker, which keeps the page
    quiz_ready(page)
    assert asked == []

    phone.set_offline(True)  # never searched online: the worker kept the index anyway
    page.reload()
    quiz_ready(page)
    page.locator("label.md-header__button[for=__search]").tap()
    query = page.locator("input.md-search__input")
    query.fill("课文")
    query.press("End")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    assert asked, "the search asked for the index"
    hrefs = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")
    assert any("/modules/a/" in href for href in hrefs), hrefs
