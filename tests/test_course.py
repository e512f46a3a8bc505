"""The course as a whole: every module has its sections, a quiz that meets the counts, its
tooltips, a lesson plan and a place in the learning path, the dashboard and the answer key."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from conftest import ROOT
from quiz.model import load_quiz
from quiz.question_types import Multiple, Single, TrueFalse

# The module plan (../shared/course/README.md), in teaching order.
MODULES = [
    "service-mindset",
    "why-customers-leave",
    "loyalty-pathways",
    "four-p-to-four-c",
    "service-models",
    "service-tiers",
    "complaint-handling",
    "satisfaction",
    "prospects",
    "loyalty-management",
    "key-accounts",
    "membership",
]
SECTIONS = ["学习目标", "案例", "要点回顾", "课堂练习", "自测", "资料来源"]
GLOSSARY = yaml.safe_load((ROOT / "glossary.yml").read_text(encoding="utf-8"))


def module_source(slug: str) -> str:
    return (ROOT / "docs" / "modules" / f"{slug}.md").read_text(encoding="utf-8")


def built(site: Path, slug: str) -> str:
    return (site / "modules" / slug / "index.html").read_text(encoding="utf-8")


def test_every_module_of_the_plan_exists_and_nothing_else():
    assert sorted(p.stem for p in (ROOT / "docs" / "modules").glob("*.md")) == sorted(MODULES)
    assert sorted(p.stem for p in (ROOT / "quizzes").glob("*.yml")) == sorted(MODULES)


@pytest.mark.parametrize("slug", MODULES)
def test_module_page_has_the_required_sections_in_order(slug):
    source = module_source(slug)
    front = re.match(r"---\n(.*?)\n---\n", source, re.S)
    assert front and yaml.safe_load(front[1]).get("description"), "front matter description"
    headings = re.findall(r"^## (.+?)\s*$", source, re.M)
    positions = [headings.index(s) for s in SECTIONS]  # raises if one is missing
    assert positions == sorted(positions), headings
    assert positions[0] == 0, "学习目标 comes first"
    lesson = headings[1 : positions[1]]
    assert len(lesson) >= 2, "the lesson is in sections between 学习目标 and 案例"
    quiz_section = source.split("## 自测", 1)[1].split("\n## ", 1)[0]
    assert f"<!-- quiz: {slug} -->" in quiz_section
    objectives = source.split("## 学习目标", 1)[1].split("\n## ", 1)[0]
    assert 3 <= len(re.findall(r"^- ", objectives, re.M)) <= 5


@pytest.mark.parametrize("slug", MODULES)
def test_module_quiz_meets_the_counts(slug):
    quiz = load_quiz(ROOT / "quizzes" / f"{slug}.yml").quiz
    assert quiz.id == slug
    assert len(quiz.questions) >= 10
    types = {q.type for q in quiz.questions}
    assert len(types) >= (5 if slug == "four-p-to-four-c" else 3), types
    scenarios = sum(q.scenario is not None for q in quiz.questions)
    assert scenarios >= 0.4 * len(quiz.questions), f"{scenarios} of {len(quiz.questions)}"
    for question in quiz.questions:
        assert question.ref and question.explanation
        if isinstance(question, (Single, Multiple)):
            wrong = [o for o in question.options if not o.correct]
            assert all(o.feedback for o in wrong), f"{question.id}: a wrong option has no feedback"
        if isinstance(question, TrueFalse):
            assert question.wrong_feedback, f"{question.id}: no wrong_feedback"


def section_of(source: str, title: str) -> str:
    return source.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("slug", MODULES)
def test_every_module_has_a_worked_case_or_situation(slug):
    cases = section_of(module_source(slug), "案例")
    told = re.search(
        r'^!!! example "案例：[^"]+"\n(?:\n|    .*\n)*    \*\*这个案例说明', cases, re.M
    )
    worked = re.search(
        r'^!!! question "练习情境：[^"]+"\n(?:\n|    .*\n)*    \?\?\? success "参考思路"',
        cases,
        re.M,
    )
    assert told or worked, "a case with its lesson, or a practice situation with 参考思路"


def test_commissioned_pictures_exist_with_text_alternatives():
    wanted = {
        "service-models": ["theatre", "servuction", "delivery"],
        "service-tiers": ["three-tiers"],
        "loyalty-pathways": ["map"],
        "four-p-to-four-c": ["mapping"],
        "why-customers-leave": ["reasons"],
    }
    for slug, names in wanted.items():
        source = module_source(slug)
        for name in names:
            svg = ROOT / "docs" / "assets" / "diagrams" / f"{slug}-{name}.svg"
            assert svg.exists(), svg
            text = svg.read_text(encoding="utf-8")
            assert "<title" in text and "viewBox" in text and "<desc" in text, svg
            alt = re.search(rf"!\[([^\]]+)\]\(\.\./assets/diagrams/{slug}-{name}\.svg\)", source)
            assert alt and len(alt[1]) >= 8, f"{svg.name}: no text alternative on the page"


class _Text(HTMLParser):
    """The article's running text outside headings, links, code, tooltips and quizzes."""

    SKIP = frozenset(
        {
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "a",
            "abbr",
            "code",
            "pre",
            "script",
            "style",
            "select",
            "summary",
        }
    )

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.text: list[str] = []
        self.abbrs: list[tuple[str, str]] = []
        self._abbr: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "hr", "meta", "link", "wbr", "source"):
            return
        attrs = dict(attrs)
        skip = tag in self.SKIP or "quiz" in (attrs.get("class") or "").split()
        self.stack.append((tag, skip))
        if tag == "abbr":
            self._abbr = attrs.get("title", "")

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "abbr":
            self._abbr = None

    def handle_data(self, data):
        if self._abbr is not None:
            self.abbrs.append((data, self._abbr))
        elif not any(skip for _, skip in self.stack):
            self.text.append(data)


def article(html: str) -> str:
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>")[0]


@pytest.mark.parametrize("slug", MODULES)
def test_every_glossary_term_in_the_text_is_a_tooltip(site, slug):
    parser = _Text()
    parser.feed(article(built(site, slug)))
    text = "".join(parser.text)
    words = {w: e["definition"] for e in GLOSSARY for w in [e["term"], *e.get("aliases", [])]}
    bare = [w for w in words if re.search(rf"(?<![A-Za-z0-9]){re.escape(w)}(?![A-Za-z0-9])", text)]
    assert not bare, f"terms without a tooltip: {bare}"
    for shown, title in parser.abbrs:
        assert words.get(shown) == title


def test_each_glossary_term_is_taught_where_it_says():
    for entry in GLOSSARY:
        words = [entry["term"], *entry.get("aliases", [])]
        assert any(w in module_source(entry["module"]) for w in words), entry["term"]


def test_the_learning_path_lists_all_twelve_modules_in_order(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="course-path__link" href="([^"]+)">', home)
    assert links == [f"modules/{slug}/" for slug in MODULES]


def test_the_dashboard_tracks_all_twelve_quizzes(site):
    page = (site / "progress" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-course-quiz="([^"]+)"', page) == MODULES
    for slug in MODULES:
        quiz = load_quiz(ROOT / "quizzes" / f"{slug}.yml").quiz
        row = re.search(rf'data-course-quiz="{slug}"[^>]*data-total="(\d+)"', page)
        assert int(row[1]) == len(quiz.questions)


# --- The trainer section ----------------------------------------------------------------------


def test_every_module_has_a_lesson_plan_in_the_trainer_section(site):
    for slug in MODULES:
        plan = ROOT / "docs" / "trainer" / f"{slug}.md"
        assert plan.exists(), f"no lesson plan for {slug}"
        text = plan.read_text(encoding="utf-8")
        for section in (
            "教学目标",
            "60 分钟流程",
            "讨论问题",
            "角色扮演与练习",
            "学员常见错误",
            "资料说明",
        ):
            assert f"## {section}" in text, f"{plan.name}: no {section}"
        assert f"(../modules/{slug}.md)" in text
    index = (site / "trainer" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a class="course-path__link" href="([^/"]+)/">', index) == MODULES


def test_lesson_plan_timings_fill_sixty_minutes():
    for slug in MODULES:
        table = (ROOT / "docs" / "trainer" / f"{slug}.md").read_text(encoding="utf-8")
        table = table.split("## 60 分钟流程", 1)[1].split("\n## ", 1)[0]
        spans = re.findall(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*分钟", table, re.M)
        assert spans and int(spans[-1][1]) == 60, f"{slug}: {spans}"


def test_a_module_without_a_lesson_plan_stops_the_build(project):
    project.page("index.md", "# 首页\n")
    project.page("modules/demo.md", "# 演示\n")
    result = project.build()  # Project writes missing plans; take this one away again
    assert result.returncode == 0, result.stdout + result.stderr
    (project.root / "docs" / "trainer" / "demo.md").unlink()
    from conftest import build

    result = build(project.root, project.root / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert (
        "docs/modules/demo.md:1: lesson plan: expected a lesson plan at "
        "docs/trainer/demo.md, found none" in output
    )


def test_the_answer_key_holds_every_question_with_its_answer(site):
    key = (site / "trainer" / "answer-key" / "index.html").read_text(encoding="utf-8")
    items = dict(
        re.findall(
            r'id="key-([^"]+)">(.*?)(?=<li class="answer-key__question"|</ol>\s*'
            r"(?:<h2|</article|<nav))",
            key,
            re.S,
        )
    )
    for slug in MODULES:
        quiz = load_quiz(ROOT / "quizzes" / f"{slug}.yml").quiz
        for question in quiz.questions:
            assert question.id in items, f"{question.id} missing from the answer key"
            body = items[question.id]
            assert "正确答案：" in body
            assert f'href="../../modules/{slug}/#' in body, f"{question.id}: no link to its section"
            if isinstance(question, (Single, Multiple)):
                for option in question.options:
                    if option.correct:
                        assert str(escape(option.text["zh"])) in body.split("</div>")[0]
    assert not (ROOT / "docs" / "trainer" / "answer-key.md").exists()  # generated, not written
