"""The translators' check (issue 15): `python notes/issue-15/check.py <slug>` from the top.

Compares docs-en/modules/<slug>.md, docs-en/trainer/<slug>.md and docs-en/assets/diagrams/
<slug>-*.svg with the Chinese originals (structure, anchors, Chinese left) and prints every
problem. While the quizzes were being translated it also compared a bilingual staging copy
(notes/issue-15/quizzes/, since moved into quizzes/); the build and tests/test_editions.py now
check the quizzes' English.
"""

import re
import sys
from pathlib import Path

import yaml
from pymdownx.slugs import slugify

ROOT = Path(__file__).resolve().parents[2]
slug_of = slugify(case="lower")
CJK = re.compile(r"[\u3400-\u9fff]+")
problems: list[str] = []


def headings(text: str) -> list[tuple[int, str]]:
    out, fence = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        m = None if fence else re.match(r"(#{1,6})\s+(.*?)\s*(\{.*\})?$", line)
        if m:
            out.append((len(m.group(1)), m.group(2)))
    return out


def anchors(text: str) -> set[str]:
    out = set()
    for _, h in headings(text):
        plain = re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", h))
        out.add(slug_of(plain, "-"))
    out |= set(re.findall(r"\{#([^} ]+)", text))
    return out


def count(pattern: str, text: str) -> int:
    return len(re.findall(pattern, text, re.M))


def compare_page(kind: str, slug: str) -> None:
    zh_path, en_path = ROOT / "docs" / kind / f"{slug}.md", ROOT / "docs-en" / kind / f"{slug}.md"
    if not en_path.exists():
        problems.append(f"{en_path}: missing")
        return
    zh, en = zh_path.read_text(), en_path.read_text()
    zh_levels = [lvl for lvl, _ in headings(zh)]
    en_levels = [lvl for lvl, _ in headings(en)]
    if zh_levels != en_levels:
        problems.append(f"{en_path}: heading levels differ: zh {zh_levels} / en {en_levels}")
    for what, pat in [
        ("admonitions", r"^\s*(!!!|\?\?\?)"),
        ("table rows", r"^\|"),
        ("images", r"!\["),
        ("footnote definitions", r"^\[\^[^\]]+\]:"),
        ("quiz markers", r"<!-- quiz:"),
        ("list items", r"^\s*([-*]|\d+\.)\s"),
        ("front matter keys", r"^(description|search|exclude|hide):"),
    ]:
        a, b = count(pat, zh), count(pat, en)
        if a != b:
            problems.append(f"{en_path}: {what}: zh has {a}, en has {b}")
    for m in re.finditer(r"\]\(([^)\s]*)\)", en):
        target = m.group(1)
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, frag = target.partition("#")
        page = en_path if not path else (en_path.parent / path).resolve()
        if path and not page.exists():
            zh_twin = Path(str(page).replace("/docs-en/", "/docs/"))
            if not zh_twin.exists():
                problems.append(f"{en_path}: link to a missing file: {target}")
            continue
        if frag and page.suffix == ".md" and frag not in anchors(page.read_text()):
            problems.append(f"{en_path}: link {target}: no heading with anchor #{frag} there")
    left = sorted(set(CJK.findall(en)))
    if left:
        print(f"note {en_path.name} ({kind}): Chinese kept (check each is intended): {left}")


TEXT_KEYS = {
    "title",
    "description",
    "text",
    "scenario",
    "feedback",
    "wrong_feedback",
    "explanation",
    "left",
    "right",
    "ref",
}


def compare_quiz(slug: str, module_en: Path) -> None:
    zh_path, en_path = (
        ROOT / "quizzes" / f"{slug}.yml",
        ROOT / "notes/issue-15/quizzes" / f"{slug}.yml",
    )
    if not en_path.exists():
        problems.append(f"{en_path}: missing")
        return
    zh, bi = yaml.safe_load(zh_path.read_text()), yaml.safe_load(en_path.read_text())
    heads = {h for _, h in headings(module_en.read_text())} if module_en.exists() else set()
    ids = anchors(module_en.read_text()) if module_en.exists() else set()

    def walk(a, b, where):
        if isinstance(a, dict):
            if not isinstance(b, dict) or set(a) != set(b):
                problems.append(
                    f"{en_path}: {where}: keys differ: {sorted(a)} / {sorted(b) if isinstance(b, dict) else b!r}"
                )
                return
            for k in a:
                if k in TEXT_KEYS:
                    walk_text(a[k], b[k], f"{where}.{k}")
                elif k == "items":
                    walk_items(a[k], b[k], f"{where}.{k}")
                else:
                    walk(a[k], b[k], f"{where}.{k}")
        elif isinstance(a, list):
            if not isinstance(b, list) or len(a) != len(b):
                problems.append(f"{en_path}: {where}: list length differs")
                return
            for i, (x, y) in enumerate(zip(a, b)):
                walk(x, y, f"{where}[{i}]")
        elif a != b:
            problems.append(f"{en_path}: {where}: {a!r} changed to {b!r}")

    def walk_items(a, b, where):
        if not isinstance(b, list) or len(a) != len(b):
            problems.append(f"{en_path}: {where}: list length differs")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            walk_text(x, y, f"{where}[{i}]")

    def walk_text(a, b, where):
        if not isinstance(b, dict) or set(b) != {"zh", "en"}:
            problems.append(f"{en_path}: {where}: expected {{zh: …, en: …}}, found {b!r:.60}")
            return
        if b["zh"] != a:
            problems.append(f"{en_path}: {where}.zh: differs from the Chinese file")
        if not isinstance(b["en"], str) or not b["en"].strip():
            problems.append(f"{en_path}: {where}.en: empty")
        elif where.endswith(".ref") and b["en"] not in heads and b["en"].lstrip("#") not in ids:
            problems.append(f"{en_path}: {where}.en: {b['en']!r} is no heading of {module_en.name}")
        elif CJK.search(b["en"]):
            print(f"note {where}.en keeps Chinese: {CJK.findall(b['en'])}")

    walk(zh, bi, slug)


def compare_svgs(slug: str) -> None:
    for zh_svg in sorted((ROOT / "docs/assets/diagrams").glob(f"{slug}-*.svg")):
        en_svg = ROOT / "docs-en/assets/diagrams" / zh_svg.name
        if not en_svg.exists():
            problems.append(f"{en_svg}: missing")
            continue
        a, b = zh_svg.read_text(), en_svg.read_text()
        na, nb = count(r"<text\b", a), count(r"<text\b", b)
        if na != nb and "<tspan" not in b:
            print(f"note {en_svg.name}: {na} text elements in zh, {nb} in en")
        left = CJK.findall(re.sub(r'font-family="[^"]*"', "", b))
        if left:
            problems.append(f"{en_svg}: Chinese left: {left}")
        if 'role="img"' not in b or "<title" not in b or "<desc" not in b:
            problems.append(f"{en_svg}: keep role=img, <title> and <desc>")


if __name__ == "__main__":
    slug = sys.argv[1]
    compare_page("modules", slug)
    compare_page("trainer", slug)
    if (ROOT / "notes/issue-15/quizzes" / f"{slug}.yml").exists():
        compare_quiz(slug, ROOT / "docs-en/modules" / f"{slug}.md")
    compare_svgs(slug)
    print("\n".join(problems) or f"{slug}: no problems found")
    sys.exit(1 if problems else 0)
