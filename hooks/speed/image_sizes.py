"""A width and height on every image of the site's own SVGs, read from the file's viewBox.

The diagrams are scaled to the column (`width: 100%; height: auto` in course.css), but until
an image has arrived the browser does not know its shape and gives it no height; on a slow
connection the text below it then jumps down as it comes in. With the two attributes the
browser keeps the image's space from the first layout.

No MkDocs here: it rewrites a page's HTML, given how to read an image by its address.
"""

from __future__ import annotations

import re
from collections.abc import Callable

IMG = re.compile(r"<img\b[^>]*>")
SRC = re.compile(r'\ssrc="([^"]+\.svg)"')
SIZED = re.compile(r"\s(?:width|height)=")
VIEWBOX = re.compile(
    r'<svg\b[^>]*?\sviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"'
)


def with_sizes(html: str, read: Callable[[str], str | None]) -> str:
    """`html` with width and height added to each `<img>` of an SVG that `read(src)` finds
    (None: not the site's own file), unless the image has either already."""

    def size(match: re.Match) -> str:
        tag = match.group()
        src = SRC.search(tag)
        if not src or SIZED.search(tag):
            return tag
        svg = read(src.group(1))
        box = VIEWBOX.search(svg) if svg else None
        if not box:
            return tag
        width, height = (_number(value) for value in box.groups())
        return f'<img width="{width}" height="{height}"' + tag[len("<img") :]

    return IMG.sub(size, html) if "<img" in html else html


def _number(value: str) -> str:
    """A viewBox length as an attribute takes it: whole numbers without a decimal point."""
    return str(round(float(value)))
