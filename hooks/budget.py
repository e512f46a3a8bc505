"""What a phone downloads: the search index, smaller, and no print-page files on other pages.

Material writes the search index with every Chinese character escaped as `\\uXXXX` (six bytes,
where UTF-8 takes three), and every full page load downloads it. The print-site plugin adds
its stylesheets and script to every page, though only its own page uses them (every rule in
them is scoped to #print-site-page), and two of them block rendering.
"""

from __future__ import annotations

import json
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
