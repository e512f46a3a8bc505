"""MkDocs events for the quizzes: load and check `quizzes/*.yml`, place each on its page,
render it there, and stop the build on any problem with every problem listed.

Thin glue over the pure quiz engine: `quiz_model` (load and check), `quiz_placement`
(markers and refs) and `quiz_render` (HTML through `partials/quiz.html`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from authoring.problems import read_yaml
from course.state import fail_on, log, state
from quiz.exam import EXAM_FILE, load_exam
from quiz.model import check_all, check_quiz, untranslated
from quiz.placement import MARKER, place_quizzes, resolve_refs
from quiz.render import page_links, render_quiz

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# --- Events -----------------------------------------------------------------------------------


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    """Load and check every quiz, every marker and the final exam's file; stop on any problem."""
    build = state(config)
    paths = sorted((build.root / QUIZ_DIR).glob("*.yml"))
    sources = {path.stem: read_yaml(path, f"{QUIZ_DIR}/{path.name}") for path in paths}
    problems = check_all(list(sources.values()))
    for slug, source in sources.items():
        result = check_quiz(source, slug=slug)
        if isinstance(result, list):
            problems += result
        else:
            build.quizzes[slug] = result
    pages = [
        (f.src_uri, f.content_string) for f in files.documentation_pages() if not f.generated_by
    ]
    lang = build.lang
    if lang != "zh":  # an edition in another language: every text in it
        problems += [p for loaded in build.quizzes.values() for p in untranslated(loaded, lang)]
    build.placements, placing = place_quizzes(pages, sources, QUIZ_DIR)
    fail_on(problems + placing, f"{QUIZ_DIR}/")
    build.files = files
    if (build.root / EXAM_FILE).exists():
        exam = load_exam(build.root / EXAM_FILE, EXAM_FILE, build.quizzes)
        fail_on(exam if isinstance(exam, list) else [], EXAM_FILE)
        build.exam = exam
    return None


# Before other plugins' on_page_content (default 0): print-site copies each page's content
# into the whole-course print page there, and that copy must hold the quiz, not its marker.
@event_priority(50)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace each quiz marker with the quiz, checking every `ref` against the page's headings."""
    if "<!--" not in html:
        return None
    build = state(config)

    def replace(match: re.Match) -> str:
        loaded = build.quizzes.get(match["slug"])
        if loaded is None:
            return ""
        lang = build.lang
        docs = Path(config.docs_dir).name  # docs, docs-en
        refs, problems = resolve_refs(loaded, page.toc, f"{docs}/{page.file.src_uri}", lang)
        build.refs.update(refs)
        build.problems += problems
        link = page_links(files, page.file.src_uri, page.file, log.warning)
        return render_quiz(loaded, build.env(config), refs, lang=lang, link=link)

    done = MARKER.sub(replace, html)
    return None if done == html else done


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
    """After every page's content is rendered: stop on a `ref` that names no heading."""
    fail_on(state(config).problems, f"{QUIZ_DIR}/")
    return None


# --- Data -------------------------------------------------------------------------------------

QUIZ_DIR = "quizzes"
