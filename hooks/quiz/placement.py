"""Where the quizzes go: `<!-- quiz: slug -->` markers on pages, `ref`s to their headings.

Pure (no MkDocs): pages come in as (path in docs/, Markdown) pairs and tables of contents as
anything with `id`, `title` and `children`, so the rules can be tested on plain data.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from html import unescape
from typing import Any

from authoring.problems import Problem, Source, nearest_line
from quiz.model import LoadedQuiz
from quiz.render import Ref


def place_quizzes(
    pages: Iterable[tuple[str, str]], known: dict[str, Source], quiz_dir: str
) -> tuple[dict[str, list[str]], list[Problem]]:
    """Find every marker: the pages each quiz is on, and unknown names or a quiz on no page
    or on two."""
    placements: dict[str, list[str]] = {}
    problems = []
    for uri, source in pages:
        for match in MARKER.finditer(source):
            slug, line = match["slug"], source.count("\n", 0, match.start()) + 1
            if slug in known:
                placements.setdefault(slug, []).append(uri)
                continue
            hint = difflib.get_close_matches(slug, sorted(known), n=1)
            problems.append(
                Problem(
                    f"docs/{uri}",
                    line,
                    "quiz marker",
                    f"expected the name of a quiz file in {quiz_dir}/, found '{slug}'"
                    + (f" (did you mean '{hint[0]}'?)" if hint else ""),
                )
            )
    for slug, source in known.items():
        on = [f"docs/{uri}" for uri in placements.get(slug, [])]
        if len(on) != 1:
            problems.append(
                Problem(
                    source.path,
                    nearest_line(source.lines or {}, ("id",)),
                    "id",
                    f"expected the quiz on one page (a line <!-- quiz: {slug} --> in docs/), "
                    f"found it on {' and '.join(on) or 'none'}",
                )
            )
    return placements, problems


def resolve_refs(
    loaded: LoadedQuiz, toc: Iterable[Any], page_path: str, lang: str = "zh"
) -> tuple[dict[str, Ref], list[Problem]]:
    """Each question's `ref` (in `lang`) as the heading it names (by text or anchor) on its
    page."""
    headings = {}
    stack = list(toc)
    while stack:
        item = stack.pop()
        title = heading_text(item.title)
        headings.setdefault(item.id, Ref(item.id, title))
        headings.setdefault(title, Ref(item.id, title))
        stack.extend(item.children)
    refs, problems = {}, []
    for index, question in enumerate(loaded.quiz.questions):
        name = question.ref.get(lang) or question.ref["zh"]
        ref = headings.get(name.strip().lstrip("#").strip())
        if ref:
            refs[question.id] = ref
            continue
        problems.append(
            Problem(
                loaded.path,
                loaded.line("questions", index, "ref"),
                f"questions[{index}].ref",
                f"expected a heading of {page_path} (its text or its anchor), found '{name}'",
            )
        )
    return refs, problems


def heading_text(title: str) -> str:
    """A TOC title as plain text (MkDocs keeps entities such as &amp; in it)."""
    return unescape(re.sub(r"<[^>]+>", "", title)).strip()


MARKER = re.compile(r"<!--\s*quiz:\s*(?P<slug>[^\s>]+)\s*-->")
