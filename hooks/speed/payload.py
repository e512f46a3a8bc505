"""What a phone downloads: the search index, smaller; no print-page files on other pages; one
stylesheet for the small ones, and one script for the course's own.

Material writes the search index with every Chinese character escaped as `\\uXXXX` (six bytes,
where UTF-8 takes three), and every full page load downloads it. The print-site plugin adds
its stylesheets and script to every page, though only its own page uses them (every rule in
them is scoped to #print-site-page), and two of them block rendering. And every page linked
four stylesheets, all of which block the first paint: Material's (23 KB gzip) and three small
ones (Material's palette, the site's, the quiz's: 4 KB together), each its own request.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import posixpath
import re
from pathlib import Path


def compact_search_index(index: Path) -> tuple[int, int]:
    """Rewrite search_index.json as plain UTF-8 JSON; return its size before and after."""
    before = index.read_bytes()
    data = json.loads(before)
    after = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    index.write_bytes(after)
    return len(before), len(after)


def without_print_assets(html: str) -> str:
    """A page's HTML without the print page's stylesheets and script."""
    if "print-site" not in html:  # no print page in this build: nothing to take out
        return html
    return PRINT_ASSETS.sub("", html)


# Starts with "<", not with the whitespace before the tag: a pattern that may start with
# whitespace is tried at every space of an unminified page's indentation (3.7 ms a page
# against 0.07 ms). The whitespace left behind is harmless.
PRINT_ASSETS = re.compile(
    r'<(?:link rel="stylesheet" href="[^"]*css/print-site(?:-material)?\.css"\s*/?>'
    r'|script (?:defer )?src="[^"]*js/print-site\.js"></script>)'
)


def join_stylesheets(site: Path, base_path: str, names: list[str]) -> str | None:
    """Join the stylesheets `names` (paths in site/, in the order pages link them) into one
    file, assets/stylesheets/extra.<hash>.min.css, and make every page that links exactly
    these, in this order and one after the other, link that file instead: the rules then
    apply in the same order as before. Returns the new file's path (None: nothing to join).

    On a slow connection each render-blocking stylesheet costs a request before the first
    paint; in Lighthouse's phone (six connections per host) the first paint of a module page
    came 0.15-0.3 s later with four stylesheets than with two. The files keep their own names
    too, and none of them uses url(), so moving their rules changes no address."""
    return _join(
        site,
        base_path,
        names,
        "assets/stylesheets/extra.{}.min.css",
        STYLESHEET,
        '<link rel="stylesheet" href="{}">',
        "\n",
    )


def join_scripts(site: Path, base_path: str, names: list[str]) -> str | None:
    """Join the scripts `names` (the course's own, in the order pages load them) into one
    file, assets/client.<hash>.min.js, loaded where the first was. The client is written as one
    file per concern (docs/assets/quiz/), and each would be a request of its own on a phone;
    each file is an isolated function, so one after the other they run as they did apart."""
    return _join(
        site,
        base_path,
        names,
        "assets/client.{}.min.js",
        SCRIPT,
        '<script defer src="{}"></script>',
        "\n;",
    )


def _join(
    site: Path,
    base_path: str,
    names: list[str],
    target_name: str,
    tag: re.Pattern,
    replacement: str,
    glue: str,
) -> str | None:
    names = [n for n in names if (site / n).is_file()]
    if len(names) < 2:
        return None
    joined = glue.join((site / n).read_text(encoding="utf-8") for n in names)
    target = target_name.format(hashlib.sha256(joined.encode()).hexdigest()[:8])
    (site / target).write_text(joined, encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        here = posixpath.dirname(page.relative_to(site).as_posix())
        links = list(tag.finditer(html))
        paths = [_site_path(m["href"], here, base_path) for m in links]
        for start in range(len(links) - len(names) + 1):
            run = links[start : start + len(names)]
            # One after the other with only whitespace between: whatever else sat there (an
            # inline script, a tag between two links) would be lost by the join.
            between = "".join(html[a.end() : b.start()] for a, b in itertools.pairwise(run))
            if paths[start : start + len(names)] == names and not between.strip():
                first, last = run[0], run[-1]
                href = (
                    base_path + target
                    if first["href"].startswith("/")
                    else posixpath.relpath(target, here or ".")
                )
                html = html[: first.start()] + replacement.format(href) + html[last.end() :]
                page.write_text(html, encoding="utf-8")
                break
    return target


def _site_path(href: str, here: str, base_path: str) -> str:
    """A link's target as a path in site/ (`here`: the linking page's folder there)."""
    if href.startswith("/"):
        return href.removeprefix(base_path)
    return posixpath.normpath(posixpath.join(here, href))


STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+)"\s*/?>')
SCRIPT = re.compile(r'<script defer src="(?P<href>[^"]+)"></script>')
