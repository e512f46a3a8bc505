"""Quiz model → HTML, through the Jinja macros in `overrides/partials/quiz.html`.

Author text is data: it is rendered as inline Markdown with raw HTML switched off, so a
`<img onerror=…>` in a question shows as text. Links go through a resolver the caller gives
(MkDocs knows where `.md` files end up); any other scheme than http(s) is dropped.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from quiz_model import LoadedQuiz, question_hash
from quiz_schema import Matching, Multiple, Ordering, Single, TrueFalse
from ui_strings import COURSE, load_strings

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
    text = _Texts(lang, link)
    text.words = t or load_strings(COURSE, lang).text
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


def inline_markdown(source: str, link: LinkResolver = lambda url: url) -> Markup:
    """Author text → safe HTML: inline Markdown, raw HTML shown as text, links checked."""
    return _Texts("zh", link).markup(source, inline=True)


def plain_text(html: str) -> str:
    """The text of rendered HTML, for attributes and `<option>`s that cannot hold markup."""
    return Markup(html).striptags()


# --- Helpers ----------------------------------------------------------------------------------


class _Texts:
    """Renders localizable author text in one language, with one reusable Markdown parser."""

    def __init__(self, lang: str, link: LinkResolver):
        self.lang = lang
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
    out = {
        "id": q.id,
        "type": q.type,
        "number": number,
        "hash": question_hash(q),
        "text": text.inline(q.text),
        "scenario": text.inline(q.scenario),
        "explanation": text.block(q.explanation),
        "ref": ref,
    }
    if isinstance(q, (Single, Multiple)):
        out["options"] = [
            _option(i, o.text, o.correct, o.feedback, text) for i, o in enumerate(q.options)
        ]
    elif isinstance(q, TrueFalse):
        out["options"] = [
            _option(0, {"zh": str(text.words("quiz.true"))}, q.answer,
                    None if q.answer else q.wrong_feedback, text),
            _option(1, {"zh": str(text.words("quiz.false"))}, not q.answer,
                    q.wrong_feedback if q.answer else None, text),
        ]
    elif isinstance(q, Ordering):
        items = [{"key": i, "html": text.inline(t)} for i, t in enumerate(q.items)]
        for item in items:
            item["plain"] = plain_text(item["html"])
        out["answer"] = items
        out["items"] = _scrambled(items, q.id)
    elif isinstance(q, Matching):
        lefts = [{"key": i, "html": text.inline(p.left)} for i, p in enumerate(q.pairs)]
        rights = [{"key": i, "html": text.inline(p.right)} for i, p in enumerate(q.pairs)]
        for item in lefts + rights:
            item["plain"] = plain_text(item["html"])
        out["pairs"] = list(zip(lefts, rights))
        out["lefts"], out["rights"] = lefts, _scrambled(rights, q.id)
    return out


def _option(index: int, label: dict, correct: bool, feedback: dict | None, text: _Texts) -> dict:
    return {
        "key": index,
        "html": text.inline(label),
        "correct": correct,
        "feedback": text.inline(feedback),
    }


def _scrambled(items: list, seed: str) -> list:
    """A fixed order that is never the answer: what a reader without JavaScript sees."""
    shuffled = list(items)
    rng = random.Random(seed)
    for _ in range(20):
        rng.shuffle(shuffled)
        if shuffled != items:
            break
    if shuffled == items:
        shuffled = items[1:] + items[:1]
    return shuffled


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
