"""One course in several languages: each edition a MkDocs site of its own (mkdocs.yml for
Chinese, mkdocs.<language>.yml for another, built into a folder inside the Chinese site).

An edition other than the Chinese one has its own pages (docs-<language>/, the same paths as
docs/) and takes every other file from docs/ (`extra.shared_docs`): stylesheets, scripts, the
service worker, diagrams; a file of its own (an English diagram) wins. Every page of docs/
needs its translation, or the build stops, so the editions cannot drift apart. No MkDocs
events here: the hooks call these.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from authoring.problems import Problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def for_language(name: str, lang: str) -> str:
    """A file of the Chinese edition (mkdocs.yml, glossary.yml, voice-words.txt) as another
    edition names its own: mkdocs.en.yml, glossary.en.yml, voice-words.en.txt."""
    if lang == "zh":
        return name
    stem, _, suffix = name.rpartition(".")
    return f"{stem}.{lang}.{suffix}"


def untranslated_pages(shared: Path, docs: Path) -> list[Problem]:
    """Every page of the Chinese docs/ that this edition's docs lacks."""
    return [
        Problem(
            f"{docs.name}/{page.relative_to(shared).as_posix()}",
            1,
            "page",
            f"expected a translation of {shared.name}/{page.relative_to(shared).as_posix()}, "
            "found none",
        )
        for page in sorted(shared.rglob("*.md"))
        if not (docs / page.relative_to(shared)).exists()
    ]


def stage(shared: Path, own: Path, staged: Path) -> Path:
    """The edition's docs as MkDocs reads them: a folder of links to each of its own files and
    to each file of `shared` it has no own version of, but no shared page. (A folder rather
    than extra files added on the way: plugins such as the minifier read docs_dir directly.)
    Brought up to date link by link, each swapped in whole, so two builds staging at once (the
    tests' processes, a build beside `mkdocs serve`) never see a file missing."""
    wanted: dict[Path, Path] = {}
    for folder, keep in ((own, lambda p: True), (shared, lambda p: p.suffix != ".md")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and keep(p)):
            wanted.setdefault(path.relative_to(folder), path.resolve())
    if staged.exists():
        for link in [p for p in staged.rglob("*") if p.is_symlink() or p.is_file()]:
            if link.relative_to(staged) not in wanted:
                link.unlink(missing_ok=True)
    for relative, target in wanted.items():
        link = staged / relative
        if link.is_symlink() and Path(os.readlink(link)) == target:
            continue
        link.parent.mkdir(parents=True, exist_ok=True)
        fresh = link.with_name(f".{link.name}.{os.getpid()}")
        fresh.unlink(missing_ok=True)
        fresh.symlink_to(target)
        os.replace(fresh, link)
    return staged


def editions_inside(config: MkDocsConfig) -> list[str]:
    """The other editions built into this site's folder ("en/"), from `extra.alternate`: the
    service worker leaves them to their own workers."""
    inside = []
    for alternate in (config.extra or {}).get("alternate") or []:
        link = str(alternate.get("link", ""))
        if link.startswith("./") and link != "./":
            inside.append(link[2:])
    return inside
