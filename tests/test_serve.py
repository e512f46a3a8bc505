"""`mkdocs serve` for a trainer editing in class: rebuilds that reuse the last build
(hooks/speed/serve_cache.py) write the same site as a build from scratch, and a saved quiz shows on
the served page. How long that takes is measured in bench/serve_reload.py, not here."""

from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.livereload import LiveReloadServer

from conftest import BASE_PATH, MKDOCS, ROOT, free_port
from speed import serve_cache
from test_editions import switch_language
from test_quiz_model import VALID

# Builds the course at argv[1] into argv[2] as `mkdocs serve` does (one process, on_startup
# once, a fresh config per build); then, for each line read from stdin, builds again. Prints
# how many renders and search entries the builds reused.
DRIVER = textwrap.dedent("""
    import os, sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    project, site = sys.argv[1], sys.argv[2]
    serve_url = "http://127.0.0.1:8000/service-course/"
    def once(first):
        config = load_config(os.path.join(project, "mkdocs.yml"), site_dir=site)
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = serve_url
        build(config, serve_url=serve_url)
        print("built", flush=True)
    os.chdir(project)
    once(True)
    for _ in sys.stdin:
        once(False)
    print("reused", sys.modules["hooks/speed_hook.py"]._rebuilds.hits)
""")


def edit(course: Path) -> None:
    """Change a question of one quiz and add a paragraph to another module's page."""
    quiz = course / "quizzes" / "four-p-to-four-c.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "    text:\n      zh: ", "    text:\n      zh: 改过的题目", 1
        ),
        encoding="utf-8",
    )
    page = course / "docs" / "modules" / "membership.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n改过的一段。\n", encoding="utf-8")


def copy_course(to: Path) -> Path:
    shutil.copytree(
        ROOT,
        to,
        ignore=shutil.ignore_patterns(
            ".venv",
            "site",
            ".git",
            ".cache",
            "node_modules",
            "__pycache__",
            ".pytest_cache",
            ".hypothesis",
        ),
    )
    return to


def serve_builds(project: Path, site: Path, edit_between=None) -> int:
    """Build `project` as `mkdocs serve` does; with `edit_between`, call it on the project
    after the first build and build again. Returns how many results the builds reused."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(project), str(site)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert driver.stdout.readline().strip() == "built"
    if edit_between:
        edit_between(project)
        driver.stdin.write("again\n")
        driver.stdin.flush()
        assert driver.stdout.readline().strip() == "built"
    out, _ = driver.communicate(timeout=300)
    assert driver.returncode == 0
    return int(out.split("reused")[-1])


def differences(a: Path, b: Path) -> list[str]:
    found = []
    for path in sorted(a.rglob("*")):
        other = b / path.relative_to(a)
        if path.is_file() and not (other.is_file() and filecmp.cmp(path, other, shallow=False)):
            found.append(str(path.relative_to(a)))
    found += [str(p.relative_to(b)) for p in b.rglob("*") if not (a / p.relative_to(b)).exists()]
    return found


def test_a_rebuild_from_the_cache_writes_the_same_site_as_a_build_from_scratch(tmp_path):
    """Edit a quiz and a page between two serve builds in one process; the second build must
    equal, file for file, a first build of the edited course in a new process."""
    reused = serve_builds(copy_course(tmp_path / "edited"), tmp_path / "rebuilt", edit)
    assert reused >= 40  # most pages' renders and search entries came from the cache (~30 pages)
    fresh = copy_course(tmp_path / "fresh")
    edit(fresh)
    assert serve_builds(fresh, tmp_path / "scratch") == 0
    rebuilt, scratch = tmp_path / "rebuilt", tmp_path / "scratch"
    assert "改过的题目" in (rebuilt / "modules" / "four-p-to-four-c" / "index.html").read_text()
    assert "改过的一段" in (rebuilt / "modules" / "membership" / "index.html").read_text()
    assert differences(rebuilt, scratch) == []


def test_serve_looks_for_saved_files_often(tmp_path):
    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path)
    )
    server.watch(str(tmp_path))
    server.watch(str(tmp_path))  # twice, as MkDocs and a hook may (docs/)
    before = server.observer
    serve_cache.watch_often(server)
    assert server.observer is not before
    assert server.observer.timeout == server.build_delay == serve_cache.POLL_SECONDS < 0.5
    assert [emitter.watch.path for emitter in server.observer.emitters] == [str(tmp_path)]
    server.unwatch(str(tmp_path))
    assert len(server.observer.emitters) == 1  # still watched, for the other caller
    server.server_close()


def test_a_saved_quiz_shows_in_the_tab_mkdocs_serve_serves(project, phone):
    """MkDocs' live reload, with the quicker watching and the idle service worker: the open
    tab reloads itself with the saved question."""
    project.page("index.md", "# 首页\n")
    project.page(
        "modules/demo.md", "# 演示\n\n## 四个 P\n\n## 四个 C\n\n## 自测\n\n<!-- quiz: demo -->\n"
    )
    quiz = project.quiz("demo", VALID)
    config = project.write_config()
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    log = project.root / "serve.log"  # MkDocs logs to stderr
    serve = subprocess.Popen(
        [
            *MKDOCS,
            "serve",
            "-f",
            str(config),
            "-a",
            f"127.0.0.1:{port}",
            "--watch",
            str(project.root / "quizzes"),
        ],
        cwd=project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        deadline = time.time() + 120
        while "Serving on" not in log.read_text():  # after the first build
            assert serve.poll() is None and time.time() < deadline, log.read_text()
            time.sleep(0.1)
        tab = phone.new_page()
        tab.goto(f"http://127.0.0.1:{port}{BASE_PATH}modules/demo/")
        tab.wait_for_function("() => navigator.serviceWorker.controller !== null")
        quiz.write_text(
            quiz.read_text(encoding="utf-8").replace("text: ", "text: 保存后的新题 ", 1),
            encoding="utf-8",
        )
        tab.wait_for_function(
            "() => document.body.textContent.includes('保存后的新题')", timeout=60_000
        )
        worker = tab.evaluate("fetch('../../sw.js').then(r => r.text())")
        assert worker == serve_cache.IDLE_WORKER
        assert 'addEventListener("fetch"' not in worker
    finally:
        serve.terminate()
        serve.wait(10)


@contextlib.contextmanager
def serving(tmp_path: Path, config: str):
    """`mkdocs serve -f config` in a copy of the course, once it serves (after its first
    build): its address and its log."""
    course = copy_course(tmp_path / "course")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for variable in ("SITE_URL", "SITE_URL_EN"):
        env.pop(variable, None)
    port = free_port()
    log = course / "serve.log"
    serve = subprocess.Popen(
        [*MKDOCS, "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
        cwd=course,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        deadline = time.time() + 120
        while "Serving on" not in log.read_text():
            assert serve.poll() is None and time.time() < deadline, log.read_text()
            time.sleep(0.1)
        yield SimpleNamespace(base=f"http://127.0.0.1:{port}{BASE_PATH}", log=log, course=course)
        assert "Traceback" not in log.read_text()
    finally:
        serve.terminate()
        serve.wait(10)


def wait_for_heading(tab, url: str, text: str, log: Path, seconds: float = 120) -> None:
    """Load `url` until its page's heading has `text` (the other edition is built in the
    background)."""
    deadline = time.time() + seconds
    while True:
        response = tab.goto(url)
        if response.ok and text in tab.locator("article h1").inner_text():
            return
        assert time.time() < deadline, log.read_text()
        time.sleep(0.5)


@pytest.mark.browser
def test_serving_chinese_serves_english_beside_it_and_rebuilds_it(tmp_path, phone):
    """Under `./run serve` the language switch leads to the English page, and a saved English
    page shows there, as a saved Chinese one does (both folders are watched)."""
    with serving(tmp_path, "mkdocs.yml") as served:
        tab = phone.new_page()
        wait_for_heading(tab, served.base + "en/", "", served.log)  # built beside it
        tab.goto(served.base + "modules/membership/")
        switch_language(tab, "en")
        tab.wait_for_url(served.base + "en/modules/membership/")
        assert tab.evaluate("document.documentElement.lang") == "en"
        assert tab.evaluate("fetch('../../sw.js').then(r => r.text())") == serve_cache.IDLE_WORKER
        for docs, path, saved in (("docs-en", "en/", "Saved: "), ("docs", "", "保存后 ")):
            page = served.course / docs / "modules" / "membership.md"
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("\n# ", f"\n# {saved}", 1), encoding="utf-8")
            wait_for_heading(tab, f"{served.base}{path}modules/membership/", saved, served.log)
        # A Chinese page without its English yet: the English edition says why it did not
        # build again, naming the file, and keeps what it last built.
        (served.course / "docs" / "new.md").write_text("# 新的一页\n", encoding="utf-8")
        deadline = time.time() + 120
        while "docs-en/new.md:1: page: expected a translation" not in served.log.read_text():
            assert time.time() < deadline, served.log.read_text()
            time.sleep(0.2)
        wait_for_heading(tab, served.base + "en/modules/membership/", "Saved: ", served.log, 0)


@pytest.mark.browser
def test_serving_english_serves_chinese_around_it(tmp_path, phone):
    """Under `./run serve --en` the switch leads to the Chinese page."""
    with serving(tmp_path, "mkdocs.en.yml") as served:
        tab = phone.new_page()
        assert tab.goto(served.base + "en/modules/membership/").ok  # served at once
        wait_for_heading(tab, served.base + "modules/membership/", "会员", served.log)
        tab.goto(served.base + "en/modules/membership/")
        switch_language(tab, "zh")
        tab.wait_for_url(served.base + "modules/membership/")
        assert tab.evaluate("document.documentElement.lang").startswith("zh")
