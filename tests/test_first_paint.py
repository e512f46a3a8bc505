"""Layer 1: hooks/speed/first_paint.py on hand-made pages, no MkDocs."""

from __future__ import annotations

import json
import re

from speed import first_paint

TAIL = (
    '<script defer src="../assets/javascripts/bundle.1.min.js"></script>\n  '
    '<script defer src="../assets/course.2.min.js"></script>'
    '<script defer src="../assets/quiz/quiz.3.min.js"></script>'
)
SOURCES = [
    "../assets/javascripts/bundle.1.min.js",
    "../assets/course.2.min.js",
    "../assets/quiz/quiz.3.min.js",
]


def page(tail: str = TAIL, body: str = "<p>课文</p>") -> str:
    return f"<html><head><title>t</title></head><body>{body}{tail}</body></html>"


def test_the_deferred_scripts_are_preloaded_in_place_and_started_by_the_loader_in_order():
    html = first_paint.scripts_after_paint(page())
    assert "<script defer" not in html
    assert (
        re.findall(r'<link rel="preload" as="script" fetchpriority="low" href="([^"]+)">', html)
        == SOURCES
    )
    [loader] = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert loader.endswith(f"({json.dumps(SOURCES)});")
    assert html.startswith("<html><head><title>t</title></head><body><p>课文</p><link")
    assert html.endswith("</script></body></html>")
    assert first_paint.scripts_after_paint(html) == html  # nothing left to move


def test_a_page_whose_own_code_waits_for_domcontentloaded_keeps_its_deferred_scripts():
    """The print page's inline code calls print-site.js on that event: it must have run."""
    waiting = page(body='<script>document.addEventListener("DOMContentLoaded", go)</script>')
    assert first_paint.scripts_after_paint(waiting) == waiting


def test_a_page_without_deferred_scripts_is_unchanged():
    plain = page(tail='<script src="../assets/x.js"></script>')
    assert first_paint.scripts_after_paint(plain) == plain


def test_a_script_address_cannot_end_the_loader_early():
    html = first_paint.scripts_after_paint(page('<script defer src="a</script>.js"></script>'))
    [loader] = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert loader.endswith('(["a<\\/script>.js"]);')
