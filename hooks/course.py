"""MkDocs events for the course: quizzes, glossary, generated pages, offline support.

The only file with MkDocs events; thin glue over `quiz_model` (load + check), `quiz_render`
(HTML), `glossary` (terms and tooltips), `course_pages` (learning path, dashboard, trainer
pages), `offline` (service worker) and `budget` (what a phone downloads). MkDocs runs this
file once per process, so under `mkdocs serve` this module and the helper modules it imports
stay loaded across rebuilds (restart `serve` after editing them). Nothing lives in module
globals but `_rebuilds` (see `serve_cache`): each build keeps its state in a `Build` stored on
that build's config.
"""

from __future__ import annotations

import difflib
import logging
import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import budget
import course_pages
import first_paint
import glossary
import image_sizes
import offline
import serve_cache
from problems import Problem, Source, nearest_line, read_yaml
from quiz_model import LoadedQuiz, check_all, check_quiz
from quiz_render import Ref, render_quiz

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.theme import Theme

# --- Events -----------------------------------------------------------------------------------

# The one thing that outlives a build: under `mkdocs serve`, what the last build rendered.
_rebuilds: serve_cache.Rebuilds | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, keep what a rebuild can reuse (not with --dirty: MkDocs then
    skips unchanged pages itself)."""
    global _rebuilds
    _rebuilds = serve_cache.Rebuilds() if command == "serve" and not dirty else None


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Notice a saved file within a twentieth of a second."""
    serve_cache.watch_often(server)
    return server


# Before other plugins' on_config: Material's search plugin renders a template there, and it too
# should find it compiled.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Check the glossary and turn its terms into tooltips and search words; check for jieba.
    Every Jinja environment of the theme keeps its compiled templates between builds."""
    build = config[STATE] = Build(root=Path(config.config_file_path).parent)
    _cache_templates(config.theme)
    entries = glossary.load_glossary(build.root / GLOSSARY, GLOSSARY, set(_module_titles(config)))
    _fail_on([e for e in entries if isinstance(e, Problem)])
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
    """Load and check every quiz and every marker (stopping on any problem); add generated pages."""
    build: Build = config[STATE]
    loaded, problems, sources = [], [], []
    paths = sorted((build.root / QUIZ_DIR).glob("*.yml"))
    for path in paths:
        sources.append(read_yaml(path, f"{QUIZ_DIR}/{path.name}"))
        result = check_quiz(sources[-1], slug=path.stem)
        (problems.extend if isinstance(result, list) else loaded.append)(result)
    problems += check_all(sources)
    build.quizzes = {q.slug: q for q in loaded}
    problems += _place_quizzes(files, build, {p.stem: s for p, s in zip(paths, sources)})
    titles = _module_titles(config)
    problems += course_pages.missing_lesson_plans(Path(config.docs_dir), titles)
    _fail_on(problems)
    pages = course_pages.generated_pages(titles)
    pages[GLOSSARY_PAGE] = glossary.glossary_markdown(build.glossary, titles)
    pages[offline.OFFLINE_PAGE] = offline.OFFLINE_MARKDOWN
    for uri, content in pages.items():
        files.append(File.generated(config, uri, content=content))
    if _rebuilds is not None:
        _rebuilds.start(config, files, [build.root / GLOSSARY, build.root / SEARCH_WORDS])
    return files


def on_pre_page(page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
    """Under `mkdocs serve`, an unchanged page reuses its last render."""
    if _rebuilds is not None:
        _rebuilds.reuse_render(page)
    return None


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    """Remember the navigation: the learning path and the dashboard follow its order."""
    config[STATE].nav = nav
    return None


# Before other plugins' on_page_content (default 0): print-site copies each page's content
# into the whole-course print page there, and that copy must hold the quiz, not its marker.
@event_priority(50)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace each quiz marker with the quiz, checking every `ref` against the page's headings;
    give each of the site's SVG images its size."""
    build: Build = config[STATE]

    def replace(match: re.Match) -> str:
        loaded = build.quizzes.get(match["slug"])
        if loaded is None:
            return ""
        refs = _resolve_refs(loaded, page, build)
        link = _link_resolver(page, files)
        return render_quiz(loaded, build.env(config), refs, link=link)

    done = image_sizes.with_sizes(html, _image_reader(page, files))
    if "<!--" in done:
        done = MARKER.sub(replace, done)
    return None if done == html else done


def _image_reader(page: Page, files: Files):
    """Read an image by its address in `page`'s HTML; None if it is not one of the site's files
    (another host's address, joined to the page's, names none of them)."""
    def read(src: str) -> str | None:
        file = files.get_file_from_path(urljoin(page.url, src))
        return file.content_string if file is not None else None
    return read


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
    """After every page's content is rendered: stop on a `ref` that names no heading."""
    _fail_on(config[STATE].problems)
    return None


def on_page_context(
    context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict | None:
    """Fill the `<!-- course: … -->` markers (learning path, dashboard, lesson plans, answer
    key, QR codes), now that every page has its title and every quiz its resolved refs."""
    if "<!-- course:" in (page.content or ""):
        page.content = course_pages.render_markers(page.content, page, config, config[STATE])
    return None


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    """Keep the print page's files off every other page (they only slow the first paint), and
    start the scripts after the first paint."""
    if page.file.src_uri == PRINT_PAGE:
        return None
    return first_paint.scripts_after_paint(budget.without_print_assets(output))


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
    """The same for the pages made from a template alone (404.html)."""
    if not template_name.endswith(".html"):
        return None
    return first_paint.scripts_after_paint(budget.without_print_assets(output))


def on_post_build(*, config: MkDocsConfig) -> None:
    """Shrink the search index, join the small stylesheets into one, then stamp the service
    worker with a hash of the result (under `mkdocs serve`, put a worker there that keeps
    nothing offline: see serve_cache)."""
    site = Path(config.site_dir)
    index = site / "search" / "search_index.json"
    if index.exists():
        before, after = budget.compact_search_index(index)
        log.debug(f"search index: {before:,} → {after:,} bytes")
    palette = sorted(site.glob("assets/stylesheets/palette.*.min.css"))  # Material's, if any
    small = [p.relative_to(site).as_posix() for p in palette]
    small += [str(css) for css in config.extra_css if "print-site" not in str(css)]
    joined = budget.join_stylesheets(site, urlsplit(config.site_url or "/").path, small)
    log.debug(f"{', '.join(small)} joined into {joined}")
    if _rebuilds is not None:
        serve_cache.idle_service_worker(site)
        return
    version = offline.stamp_service_worker(site)
    log.debug(f"service worker version {version}")


# --- Helpers ----------------------------------------------------------------------------------


@dataclass
class Build:
    """What one build learns as it goes; a fresh one is made for every build."""

    root: Path
    quizzes: dict[str, LoadedQuiz] = field(default_factory=dict)
    placements: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    nav: Navigation | None = None
    glossary: list = field(default_factory=list)
    refs: dict[str, Ref] = field(default_factory=dict)  # question id → its heading
    _env: Environment | None = None

    def env(self, config: MkDocsConfig) -> Environment:
        """The theme's Jinja environment, made once a build: MkDocs makes a new one on every
        get_env() call, and compiling the templates again for each page cost seconds."""
        if self._env is None:
            self._env = config.theme.get_env()
        return self._env


def _cache_templates(theme: Theme) -> None:
    """Give every environment `theme.get_env()` makes (MkDocs', Material's search plugin's,
    print-site's: each makes its own) Jinja's cache of compiled templates, in this user's
    private temporary folder. A template is compiled again whenever its source changes (the
    cache is keyed on a hash of it). Without it a rebuild under `mkdocs serve` compiled some
    forty templates again, about 0.2 s. Under serve, each also lists Material's templates
    only once (see serve_cache)."""
    make_env, cache = theme.get_env, FileSystemBytecodeCache()

    def get_env() -> Environment:
        env = make_env()
        env.bytecode_cache = cache
        if _rebuilds is not None:
            _rebuilds.list_templates_once(env)
        return env

    theme.get_env = get_env


def _place_quizzes(files: Files, build: Build, known: dict[str, Source]) -> list[Problem]:
    """Find every `<!-- quiz: slug -->`: unknown names, and quizzes on no page or on two."""
    problems = []
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        source = file.content_string
        for match in MARKER.finditer(source):
            slug, line = match["slug"], source.count("\n", 0, match.start()) + 1
            if slug in known:
                build.placements.setdefault(slug, []).append(file.src_uri)
            else:
                hint = difflib.get_close_matches(slug, sorted(known), n=1)
                problems.append(
                    Problem(
                        f"docs/{file.src_uri}",
                        line,
                        "quiz marker",
                        f"expected the name of a quiz file in {QUIZ_DIR}/, found '{slug}'"
                        + (f" (did you mean '{hint[0]}'?)" if hint else ""),
                    )
                )
    for slug, source in known.items():
        pages = [f"docs/{uri}" for uri in build.placements.get(slug, [])]
        if len(pages) != 1:
            problems.append(
                Problem(
                    source.path,
                    nearest_line(source.lines or {}, ("id",)),
                    "id",
                    f"expected the quiz on one page (a line <!-- quiz: {slug} --> in docs/), "
                    f"found it on {' and '.join(pages) or 'none'}",
                )
            )
    return problems


def _module_titles(config: MkDocsConfig) -> dict[str, str]:
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


def _fail_on(problems: list[Problem]) -> None:
    if not problems:
        return
    for problem in sorted(set(problems)):
        log.error(str(problem))
    count = len(set(problems))
    raise PluginError(
        f"{count} problem{'s' * (count != 1)} in the quizzes (listed above); "
        "the site was not built. See AUTHORING.md for the quiz format."
    )


def _resolve_refs(loaded: LoadedQuiz, page: Page, build: Build) -> dict[str, Ref]:
    headings = {}
    stack = list(page.toc)
    while stack:
        item = stack.pop()
        title = _heading_text(item.title)
        headings.setdefault(item.id, Ref(item.id, title))
        headings.setdefault(title, Ref(item.id, title))
        stack.extend(item.children)
    refs = {}
    for index, question in enumerate(loaded.quiz.questions):
        ref = headings.get(question.ref.strip().lstrip("#").strip())
        if ref:
            refs[question.id] = ref
            build.refs[question.id] = ref
        else:
            build.problems.append(
                Problem(
                    loaded.path,
                    loaded.line("questions", index, "ref"),
                    f"questions[{index}].ref",
                    f"expected a heading of {_docs_path(page)} (its text or its anchor), "
                    f"found '{question.ref}'",
                )
            )
    return refs


def _link_resolver(page: Page, files: Files):
    """Quiz text links to `.md` files the way Markdown does: to the built page's URL."""

    def resolve(url: str) -> str:
        path, _, anchor = url.partition("#")
        if not path or "://" in path or not path.endswith(".md"):
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
        file = files.get_file_from_path(target)
        if file is None:
            log.warning(f"{_docs_path(page)}: a quiz links to '{url}', which is not a page")
            return url
        return file.url_relative_to(page.file) + (f"#{anchor}" if anchor else "")

    return resolve


def _docs_path(page: Page) -> str:
    return f"docs/{page.file.src_uri}"


def _heading_text(title: str) -> str:
    """A TOC title as plain text (MkDocs keeps entities such as &amp; in it)."""
    return unescape(re.sub(r"<[^>]+>", "", title)).strip()


# --- Data -------------------------------------------------------------------------------------

STATE = "course_build"
GLOSSARY = "glossary.yml"
GLOSSARY_PAGE = "glossary.md"
PRINT_PAGE = "print_page.md"  # mkdocs-print-site-plugin's page
SEARCH_WORDS = "search-words.txt"
QUIZ_DIR = "quizzes"
MARKER = re.compile(r"<!--\s*quiz:\s*(?P<slug>[^\s>]+)\s*-->")
log = logging.getLogger("mkdocs.hooks.course")
