"""The versions the speed tricks were written against, and which trick leans on which.

Each trick in `speed_hook` reaches into something its authors do not promise to keep: MkDocs'
`Page.render` and Jinja environments, Material's `document$` and search plugin, print-site's
renderer, the minifier's output. They were checked against the versions pinned in
pyproject.toml. On any other version the trick is switched off with a warning: the site is
then slower, never broken. Pure: reads installed versions only.
"""

from __future__ import annotations

from importlib import metadata

PINNED = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.1",
    "mkdocs-print-site-plugin": "2.9",
    "mkdocs-minify-plugin": "0.8.0",
}

# trick → the packages whose internals it uses
LEANS_ON = {
    "serve cache": ("mkdocs", "mkdocs-material", "mkdocs-print-site-plugin"),
    "template cache": ("mkdocs",),
    "first paint": ("mkdocs-material",),
    "print assets": ("mkdocs-print-site-plugin",),
    "joined stylesheets": ("mkdocs-material", "mkdocs-minify-plugin"),
    "joined scripts": ("mkdocs-minify-plugin",),
    "search index": ("mkdocs-material",),
}


def installed(package: str) -> str | None:
    """The installed version of a package, or None."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def off_tricks(versions: dict[str, str | None] | None = None) -> dict[str, list[str]]:
    """Trick → why it is off (each package not at its pinned version); empty when all fit."""
    versions = versions if versions is not None else {p: installed(p) for p in PINNED}
    moved = {
        p: f"{p} {versions.get(p)} (written for {v})"
        for p, v in PINNED.items()
        if versions.get(p) != v
    }
    return {
        trick: [moved[p] for p in packages if p in moved]
        for trick, packages in LEANS_ON.items()
        if any(p in moved for p in packages)
    }
