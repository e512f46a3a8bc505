"""The course's voice: trainee-facing text teaches and does not talk about its sources.

Pure (no MkDocs): finds the words of `voice-words.txt` in module pages (outside the 资料来源
section and footnotes), the home page, quiz files, the glossary and the diagrams' text, and
names each hit as `path:line`. Run it on files as a script while writing:
`./run voice docs/modules/satisfaction.md quizzes/satisfaction.yml`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from course import editions, glossary

ROOT = Path(__file__).resolve().parents[2]
WORDS = ROOT / "voice-words.txt"
SOURCES_HEADINGS = {"资料来源", "Sources"}  # a module page's sources section, per edition


@dataclass(frozen=True)
class Words:
    """The patterns that mark meta-talk, and the phrases blanked out before they are tried."""

    patterns: re.Pattern[str]
    allowed: re.Pattern[str] | None


@dataclass(frozen=True)
class Hit:
    """One piece of meta-talk: where it is and what it is."""

    path: str
    line: int
    found: str
    text: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: trainee text: expected the course's own voice, "
            f"found “{self.found}” in “{self.text}”"
        )


def load_words(path: Path = WORDS) -> Words:
    """The word list: one regular expression a line, `allow …` lines, `#` comments. A list
    for another language than Chinese (voice-words.en.txt) ignores case."""
    flags = 0 if path.name == WORDS.name else re.IGNORECASE
    patterns, allowed = [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("allow "):
            allowed.append(line.removeprefix("allow ").strip())
        else:
            patterns.append(line)
    return Words(
        re.compile("|".join(f"(?:{p})" for p in patterns), flags),
        re.compile("|".join(f"(?:{a})" for a in allowed), flags) if allowed else None,
    )


def scan_lines(path: str, lines: Iterable[tuple[int, str]], words: Words) -> list[Hit]:
    """Every hit in the numbered lines, one per pattern match."""
    hits = []
    for number, line in lines:
        text = words.allowed.sub(lambda m: "\0" * len(m[0]), line) if words.allowed else line
        for match in words.patterns.finditer(text):
            hits.append(Hit(path, number, match[0], line.strip()))
    return hits


def markdown_lines(source: str) -> Iterator[tuple[int, str]]:
    """A page's trainee text: all but the 资料来源 section, footnotes and HTML comments."""
    in_sources = in_footnote = in_comment = False
    for number, line in enumerate(source.splitlines(), 1):
        if line.startswith("## "):
            in_sources = line[3:].strip() in SOURCES_HEADINGS
        if re.match(r"\[\^[^\]]+\]:", line):
            in_footnote = True
        elif in_footnote and line.strip() and not line.startswith((" ", "\t")):
            in_footnote = False
        if "<!--" in line:
            in_comment = "-->" not in line.split("<!--", 1)[1]
            line = re.sub(r"<!--.*?(-->|$)", "", line)
        elif in_comment:
            in_comment = "-->" not in line
            continue
        if not (in_sources or in_footnote):
            yield number, line


def data_lines(source: str) -> Iterator[tuple[int, str]]:
    """A YAML or SVG file's lines, less whole-line YAML comments and XML comments."""
    in_comment = False
    for number, line in enumerate(source.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        if in_comment or "<!--" in line:
            in_comment = "-->" not in line
            continue
        yield number, line


def trainee_files(root: Path = ROOT, language: str = "zh") -> list[Path]:
    """Every file whose text a trainee reads, in the edition of `language`."""
    docs = root / ("docs" if language == "zh" else f"docs-{language}")
    return [
        docs / "index.md",
        *sorted((docs / "modules").glob("*.md")),
        *sorted((root / "quizzes").glob("*.yml")),
        root / editions.for_language(glossary.GLOSSARY, language),
        *sorted((docs / "assets" / "diagrams").glob("*.svg")),
    ]


def words_file(root: Path, language: str) -> Path:
    """The word list of an edition: voice-words.txt (Chinese), voice-words.<language>.txt."""
    return root / editions.for_language(WORDS.name, language)


def check(files: Iterable[Path], root: Path = ROOT, words: Words | None = None) -> list[Hit]:
    """Every hit in these files, with repository-relative paths."""
    words = words or load_words(root / "voice-words.txt")
    hits = []
    for path in files:
        source = path.read_text(encoding="utf-8")
        lines = markdown_lines(source) if path.suffix == ".md" else data_lines(source)
        name = path.resolve().relative_to(root.resolve()).as_posix()
        hits += scan_lines(name, lines, words)
    return hits


if __name__ == "__main__":
    found = check([Path(a) for a in sys.argv[1:]] or trainee_files())
    print("\n".join(map(str, found)) or "no meta-talk")
    print(f"{len(found)} hits", file=sys.stderr)
    sys.exit(1 if found else 0)
