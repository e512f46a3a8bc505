"""MkDocs events for speed alone: every trick that makes the course quicker on a phone or
under `mkdocs serve`, and nothing else. Delete this file's line under `hooks:` in mkdocs.yml
and the course is a plain Material site that builds and works the same, only slower.

- under `mkdocs serve`: rebuilds reuse what did not change, and saved files are noticed
  within a twentieth of a second (`serve_cache`);
- every Jinja environment keeps its compiled templates between builds;
- the print page's files stay off every other page, the course's scripts ship as one file,
  and scripts start after the first paint (`payload`, `first_paint`);
- every diagram gets its size before it arrives (`image_sizes`);
- the search index is compacted and fetched only when a trainee first goes to search
  (`payload`, `search_on_demand`), and the small stylesheets ship as one file (`payload`).

A trick that leans on another package's internals is switched off, with a warning, when that
package is not at the version it was written for (`speed_pins`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority

from course.state import log
from speed import first_paint, image_sizes, payload, pins, search_on_demand, serve_cache

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
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


# Before other plugins' on_config: Material's search plugin renders a template there, and it too
# should find it compiled.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Note which tricks this build may use; every Jinja environment of the theme keeps its
    compiled templates between builds."""
    off = config[OFF] = pins.off_tricks()
    for trick, why in off.items():
        log.warning(f"speed: {trick} switched off: {', '.join(why)}")
    if _on(config, "template cache"):
        _cache_templates(config.theme, _rebuilds if _on(config, "serve cache") else None)
    return None


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Notice a saved file within a twentieth of a second."""
    serve_cache.watch_often(server)
    return server


# After the other hooks' on_files: the generated pages are part of what a render depends on.
@event_priority(-100)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    """Under `mkdocs serve`, note what this build's renders depend on."""
    if _rebuilds is not None and _on(config, "serve cache"):
        root = Path(config.config_file_path).parent
        inputs = [root / p for p in config.watch if (root / p).is_file()]
        _rebuilds.start(config, files, inputs)
    return None


def on_pre_page(page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
    """Under `mkdocs serve`, an unchanged page reuses its last render."""
    if _rebuilds is not None and _on(config, "serve cache"):
        _rebuilds.reuse_render(page)
    return None


# Before print-site's on_page_content (default 0), which copies each page into the print page.
@event_priority(50)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give each of the site's SVG images its size."""
    done = image_sizes.with_sizes(html, _image_reader(page, files))
    return None if done == html else done


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    """Keep the print page's files off every other page: they only slow the first paint."""
    if page.file.src_uri == PRINT_PAGE_SOURCE or not _on(config, "print assets"):
        return None
    return payload.without_print_assets(output)


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
    """The same for the pages made from a template alone (404.html)."""
    if not template_name.endswith(".html") or not _on(config, "print assets"):
        return None
    return payload.without_print_assets(output)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Shrink the search index; join the small stylesheets into one and the course's scripts
    into one; then start every page's scripts (but the print page's) after the first paint,
    and fetch the search index on demand. Under `mkdocs serve`, put a worker in place that
    keeps nothing offline (see serve_cache)."""
    site = Path(config.site_dir)
    base = urlsplit(config.site_url or "/").path
    index = site / "search" / "search_index.json"
    if index.exists() and _on(config, "search index"):
        before, after = payload.compact_search_index(index)
        log.debug(f"search index: {before:,} → {after:,} bytes")
    if _on(config, "joined stylesheets"):
        palette = sorted(site.glob("assets/stylesheets/palette.*.min.css"))  # Material's
        small = [p.relative_to(site).as_posix() for p in palette]
        small += [str(css) for css in config.extra_css if "print-site" not in str(css)]
        joined = payload.join_stylesheets(site, base, small)
        log.debug(f"{', '.join(small)} joined into {joined}")
    if _on(config, "joined scripts"):
        ours = [str(js) for js in config.extra_javascript if "print-site" not in str(js)]
        joined = payload.join_scripts(site, base, ours)
        log.debug(f"{', '.join(ours)} joined into {joined}")
    for page in site.rglob("*.html"):
        if page.relative_to(site).as_posix() == PRINT_PAGE_HTML:
            continue
        html = page.read_text(encoding="utf-8")
        done = _after_paint(html, config)
        if done != html:
            page.write_text(done, encoding="utf-8")
    if _rebuilds is not None:
        serve_cache.idle_service_worker(site)


# --- Helpers ----------------------------------------------------------------------------------


def _on(config: MkDocsConfig, trick: str) -> bool:
    return trick not in config.get(OFF, {})


def _after_paint(output: str, config: MkDocsConfig) -> str:
    if _on(config, "first paint"):
        output = first_paint.scripts_after_paint(output)
    if _on(config, "search index"):
        output = search_on_demand.index_on_demand(output)
    return output


def _image_reader(page: Page, files: Files):
    """Read an image by its address in `page`'s HTML; None if it is not one of the site's files
    (another host's address, joined to the page's, names none of them)."""

    def read(src: str) -> str | None:
        file = files.get_file_from_path(urljoin(page.url, src))
        return file.content_string if file is not None else None

    return read


def _cache_templates(theme: Theme, rebuilds: serve_cache.Rebuilds | None) -> None:
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
        if rebuilds is not None:
            rebuilds.list_templates_once(env)
        return env

    theme.get_env = get_env


# --- Data -------------------------------------------------------------------------------------

OFF = "course_speed_off"  # this build's tricks switched off, on its config
PRINT_PAGE_SOURCE = "print_page.md"  # mkdocs-print-site-plugin's page
PRINT_PAGE_HTML = "print_page/index.html"
