"""Quick rebuilds under `mkdocs serve`: a saved quiz or page shows in under a second.

MkDocs rebuilds the whole course on every save, and most of that work gives the result the
build before gave. Under `mkdocs serve` (only there: `mkdocs build`, the tests' builds and the
published site never use this), `Rebuilds` keeps from the last build, keyed on everything
each depends on:

- the render of every page whose Markdown did not change;
- the search entries of every page whose HTML did not change;
- the print page's copy of every unchanged page;
- the list of Material's template files (some 10,000 with its icons).

It also skips minifying HTML (that only removes whitespace), and puts an idle service worker
in place of the course's (`idle_service_worker`). `watch_often` makes MkDocs look for saved
files every 0.05 s instead of every 0.5 s. A rebuild went from 1.7 s to 0.4 s. A test checks
that a rebuild from the cache writes the same site as a build from scratch, so a key that
misses something shows up there.

It reaches into things their authors do not document as hooks: what MkDocs' `Page.render`
sets on a page, Material's search plugin's `search_index`, print-site's `fix_internal_links`
(a pure function, and a third of a rebuild), the theme's Jinja loader, and the live-reload
server's watch list. If one of them moves, the rebuild is slower or that test fails; a
published site is never affected.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemLoader

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

POLL_SECONDS = 0.05  # a scan of the watched folders takes under 1 ms


@dataclass
class _Rendered:
    """What `Page.render` leaves on a page (MkDocs 1.6), with links keyed by source path."""

    key: tuple
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None


class Rebuilds:
    """What one `mkdocs serve` process keeps from build to build."""

    def __init__(self) -> None:
        self.rendered: dict[str, _Rendered] = {}  # source path → its last render
        self.entries: dict[str, tuple[tuple, list[dict]]] = {}  # page URL → its search entries
        self.hits = 0  # renders and search entries reused (the tests check it is not zero)
        self.fingerprint = ""
        self.listings: dict[str, list[str]] = {}  # installed template folder → its files
        _remember_print_copies()

    def start(self, config: MkDocsConfig, files: Files, inputs: list[Path]) -> None:
        """A new build: note what every page's render depends on besides its own Markdown
        (the config and the glossary/search-word files it names, and which pages exist where),
        stop minifying HTML, and reuse the search entries of unchanged pages."""
        digest = hashlib.sha256()
        for path in [Path(config.config_file_path), *inputs]:
            digest.update(path.read_bytes() if path.exists() else b"")
        for file in sorted(files, key=lambda f: f.src_uri):
            digest.update(f"\0{file.src_uri}\0{file.url}".encode())
        self.fingerprint = digest.hexdigest()
        minify = config.plugins.get("minify")
        if minify is not None:
            minify.config["minify_html"] = False
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "add_entry_from_context"):
                self._reuse_entries(index)

    def list_templates_once(self, env: Environment) -> None:
        """Make this environment of the theme list the template folders that come installed
        with a package (Material's) once per process, and the project's own (overrides/, which
        a trainer may add a file to) every time, as MkDocs lists them to copy the theme's
        static files."""
        if isinstance(env.loader, FileSystemLoader):
            env.loader.list_templates = functools.partial(self._list, env.loader.searchpath)

    def _list(self, folders: list[str]) -> list[str]:
        found: set[str] = set()  # as FileSystemLoader.list_templates: every folder's, sorted
        for folder in folders:
            names = self.listings.get(folder)
            if names is None:
                names = FileSystemLoader(folder).list_templates()
                if _installed(folder):
                    self.listings[folder] = names
            found.update(names)
        return sorted(found)

    def reuse_render(self, page: Page) -> None:
        """Make this page's render reuse the last one when its Markdown and the rest of the
        build are unchanged."""
        render = page.render

        def cached(config: MkDocsConfig, files: Files) -> None:
            key = (self.fingerprint, page.markdown)
            last = self.rendered.get(page.file.src_uri)
            if last is None or last.key != key:
                render(config, files)
                links = page.links_to_anchors
                self.rendered[page.file.src_uri] = _Rendered(
                    key,
                    page.content,
                    copy.deepcopy(page.toc),
                    page._title_from_render,
                    page.present_anchor_ids,
                    None if links is None else {f.src_uri: v for f, v in links.items()},
                )
                return
            self.hits += 1
            page.content, page._title_from_render = last.content, last.title
            page.toc = copy.deepcopy(last.toc)  # a build may change its page's TOC: keep a copy
            page.present_anchor_ids = None if last.anchors is None else set(last.anchors)
            if last.links is not None:
                page.links_to_anchors = {
                    file: dict(anchors)
                    for uri, anchors in last.links.items()
                    if (file := files.get_file_from_path(uri)) is not None
                }

        page.render = cached

    def _reuse_entries(self, index: Any) -> None:
        add = index.add_entry_from_context

        def cached(page: Page) -> None:
            key = (self.fingerprint, page.content, page.title, repr(page.meta))
            last = self.entries.get(page.url)
            if last is not None and last[0] == key:
                self.hits += 1
                index.entries.extend(dict(entry) for entry in last[1])
                return
            start = len(index.entries)
            add(page)
            self.entries[page.url] = (key, [dict(entry) for entry in index.entries[start:]])

        index.add_entry_from_context = cached


def _installed(folder: str) -> bool:
    packages = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    return any(Path(folder).resolve().is_relative_to(p) for p in packages)


def _remember_print_copies() -> None:
    """print-site makes each page's copy for the print page with `fix_internal_links(html,
    url, directory_urls, heading_number)`, which depends on nothing but its arguments."""
    try:
        from mkdocs_print_site_plugin import renderer
    except ImportError:
        return
    if not hasattr(renderer.fix_internal_links, "cache_info"):
        renderer.fix_internal_links = functools.lru_cache(maxsize=256)(renderer.fix_internal_links)


def idle_service_worker(site: Path) -> None:
    """Under `mkdocs serve`, sw.js is a worker that keeps nothing offline and handles no
    request. The course's worker, stamped anew by every rebuild, was installed again after
    every save, and the tab MkDocs reloaded waited for it: 0.4 s of each reload. This one is
    the same on every build, so it installs once; with no fetch handler, Chromium does not
    even start it for a page load. It takes over from a course worker an earlier build left at
    this address and deletes that worker's caches, so nothing stale is ever shown."""
    worker = site / "sw.js"
    if worker.exists():
        worker.write_text(IDLE_WORKER, encoding="utf-8")


IDLE_WORKER = """\
// mkdocs serve: no offline copy (hooks/speed/serve_cache.py). Replaces a course worker, drops its
// caches, and handles no requests.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(
  caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith("course-"))
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim())));
"""


def watch_often(server: LiveReloadServer) -> None:
    """Look for saved files every POLL_SECONDS, and build once none has changed for as long:
    MkDocs' 0.5 s and 0.1 s were more than half of the wait."""
    from watchdog.observers.polling import PollingObserver

    # What was watched so far, and how many times (a path watched twice is unwatched twice).
    watched = dict(getattr(server, "_watched_paths", {}))
    if not watched or server.observer.is_alive():
        return
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    server.build_delay = POLL_SECONDS
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
