"""Shared fixtures: the real site built once (strict), small throwaway projects, a static
server and a phone-sized Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
BASE_PATH = "/service-course/"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


# --- Building ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(
    project: Path,
    site: Path,
    site_url: str | None = None,
    strict: bool = True,
    config: str = "mkdocs.yml",
):
    """Run `mkdocs build` as a user would; return the finished process (output in .stdout)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SITE_URL", "SITE_URL_EN", "PUBLISHED_URL", "PUBLISHED_URL_EN"):
        env.pop(name, None)  # the build's address is the caller's, never the shell's
    if site_url:
        env["SITE_URL"] = site_url
        env["SITE_URL_EN"] = site_url + "en/"
    # Never -q: it silences warnings, and then --strict has nothing to count.
    command = [*MKDOCS, "build", "-f", str(project / config), "-d", str(site)]
    return subprocess.run(
        command + (["--strict"] if strict else []),
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class Project:
    """A small MkDocs project that uses the course's real hooks, theme overrides and assets."""

    def __init__(self, root: Path, template: Path | None = None):
        self.root = root
        if template:
            shutil.copytree(template, root)
        (root / "docs" / "modules").mkdir(parents=True, exist_ok=True)
        (root / "quizzes").mkdir(exist_ok=True)
        shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
        for name in ("sw.js", "manifest.webmanifest"):
            shutil.copy(ROOT / "docs" / name, root / "docs" / name)
        (root / "glossary.yml").write_text("[]\n", encoding="utf-8")
        (root / "search-words.txt").write_text("", encoding="utf-8")

    def page(self, name: str, text: str) -> Path:
        path = self.root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    def quiz(self, slug: str, text: str) -> Path:
        path = self.root / "quizzes" / f"{slug}.yml"
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    def build(self, strict: bool = True, site_url: str | None = None):
        """Write mkdocs.yml and run `mkdocs build` on the project."""
        self.write_config()
        return build(self.root, self.root / "site", site_url=site_url, strict=strict)

    def write_config(self) -> Path:
        """mkdocs.yml: the course's own, with this project's pages as the nav."""
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"(?m)^  - hooks/", f"  - {ROOT / 'hooks'}/", config)
        config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
        config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config).partition("\nnav:")[0]
        docs = self.root / "docs"
        for module in (docs / "modules").glob("*.md"):  # every module needs a lesson plan
            plan = docs / "trainer" / module.name
            if not plan.exists():
                plan.parent.mkdir(exist_ok=True)
                plan.write_text(f"# 教案：{module.stem}\n", encoding="utf-8")
        pages = sorted(
            (str(p.relative_to(docs)) for p in docs.rglob("*.md")),
            key=lambda p: (p != "index.md", p),
        )
        nav = "\n".join(
            f"  - {p}" for p in pages + [*GENERATED, "glossary.md", "trainer/answer-key.md"]
        )
        path = self.root / "mkdocs.yml"
        path.write_text(f"{config}\nnav:\n{nav}\n", encoding="utf-8")
        return path


GENERATED = ["progress.md", "notebook.md", "exam.md", "certificate.md"]  # the build adds these


@pytest.fixture
def project(tmp_path) -> Project:
    """A throwaway project with the course's hooks; add pages and quizzes, then `.build()`."""
    return Project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_port) -> Path:
    """The real course, both editions (the English one in en/), built once with `--strict`
    for the whole session, as `./run build` does."""
    out = tmp_path_factory.mktemp("built") / "site"
    url = f"http://127.0.0.1:{site_port}{BASE_PATH}"
    result = build(ROOT, out, site_url=url)
    assert result.returncode == 0, result.stdout + result.stderr
    result = build(ROOT, out / "en", site_url=url, config="mkdocs.en.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# --- Serving and browsing ----------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path, port: int) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `directory` at http://127.0.0.1:port/service-course/ as a static host would."""
    root = directory.parent / f"{directory.name}-served"
    root.mkdir(exist_ok=True)
    link = root / BASE_PATH.strip("/")
    if not link.exists():
        link.symlink_to(directory, target_is_directory=True)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}{BASE_PATH}", server


@pytest.fixture(scope="session")
def base_url(site, site_port):
    """The built course served over HTTP on loopback."""
    url, server = serve(site, site_port)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized context (390×844, touch) with nothing saved; `phone.new_page()`."""
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def open_quiz_page(context, url: str):
    """Open `url` in `context`, wait for its quiz to mount; returns (page, page errors)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    quiz_ready(page)
    return page, errors


def path_ready(page) -> None:
    """Wait for the page's learning path or dashboard to show what this phone has saved: the
    quiz client fills it in once it starts, which is after the page's first paint."""
    page.wait_for_selector(".course-path[data-course-ready]", state="attached")


def away_and_back(page, slug: str, tap: bool = False) -> None:
    """From module `slug` to the previous module and back, by Material's instant navigation
    (the footer's links, clicked or tapped). It changes the address before it swaps the page
    in, so each step waits for the page that arrived: the previous module's "next" link leads
    back to `slug`."""
    act = "tap" if tap else "click"
    getattr(page.locator("a.md-footer__link--prev"), act)()
    page.wait_for_function(
        "slug => (document.querySelector('a.md-footer__link--next') || {}).href?.includes(slug)",
        arg=f"/{slug}/",
    )
    getattr(page.locator("a.md-footer__link--next"), act)()
    page.wait_for_url(lambda url: f"/{slug}/" in url)


def quiz_ready(page, quiz_id: str = "") -> None:
    """Scroll to the page's quiz (or the quiz `quiz_id`, when instant navigation may still be
    swapping pages) as a trainee does, and wait for it to come alive: quiz.js mounts a quiz as
    it nears the screen."""
    page.wait_for_function(
        """selector => {
        const quiz = document.querySelector(selector);
        if (quiz && !quiz.hasAttribute("data-quiz-ready")) quiz.scrollIntoView();
        return quiz && quiz.hasAttribute("data-quiz-ready");
    }""",
        arg=f'[data-quiz="{quiz_id}"]' if quiz_id else "[data-quiz]",
    )


PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}
# Background networking off: this machine (and a trainee's) may reach no Google host.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
