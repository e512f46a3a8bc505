"""Quiz model → HTML, through the Jinja macros in `overrides/partials/quiz.html`.

Author text is data: it is rendered as inline Markdown with raw HTML switched off, so a
`<img onerror=…>` in a question shows as text. Links go through a resolver the caller gives
(MkDocs knows where `.md` files end up); any other scheme than http(s) is dropped.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from course.strings import COURSE, load_strings
from quiz.model import LoadedQuiz, question_hash
from quiz.question_types import TYPES

LinkResolver = Callable[[str], str]


@dataclass(frozen=True)
class Ref:
    """Where a question's `ref` points on the page: the anchor and the heading's text."""

    anchor: str
    title: str


def render_quiz(
    loaded: LoadedQuiz,
    env: Any,
    refs: dict[str, Ref],
    *,
    lang: str = "zh",
    link: LinkResolver = lambda url: url,
) -> str:
    """The HTML of one quiz, ready to replace its marker in a page."""
    macro = env.get_template("partials/quiz.html").module.quiz
    return str(macro(quiz_view(loaded, refs, lang=lang, link=link, t=env.globals.get("t"))))


def quiz_view(
    loaded: LoadedQuiz,
    refs: dict[str, Ref],
    *,
    lang: str = "zh",
    link: LinkResolver = lambda url: url,
    t: Callable[[str], str] | None = None,
) -> dict:
    """What the Jinja macros need of a quiz: every author text already rendered safe (`t`
    gives the interface words, such as a true-false question's 对 and 错)."""
    text = _Texts(lang, link, t)
    quiz = loaded.quiz
    return {
        "id": quiz.id,
        "title": text.inline(quiz.title),
        "description": text.block(quiz.description) if quiz.description else None,
        "pass_mark": quiz.pass_mark,
        "questions": [
            _question(q, n, text, refs.get(q.id)) for n, q in enumerate(quiz.questions, 1)
        ],
    }


def page_links(files: Any, source_uri: str, page_file: Any, warn: Callable[[str], None]):
    """Links in quiz text, as Markdown makes them: a `.md` path, relative to the page the quiz
    belongs on (`source_uri`), becomes the built page's URL relative to the page it is shown
    on (`page_file`: the same page, or the notebook's or the exam's). MkDocs' `Files`."""

    def resolve(url: str) -> str:
        path, _, anchor = url.partition("#")
        if not path or "://" in path or not path.endswith(".md"):
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source_uri), path))
        file = files.get_file_from_path(target)
        if file is None:
            warn(f"docs/{source_uri}: a quiz links to '{url}', which is not a page")
            return url
        return file.url_relative_to(page_file) + (f"#{anchor}" if anchor else "")

    return resolve


def inline_markdown(source: str, link: LinkResolver = lambda url: url) -> Markup:
    """Author text → safe HTML: inline Markdown, raw HTML shown as text, links checked."""
    return _Texts("zh", link).markup(source, inline=True)


# --- Helpers ----------------------------------------------------------------------------------


class _Texts:
    """Renders localizable author text in one language, with one reusable Markdown parser."""

    def __init__(self, lang: str, link: LinkResolver, words: Callable[[str], str] | None = None):
        self.lang = lang
        self.words = words or load_strings(COURSE, lang).text  # the interface's words
        # Building a parser costs far more than converting a sentence: reuse it (reset between).
        self.md = markdown.Markdown(extensions=[_SafeExtension(link)])

    def pick(self, text: dict[str, str]) -> str:
        return text.get(self.lang) or text["zh"]

    def inline(self, text: dict[str, str] | None) -> Markup | None:
        return self.markup(self.pick(text), inline=True) if text else None

    def block(self, text: dict[str, str] | None) -> Markup | None:
        return self.markup(self.pick(text), inline=False) if text else None

    def markup(self, source: str, inline: bool) -> Markup:
        if not _MARKDOWN_SYNTAX.search(source):  # most sentences: nothing for Markdown to do
            text = Markup.escape(source.strip())
            return text if inline else Markup(f"<p>{text}</p>")
        html = self.md.reset().convert(source)
        if inline and _ONLY_PARAGRAPHS.fullmatch(html):
            html = "<br>".join(re.findall(r"<p>(.*?)</p>", html, flags=re.S))
        return Markup(html)


def _question(q: Any, number: int, text: _Texts, ref: Ref | None) -> dict:
    return {
        "id": q.id,
        "type": q.type,
        "number": number,
        "hash": question_hash(q, text.lang),
        "text": text.inline(q.text),
        "scenario": text.inline(q.scenario),
        "explanation": text.block(q.explanation),
        "ref": ref,
        **TYPES[q.type].view(q, text),
    }


class _SafeLinks(Treeprocessor):
    """Resolve links through the caller; keep the text of any link that is not http(s) or local."""

    def __init__(self, md: markdown.Markdown, link: LinkResolver):
        super().__init__(md)
        self.link = link

    def run(self, root: Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag != "a":
                    continue
                href = child.get("href", "")
                if _SAFE_HREF.match(href):
                    child.set("href", self.link(href))
                else:
                    child.tag = "span"
                    child.attrib.clear()


class _SafeExtension(markdown.Extension):
    def __init__(self, link: LinkResolver):
        super().__init__()
        self.link = link

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Raw HTML (block and inline) and images are off: author text is data, and a trainee's
        # phone must load nothing from another host.
        md.preprocessors.deregister("html_block")
        for name in ("html", "image_link", "image_reference", "short_image_ref"):
            md.inlinePatterns.deregister(name, strict=False)
        md.treeprocessors.register(_SafeLinks(md, self.link), "quiz_safe_links", 1)


# Anything Markdown (inline or at a line start) could act on, or that needs escaping.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>&!#|~\n]|^\s*([-+=]|\d+[.)])")
_ONLY_PARAGRAPHS = re.compile(r"\s*(<p>(?:(?!</?p>).)*</p>\s*)+", re.S)
_SAFE_HREF = re.compile(r"^(https?://|#|[^:]*$)", re.I)
