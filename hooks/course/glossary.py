"""The glossary: `glossary.yml` checked like a quiz file, its page, and tooltips in the text.

Every term (and alias) becomes an `<abbr title="definition">` wherever it appears in the course
text, whose definition docs/assets/course.js shows on tap (Material's `content.tooltips` is off:
see mkdocs.yml). Python-Markdown's own `abbr`
extension cannot do this for Chinese: it wraps terms in `\\b…\\b`, and between two Chinese
characters there is no word boundary, so a term inside a sentence would never match.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from authoring.problems import Problem, read_yaml, validated
from course.strings import Strings

Term = Annotated[str, Field(min_length=1, max_length=40)]
GLOSSARY = "glossary.yml"  # the Chinese edition's; another's is glossary.<language>.yml


class Entry(BaseModel):
    """One glossary term."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    term: Term
    aliases: list[Term] = []
    en: str | None = None  # the English name, in the Chinese glossary
    zh: str | None = None  # the Chinese term, in another language's glossary
    definition: str = Field(min_length=1, max_length=200)
    module: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")


def load_glossary(path: Path, display: str, modules: set[str]) -> list[Entry] | list[Problem]:
    """Check glossary.yml: its entries, or every problem (unknown module, repeated term …)."""
    source = read_yaml(path, display)
    entries, problems = validated(source, _ENTRIES.validate_python, list(Entry.model_fields))
    if entries is None:
        return problems
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.module not in modules:
            problems.append(
                Problem(
                    display,
                    source.lines.get((index, "module"), 1),
                    f"[{index}].module",
                    f"expected a module in docs/modules/ "
                    f"({', '.join(sorted(modules))}), found '{entry.module}'",
                )
            )
        for word in (entry.term, *entry.aliases):
            if word in seen:
                problems.append(
                    Problem(
                        display,
                        source.lines.get((index,), 1),
                        f"[{index}].term",
                        f"expected each term once, found '{word}' again (also [{seen[word]}])",
                    )
                )
            seen.setdefault(word, index)
    return sorted(set(problems)) or entries


def untranslated(chinese: list[Entry], entries: list[Entry], display: str) -> list[Problem]:
    """Every Chinese term another language's glossary has no entry for (by its `zh`)."""
    have = {e.zh for e in entries}
    return [
        Problem(
            display,
            1,
            "zh",
            f"expected an entry whose zh is '{e.term}' (glossary.yml [{index}]), found none",
        )
        for index, e in enumerate(chinese)
        if e.term not in have
    ]


def misnamed(
    chinese: list[Entry], path: Path, display: str, entries: list[Entry], other: str
) -> list[Problem]:
    """Every Chinese entry (of glossary.yml at `path`) whose English name is not one the other
    language's glossary (`other`) gives that term: its term or an alias, in any case. An acronym's (4P,
    MAN) English name may spell it out instead."""
    names: dict[str, set[str]] = {}
    for e in entries:
        names.setdefault(e.zh or "", set()).update(w.casefold() for w in (e.term, *e.aliases))
    lines = read_yaml(path, display).lines
    return [
        Problem(
            display,
            lines.get((index, "en"), 1),
            f"[{index}].en",
            f"expected a name {other} gives {e.term} "
            f"({', '.join(sorted(names[e.term]))}), found '{e.en}'",
        )
        for index, e in enumerate(chinese)
        if e.en
        and e.term in names
        and not e.term.isascii()
        and e.en.casefold() not in names[e.term]
    ]


def glossary_markdown(entries: list[Entry], titles: dict[str, str], strings: Strings) -> str:
    """The 术语表 page, grouped by the module that teaches each term, in `titles` order."""
    t = strings.text
    out = [strings.page("glossary")]
    for slug, title in titles.items():
        group = [e for e in entries if e.module == slug]
        if not group:
            continue
        out.append(f"## {title}\n\n{t('glossary.see_module')}[{title}](modules/{slug}.md)\n")
        for entry in group:
            out.append(f"### {entry.term}\n\n{entry.definition}\n")
            extra = [f"{t('glossary.english')}{entry.en}"] if entry.en else []
            if entry.zh:
                extra.append(f"{t('glossary.chinese')}{entry.zh}")
            if entry.aliases:
                extra.append(t("glossary.also") + t("glossary.list_separator").join(entry.aliases))
            if extra:
                out.append(t("glossary.separator").join(extra) + "\n")
    return "\n".join(out)


class GlossaryExtension(AbbrExtension):
    """Python-Markdown extension: wrap every glossary term in the text in `<abbr>`."""

    def __init__(self, entries: list[Entry]):
        super().__init__()
        self.terms = {w: e.definition for e in entries for w in (e.term, *e.aliases)}

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_TermProcessor(md, dict(self.terms)), "glossary", 7)


class _TermProcessor(AbbrTreeprocessor):
    """AbbrTreeprocessor with boundaries that work in Chinese, skipping headings and links."""

    def run(self, root: Element) -> None:
        if not self.abbrs:
            return
        words = sorted(self.abbrs, key=len, reverse=True)
        # A Latin term (4P) must not match inside a longer Latin word (4PS); Chinese has no
        # such boundary, so Chinese terms match anywhere.
        self.RE = re.compile(
            f"(?<![A-Za-z0-9])(?:{'|'.join(map(re.escape, words))})(?![A-Za-z0-9])"
        )
        self.iter_element(root)

    def iter_element(self, el: Element, parent: Element | None = None) -> None:
        # As AbbrTreeprocessor.iter_element, but the inside of a heading, link or code is left
        # alone (its tail, the text after it, is still searched).
        if el.tag not in SKIP:
            for child in reversed(el):
                self.iter_element(child, el)
            if el.text and not isinstance(el.text, AtomicString):
                el.text = self._wrap(el.text, el, 0)
        if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
            el.tail = self._wrap(el.tail, parent, list(parent).index(el) + 1)

    def _wrap(self, text: str, holder: Element, index: int) -> str:
        """Insert an <abbr> into `holder` at `index` for each term in `text`; return the rest."""
        for match in reversed(list(self.RE.finditer(text))):
            word = match.group(0)
            holder.insert(index, self.create_element(self.abbrs[word], word, text[match.end() :]))
            text = text[: match.start()]
        return text


# --- Data -------------------------------------------------------------------------------------

_ENTRIES = TypeAdapter(list[Entry])
SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "script", "style"}
