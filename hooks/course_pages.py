"""The pages that tie the course together: the learning path and the progress dashboard.

Both list the modules in navigation order, so they never go stale: a module added to `nav:`
in mkdocs.yml appears in them, with its quiz. The browser fills in each quiz's state from
what quiz.js saved.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from quiz_model import question_hash

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def generated_pages() -> dict[str, str]:
    """Pages the build adds to docs/ (never written to disk), by their path in docs/."""
    return {PROGRESS_PAGE: PROGRESS_MARKDOWN}


def module_entries(build: Any, page: Page) -> list[dict]:
    """Every module page in navigation order, with its quiz, linked from `page`."""
    quiz_on = {uri: slug for slug, uris in build.placements.items() for uri in uris}
    entries = []
    for module in build.nav.pages if build.nav else []:
        if not module.file.src_uri.startswith(MODULE_DIR):
            continue
        loaded = build.quizzes.get(quiz_on.get(module.file.src_uri, ""))
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
                "description": module.meta.get("description", ""),
                "quiz": quiz,
            }
        )
    return entries


def render_markers(content: str, page: Page, config: MkDocsConfig, build: Any) -> str:
    """Replace `<!-- course: learning-path -->` and `<!-- course: dashboard -->` in a page."""
    env = config.theme.get_env()
    macros = env.get_template("partials/course.html").module

    def replace(match: re.Match) -> str:
        entries = module_entries(build, page)
        progress = [p for p in build.nav.pages if p.file.src_uri == PROGRESS_PAGE]
        progress_url = progress[0].file.url_relative_to(page.file) if progress else None
        return str(macros.modules(entries, match["kind"], progress_url))

    return MARKER.sub(replace, content)


# --- Data -------------------------------------------------------------------------------------

MODULE_DIR = "modules/"
PROGRESS_PAGE = "progress.md"
PROGRESS_MARKDOWN = """---
description: 查看每个模块自测的完成情况、得分和是否通过；进度只保存在你这台设备的浏览器里。
---

# 我的学习进度

这里汇总了每个模块自测的状态：未开始、进行中、得分，以及是否达到通过线。进度保存在这台设备的浏览器里，
换一部手机或清除浏览器数据后不会保留。

<!-- course: dashboard -->
"""
MARKER = re.compile(r"<!--\s*course:\s*(?P<kind>learning-path|dashboard)\s*-->")
