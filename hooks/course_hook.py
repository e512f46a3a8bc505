"""MkDocs events for the course's own pages: the glossary and its tooltips, the pages the
build adds (dashboard, answer key, glossary, offline page), the `<!-- course: … -->` markers,
the check of the course's voice, the service worker that keeps it offline, the other
languages' editions (their pages staged, and under `mkdocs serve` the other one served beside).

Thin glue over `glossary`, `course_pages`, `voice`, `offline`, `editions` and `companions`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from authoring.problems import Problem
from course import companions, editions, glossary, offline, voice
from course import pages as course_pages
from course.state import fail_on, log, state

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

# --- Events -----------------------------------------------------------------------------------

# The one thing that outlives a build: under `mkdocs serve`, the other edition served beside
# this one (companions.py).
_companion: companions.Companion | None = None


# Before other plugins' on_config: Material's search plugin and print-site make Jinja
# environments of their own, and every one of them needs `t`.
@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Give every template `t`, the interface text in the build's language; check the glossary
    and turn its terms into tooltips and search words; check for jieba."""
    build = state(config)
    shared = (config.extra or {}).get("shared_docs")
    if shared:  # another language's edition: its pages, and the rest from docs/
        own = Path(config.docs_dir)
        fail_on(editions.untranslated_pages(build.root / shared, own), own.name + "/")
        config.docs_dir = str(
            editions.stage(build.root / shared, own, build.root / STAGED / own.name)
        )
    _give_templates_strings(config, build)
    name = editions.for_language(glossary.GLOSSARY, build.lang)
    entries = glossary.load_glossary(build.root / name, name, set(module_titles(config)))
    fail_on([e for e in entries if isinstance(e, Problem)], name)
    if build.lang != "zh":  # every Chinese term has its entry in this edition
        zh = glossary.GLOSSARY
        chinese = glossary.load_glossary(build.root / zh, zh, set(module_titles(config)))
        if not any(isinstance(e, Problem) for e in chinese):
            fail_on(glossary.untranslated(chinese, entries, name), name)
            fail_on(glossary.misnamed(chinese, build.root / zh, zh, entries, name), zh)
    build.glossary = entries
    config.markdown_extensions.append(glossary.GlossaryExtension(entries))
    try:
        import jieba
    except ImportError:
        log.warning(
            "jieba is not installed: search cannot split Chinese into words, so a word from "
            "the middle of a sentence is not found. Install the project's dependencies: "
            "pip install -e ."
        )
        return config
    # Course jargon stays whole in the search index (and so in a search for it).
    words = [w for e in entries for w in (e.term, *e.aliases)]
    words += (build.root / SEARCH_WORDS).read_text(encoding="utf-8").split()
    for word in words:
        jieba.add_word(word)
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    """Check that every module has a lesson plan and that trainee text keeps the course's
    voice; add the generated pages."""
    build = state(config)
    titles = module_titles(config)
    fail_on(course_pages.missing_lesson_plans(Path(config.docs_dir), titles), "docs/")
    words = voice.words_file(build.root, build.lang)
    if words.exists():
        found = voice.check(
            voice.trainee_files(build.root, build.lang), build.root, voice.load_words(words)
        )
        for hit in found:
            log.warning(str(hit))
    strings = build.strings(config)
    pages = course_pages.generated_pages(titles, strings)
    pages[GLOSSARY_PAGE] = glossary.glossary_markdown(build.glossary, titles, strings)
    pages[offline.OFFLINE_PAGE] = strings.page("offline")
    for uri, content in pages.items():
        files.append(File.generated(config, uri, content=content))
    return files


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    """Remember the navigation: the learning path and the dashboard follow its order."""
    state(config).nav = nav
    return None


def on_page_context(
    context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict | None:
    """Fill the `<!-- course: … -->` markers (learning path, dashboard, lesson plans, answer
    key, QR codes), now that every page has its title and every quiz its resolved refs."""
    if "<!-- course:" in (page.content or ""):
        page.content = course_pages.render_markers(page.content, page, config, state(config))
    return None


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Under `mkdocs serve`, take the other edition out of the served site while this one is
    built: nothing of this build should read or stamp its files."""
    if _companion is not None and _companion.inside:
        folder = Path(config.site_dir) / _companion.inside
        if folder.is_symlink():
            folder.unlink()


# After every other on_post_build (the minifier's, the speed hook's joined stylesheets): the
# worker's version is a hash of the files as they are finally written.
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Stamp the service worker with a hash of the built site and the files to keep offline.
    Under `mkdocs serve`, put the other edition back, and build it again if a file it is made
    from changed."""
    inside = editions.editions_inside(config)
    version = offline.stamp_service_worker(Path(config.site_dir), inside)
    log.debug(f"service worker version {version}")
    if _companion is not None:
        _keep_companion(config, _companion)


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Serve the other edition beside this one, so the language switch leads to a page, and
    watch every file either edition is made from."""
    global _companion
    root = state(config).root
    _companion = companions.plan(config, root)
    if _companion is None:
        return server
    companions.serve_beside(server, _companion)
    for path in companions.watched(root):
        server.watch(str(path))
    _keep_companion(config, _companion)  # after the first build
    return server


# --- Helpers ----------------------------------------------------------------------------------


def _keep_companion(config: MkDocsConfig, companion: companions.Companion) -> None:
    """Link the other edition into the served site, and build it if its files changed."""
    if companion.inside:
        companions.link(Path(config.site_dir) / companion.inside, companion.out)
    companion.want(companions.fingerprint(state(config).root))


def _give_templates_strings(config: MkDocsConfig, build) -> None:
    """Every environment `theme.get_env()` makes (MkDocs', print-site's, …) gets `t`."""
    make_env = config.theme.get_env

    def get_env() -> Environment:
        env = make_env()
        env.globals["t"] = build.strings(config).t
        return env

    config.theme.get_env = get_env


def module_titles(config: MkDocsConfig) -> dict[str, str]:
    """Module slug → title (its page's `# heading`), in the order of `nav:`."""
    titles = {}
    stack = [config.nav or []]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            stack[:0] = list(item.values())
        elif isinstance(item, str) and item.startswith(course_pages.MODULE_DIR):
            source = Path(config.docs_dir, item).read_text(encoding="utf-8")
            heading = re.search(r"^# (.+)$", source, re.M)
            titles[Path(item).stem] = heading[1].strip() if heading else Path(item).stem
    return titles


# --- Data -------------------------------------------------------------------------------------

STAGED = ".cache/editions"  # another edition's docs as MkDocs reads them (editions.stage)
GLOSSARY_PAGE = "glossary.md"
SEARCH_WORDS = "search-words.txt"
