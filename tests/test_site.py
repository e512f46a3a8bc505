"""Layer 3: the real course built with `mkdocs build --strict`, and a broken project that
must stop the build with every problem listed and no traceback."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import BASE_PATH, ROOT, Project, build
from quiz.model import load_quiz
from quiz.question_types import Matching, Multiple, Ordering, Single, TrueFalse

QUIZ_FILES = sorted((ROOT / "quizzes").glob("*.yml"))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class Loads(HTMLParser):
    """Every URL a page makes the browser fetch by itself (not links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in (
            "script",
            "img",
            "iframe",
            "frame",
            "source",
            "video",
            "audio",
            "embed",
            "track",
            "input",
        ):
            self.urls += [attrs[k] for k in ("src", "poster") if attrs.get(k)]
            if attrs.get("srcset"):
                self.urls += [part.split()[0] for part in attrs["srcset"].split(",")]
        if (
            tag == "link"
            and attrs.get("href")
            and not {"canonical", "alternate"} & set((attrs.get("rel") or "").split())
        ):
            self.urls.append(attrs["href"])
        if tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])
        if attrs.get("style"):
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs["style"])


def foreign(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or url.startswith("//")


def test_the_course_builds_strictly(site):
    assert (site / "index.html").exists()
    assert (site / "modules" / "four-p-to-four-c" / "index.html").exists()
    assert (site / "progress" / "index.html").exists()


def test_no_page_loads_anything_from_another_host(site):
    offenders = {}
    for page in pages(site):
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        bad = [url for url in parser.urls if foreign(url)]
        if bad:
            offenders[str(page.relative_to(site))] = bad
    assert not offenders
    for css in site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        assert not [u for u in urls if foreign(u)], css
    for svg in site.rglob("*.svg"):
        assert not re.search(r"(href|src)=\"(https?:)?//", svg.read_text(encoding="utf-8")), svg


def test_a_build_without_a_published_address_names_no_address_of_its_own(tmp_path, site):
    """Without SITE_URL no page links to the loopback default of site_url (a copy of site/ on
    another host would point phones at the laptop); with it, pages keep canonical links."""
    local = tmp_path / "site"
    assert build(ROOT, local).returncode == 0
    linked = {
        str(page.relative_to(local)): re.findall(
            r'(?:href|src)="(https?://(?:127\.0\.0\.1|localhost)[:/][^"]*)"',
            page.read_text(encoding="utf-8"),
        )
        for page in pages(local)
    }
    assert not {page: urls for page, urls in linked.items() if urls}
    assert "127.0.0.1:8000/service-course/modules/" in (local / "sitemap.xml").read_text("utf-8")
    published = (site / "modules" / "four-p-to-four-c" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<link rel="canonical" href="http://127\.0\.0\.1:\d+/service-course/'
        r'modules/four-p-to-four-c/">',
        published,
    )


def test_the_foreign_host_check_can_fail():
    parser = Loads()
    parser.feed(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<link rel="canonical" href="https://example.org/">'
        '<img src="//cdn.example.com/x.png"><script src="assets/x.js"></script>'
    )
    assert [u for u in parser.urls if foreign(u)] == [
        "https://fonts.googleapis.com/css",
        "//cdn.example.com/x.png",
    ]


def test_pages_use_system_fonts_and_no_google_fonts(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    [css] = (site / "assets").glob("course.*.min.css")
    assert "PingFang SC" in css.read_text(encoding="utf-8")


def test_quiz_assets_are_cacheable_files_loaded_once_not_inline(site):
    html = (site / "modules" / "four-p-to-four-c" / "index.html").read_text(encoding="utf-8")
    # Preloaded where the page ends, and started by the loader after the first paint: the
    # course's scripts (course.js and the quiz client, one file per concern) joined into one.
    [client] = re.findall(
        r'<link rel="preload" as="script" fetchpriority="low" '
        r'href="\.\./\.\./(assets/client\.[0-9a-f]+\.min\.js)">',
        html,
    )
    listed = re.search(
        r"^extra_javascript:\n((?:  - .*\n)+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M
    )
    sources = []
    for name in re.findall(r"  - (\S+)", listed[1]):
        stem, _ = name.rsplit(".", 1)
        [minified] = site.glob(f"{stem}.*.min.js")
        sources.append(minified.read_text(encoding="utf-8"))
    assert len(sources) >= 2
    assert (site / client).read_text(encoding="utf-8") == "\n;".join(sources)
    [style] = (site / "assets" / "quiz").glob("quiz.*.min.css")
    # The quiz's stylesheet ships joined with the other small ones (see the next test).
    [joined] = re.findall(r'href="\.\./\.\./(assets/stylesheets/extra\.[0-9a-f]+\.min\.css)"', html)
    assert style.read_text(encoding="utf-8") in (site / joined).read_text(encoding="utf-8")
    assert not (site / "assets" / "quiz" / "quiz.js").exists()  # only the hashed name ships
    assert "print-site" not in html  # the print page's files stay on the print page
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    named = [body.replace(client, "") for body in inline]  # the loader's list
    assert not any("quiz" in body for body in named)


def test_every_page_but_the_print_page_links_two_stylesheets(site):
    """Material's, and one file joining the small ones in the order pages linked them:
    Material's palette, the site's, the quiz's (hooks/speed/payload.py)."""
    assets = site / "assets"
    small = [
        *(assets / "stylesheets").glob("palette.*.min.css"),
        *assets.glob("course.*.min.css"),
        *(assets / "quiz").glob("quiz.*.min.css"),
    ]
    joined = "\n".join(css.read_text(encoding="utf-8") for css in small)
    for page in pages(site):
        if page.parent.name == "print_page":
            continue
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text("utf-8"))
        assert [Path(link).name.split(".")[0] for link in links] == ["main", "extra"], page
        extra = (
            site / links[1].removeprefix(BASE_PATH)
            if links[1].startswith("/")
            else page.parent / links[1]
        )  # 404.html links from the site's root
        assert extra.read_text(encoding="utf-8") == joined, page


def test_every_page_but_the_print_page_starts_its_scripts_after_the_first_paint(site):
    """hooks/speed/first_paint.py: the two scripts (Material's, the course's joined) are
    preloaded and then added by the loader, in Material's order; the service worker keeps them
    for offline use."""
    names = ["bundle", "client"]
    for page in pages(site):
        html = page.read_text("utf-8")
        if page.parent.name == "print_page":  # its own code needs them by DOMContentLoaded
            assert "<script defer" in html and '<link rel="preload"' not in html
            continue
        assert "<script defer" not in html, page
        preloads = re.findall(r'<link rel="preload" as="script" [^>]*href="([^"]+)"', html)
        assert [Path(src).name.split(".")[0] for src in preloads] == names, page
        [listed] = re.findall(r"\}\)\((\[[^\]]+\])\);</script>", html)
        assert json.loads(listed) == preloads, page
    worker = (site / "sw.js").read_text(encoding="utf-8")
    [precache] = re.findall(r"const PRECACHE = (\[.*?\]);", worker)
    assert [
        Path(src).name.split(".")[0] for src in json.loads(precache) if src.endswith(".js")
    ] == [*names, *ON_REQUEST]  # and what pages load only when asked (course.js, quiz.js)


# Scripts a page loads when first needed: the classroom stage, the journey's pages' own
# scripts and the QR code library (transfer.js).
ON_REQUEST = ["stage", "notebook", "exam", "certificate", "transfer", "qrcode-generator-2"]


def test_every_diagram_has_the_size_of_its_svg(site):
    """hooks/speed/image_sizes.py: the browser keeps an image's space before the file arrives."""
    seen = 0
    for page in pages(site):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text("utf-8")):
            [src] = re.findall(r'src="([^"]+)"', tag)
            svg = (page.parent / src).resolve()
            if not src.endswith(".svg") or "://" in src or not svg.is_file():
                continue
            box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg.read_text(encoding="utf-8"))
            assert f'width="{box[1]}" height="{box[2]}"' in tag, (page, tag)
            seen += 1
    assert seen >= len(list((site / "assets" / "diagrams").glob("*.svg")))


def test_material_does_not_mount_the_palette_component(site):
    """course.js runs the colour toggle: Material's component restyles the whole page as it
    starts (see overrides/partials/palette.html)."""
    html = (site / "modules" / "four-p-to-four-c" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="palette"' not in html
    assert html.count('name="__palette"') == 3 and "data-course-palette" in html


def test_chinese_headings_get_readable_anchors(site):
    html = (site / "modules" / "four-p-to-four-c" / "index.html").read_text(encoding="utf-8")
    assert 'id="学习目标"' in html and 'id="自测"' in html
    assert not re.search(r'<h2 id="_\d+"', html)


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.name)
def test_every_quiz_file_is_consistent_and_rendered_as_written(site, path):
    loaded = load_quiz(path, f"quizzes/{path.name}")
    assert not isinstance(loaded, list), "\n".join(map(str, loaded))
    html = next(
        p.read_text(encoding="utf-8")
        for p in pages(site)
        if f'data-quiz="{loaded.quiz.id}"' in p.read_text(encoding="utf-8")
    )
    for question in loaded.quiz.questions:
        block = re.search(
            rf'<fieldset[^>]* data-question="{question.id}".*?</fieldset>', html, re.S
        )
        assert block, question.id
        block = block[0]
        if isinstance(question, (Single, Multiple)):
            want = [str(i) for i, o in enumerate(question.options) if o.correct]
            assert re.findall(r'data-key="(\d+)" data-correct', block) == want
            assert ('type="checkbox"' in block) == isinstance(question, Multiple)
        elif isinstance(question, TrueFalse):
            assert re.findall(r'data-key="(\d+)" data-correct', block) == [
                "0" if question.answer else "1"
            ]
        elif isinstance(question, Ordering):
            keys = re.findall(r'<li class="quiz__order-item" data-key="(\d+)"', block)
            assert sorted(keys, key=int) == [str(i) for i in range(len(question.items))]
            assert keys != sorted(keys, key=int)
        elif isinstance(question, Matching):
            assert len(re.findall(r'<div class="quiz__pair"', block)) == len(question.pairs)
        assert 'class="quiz__ref"><a href="#' in block, f"{question.id}: ref did not resolve"


def test_search_index_holds_no_answers_or_feedback(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(doc["text"] for doc in index["docs"]).replace("\u200b", "")
    assert "quiz__" not in text
    for marker in ("查看答案", "正确答案：", "回到课文："):
        assert marker not in text
    lessons = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    leaks = []
    for path in QUIZ_FILES:
        for question in load_quiz(path).quiz.questions:
            secrets = [question.explanation["zh"]]
            if isinstance(question, (Single, Multiple)):
                secrets += [o.feedback["zh"] for o in question.options if o.feedback]
            # a sentence the lesson itself says may be found; the quiz's own words may not
            leaks += [
                s for s in secrets if len(s) > 12 and s[:40] in text and s[:40] not in lessons
            ]
    assert not leaks


def test_search_splits_chinese_into_words(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(doc["text"] for doc in index["docs"])
    assert text.count("\u200b") > 1000  # jieba put word breaks into the Chinese text


def test_a_broken_project_stops_with_every_problem_and_no_traceback(tmp_path):
    root = tmp_path / "broken"
    project = Project(root, template=ROOT / "tests" / "fixtures" / "broken")
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    expected = [
        "docs/index.md:3: quiz marker: expected the name of a quiz file in quizzes/, found "
        "'missing-quiz'",
        "quizzes/typo.yml:5: questions[0].id: expected a question id unique across "
        "quizzes, found 'typo-single', already used in quizzes/duplicate-ids.yml:5",
        "quizzes/orphan.yml:1: id: expected the quiz on one page (a line <!-- quiz: orphan --> "
        "in docs/), found it on none",
        "quizzes/orphan.yml:8: questions[0].items[2]: expected each item once, found '一' again "
        "(also items[0])",
        "quizzes/syntax.yml:3: yaml: expected valid YAML, found a syntax error (while parsing a "
        "flow sequence, did not find expected ',' or ']')",
        "quizzes/typo.yml:3: pass_mark: expected a whole number from 1 to 100, found the number 180",
        "quizzes/typo.yml:8: questions[0].options: expected exactly one correct option, found 0",
        "quizzes/typo.yml:10: questions[0].options[0].corect: expected one of the keys text, "
        "correct, feedback, found unknown key 'corect' (did you mean 'correct'?)",
    ]
    for line in expected:
        assert line in output, f"missing: {line}\n---\n{output}"
    assert "problems in quizzes/ (listed above); the site was not built" in output
    assert not (root / "site" / "index.html").exists()


def test_a_ref_to_no_heading_stops_a_real_build(project):
    from test_quiz_model import VALID

    project.page("index.md", "# 首页\n")
    project.page("modules/demo.md", "# 演示\n\n## 四个 P\n\n## 四个 C\n\n<!-- quiz: demo -->\n")
    project.quiz("demo", VALID.replace("ref: 四个 P", "ref: 四个 Q", 1))
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert (
        "quizzes/demo.yml:14: questions[0].ref: expected a heading of docs/modules/demo.md "
        "(its text or its anchor), found '四个 Q'" in output
    )


def test_strict_build_fails_without_jieba(project, tmp_path, monkeypatch):
    project.page("index.md", "# 首页\n")
    blocker = tmp_path / "no-jieba"
    blocker.mkdir()
    (blocker / "jieba.py").write_text("raise ImportError('jieba hidden for this test')\n")
    monkeypatch.setenv("PYTHONPATH", str(blocker))
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "jieba is not installed: search cannot split Chinese into words" in output
    assert "Aborted with 1 warnings in strict mode" in output
