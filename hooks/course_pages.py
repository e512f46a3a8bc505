"""The pages that tie the course together, filled in from the navigation and the quizzes.

Markers `<!-- course: KIND [ARG] -->` in a page are replaced once every page is rendered:
the learning path and progress dashboard (every module in `nav:` order, with its quiz), the
trainer's list of lesson plans, the answer key (generated from the quiz files, never written
into docs/), and the QR codes trainees scan to open the course.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from problems import Problem
from quiz_model import question_hash
from quiz_render import quiz_view

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def generated_pages(titles: dict[str, str]) -> dict[str, str]:
    """Pages the build adds to docs/ (never written to disk), by their path in docs/."""
    key = [ANSWER_KEY_HEAD]
    for number, (slug, title) in enumerate(titles.items(), 1):
        key.append(f"## 模块 {number}：{title}\n\n<!-- course: answer-key {slug} -->\n")
    return {PROGRESS_PAGE: PROGRESS_MARKDOWN, ANSWER_KEY_PAGE: "\n".join(key)}


def missing_lesson_plans(docs: Path, titles: dict[str, str]) -> list[Problem]:
    """Every module needs a lesson plan in the trainer section."""
    return [
        Problem(
            f"docs/{MODULE_DIR}{slug}.md",
            1,
            "lesson plan",
            f"expected a lesson plan at docs/{TRAINER_DIR}{slug}.md, found none",
        )
        for slug in titles
        if not (docs / TRAINER_DIR / f"{slug}.md").exists()
    ]


def render_markers(content: str, page: Page, config: MkDocsConfig, build: Any) -> str:
    """Replace every `<!-- course: … -->` marker in a rendered page."""
    macros = build.env(config).get_template("partials/course.html").module

    def replace(match: re.Match) -> str:
        kind, arg = match["kind"], match["arg"]
        if kind in ("learning-path", "dashboard", "lesson-plans"):
            return str(
                macros.modules(_modules(build, page), kind, _url(build, page, PROGRESS_PAGE))
            )
        if kind == "answer-key":
            return str(macros.answer_key(_answer_key(build, page, arg)))
        if kind == "join":
            return str(macros.join(_join_codes(config)))
        return match[0]

    return MARKER.sub(replace, content)


# --- Helpers ----------------------------------------------------------------------------------


def _modules(build: Any, page: Page) -> list[dict]:
    """Every module page in navigation order, with its quiz and lesson plan, linked from `page`."""
    entries = []
    for module in build.nav.pages if build.nav else []:
        uri = module.file.src_uri
        if not uri.startswith(MODULE_DIR):
            continue
        loaded = build.quizzes.get(_quiz_on(build, uri) or "")
        quiz = None
        if loaded:
            questions = loaded.quiz.questions
            quiz = {
                "id": loaded.quiz.id,
                "total": len(questions),
                "pass_mark": loaded.quiz.pass_mark,
                "questions": " ".join(f"{q.id}:{question_hash(q)}" for q in questions),
            }
        entries.append(
            {
                "number": len(entries) + 1,
                "title": module.title,
                "url": module.file.url_relative_to(page.file),
                "plan_url": _url(build, page, TRAINER_DIR + uri[len(MODULE_DIR) :]),
                "description": module.meta.get("description", ""),
                "quiz": quiz,
            }
        )
    return entries


def _answer_key(build: Any, page: Page, module: str) -> dict | None:
    uri = f"{MODULE_DIR}{module}.md"
    loaded = build.quizzes.get(_quiz_on(build, uri) or "")
    if loaded is None:
        return None
    module_url = _url(build, page, uri)
    view = quiz_view(loaded, build.refs)
    view["module_url"] = module_url
    return view


def _join_codes(config: MkDocsConfig) -> list[dict]:
    """QR codes for the published address and, under `mkdocs serve -a 0.0.0.0`, this laptop's."""
    codes = []
    published = (config.extra or {}).get("published_url")
    if published:
        codes.append({"kind": "published", "url": published, "svg": _qr_svg(published)})
    served = urlsplit(config.site_url or "")
    if served.hostname == "0.0.0.0":
        import ifaddr

        for adapter in ifaddr.get_adapters():
            for ip in adapter.ips:
                if isinstance(ip.ip, str) and _is_private(ip.ip):
                    url = served._replace(netloc=f"{ip.ip}:{served.port}").geturl()
                    codes.append({"kind": "local", "url": url, "svg": _qr_svg(url)})
    elif served.hostname in ("127.0.0.1", "localhost") and config.site_url != published:
        codes.append({"kind": "local-only", "url": config.site_url, "svg": None})
    return codes


def _qr_svg(url: str) -> Markup:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        scale=6,
        border=4,
        xmldecl=False,
        svgns=True,
        title=f"二维码：{url}",
        dark="#000",
        light="#fff",
        svgclass="course-join__svg",
    )
    return Markup(out.getvalue().decode("utf-8"))


def _is_private(ip: str) -> bool:
    import ipaddress

    address = ipaddress.ip_address(ip)
    return address.is_private and not address.is_loopback and not address.is_link_local


def _quiz_on(build: Any, uri: str) -> str | None:
    return next((slug for slug, uris in build.placements.items() if uri in uris), None)


def _url(build: Any, page: Page, uri: str) -> str | None:
    target = (
        next((p for p in build.nav.pages if p.file.src_uri == uri), None) if build.nav else None
    )
    return target.file.url_relative_to(page.file) if target else None


# --- Data -------------------------------------------------------------------------------------

MODULE_DIR = "modules/"
TRAINER_DIR = "trainer/"
PROGRESS_PAGE = "progress.md"
ANSWER_KEY_PAGE = "trainer/answer-key.md"
MARKER = re.compile(r"<!--\s*course:\s*(?P<kind>[a-z-]+)(?:\s+(?P<arg>[a-z0-9-]+))?\s*-->")
PROGRESS_MARKDOWN = """---
description: 查看每个模块自测的完成情况、得分和是否通过；进度只保存在你这台设备的浏览器里。
---

# 我的学习进度

这里汇总了每个模块自测的状态：未开始、进行中、得分，以及是否达到通过线。进度保存在这台设备的浏览器里，
换一部手机或清除浏览器数据后不会保留。

<!-- course: dashboard -->
"""
ANSWER_KEY_HEAD = """---
search:
  exclude: true
description: 讲师用：全部十二个模块自测题的正确答案、解释和对应的课文小节，由题目文件在构建时生成。
---

# 答案与解析

每道自测题的正确答案、解释、错误选项的反馈，以及它考查的课文小节。本页在构建网站时由 `quizzes/` 里的题目文件
自动生成，题目改了，这里随之更新。打印本页即得一份带答案的讲师用答案卷。
"""
