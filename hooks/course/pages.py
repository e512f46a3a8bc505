"""The pages that tie the course together, filled in from the navigation and the quizzes.

Markers `<!-- course: KIND [ARG] -->` in a page are replaced once every page is rendered:
the learning path and progress dashboard (every module in `nav:` order, with its quiz), the
trainer's list of lesson plans, the answer key (generated from the quiz files, never written
into docs/), the QR codes trainees scan to open the course, and the trainee's journey past the
module quizzes: the 错题本 (every question, for the notebook to retry), the final exam (its
pool, answers hashed: quiz/exam.py), the certificate, and moving progress to another phone.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from authoring.problems import Problem
from course.strings import COURSE, Strings, load_strings
from quiz.exam import encode_review, exam_question
from quiz.model import question_hash
from quiz.render import page_links, quiz_view

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def generated_pages(titles: dict[str, str], strings: Strings) -> dict[str, str]:
    """Pages the build adds to docs/ (never written to disk), by their path in docs/."""
    key = [strings.page("answer_key")]
    for number, (slug, title) in enumerate(titles.items(), 1):
        heading = strings.text("answer_key.module", number=number, title=title)
        key.append(f"## {heading}\n\n<!-- course: answer-key {slug} -->\n")
    return {
        PROGRESS_PAGE: strings.page("progress"),
        ANSWER_KEY_PAGE: "\n".join(key),
        NOTEBOOK_PAGE: strings.page("notebook"),
        EXAM_PAGE: strings.page("exam"),
        CERTIFICATE_PAGE: strings.page("certificate"),
    }


def missing_lesson_plans(docs: Path, titles: dict[str, str]) -> list[Problem]:
    """Every module needs a lesson plan in the trainer section."""
    return [
        Problem(
            f"docs/{MODULE_DIR}{slug}.md",
            1,
            "lesson plan",
            f"expected a lesson plan at docs/{TRAINER_DIR}{slug}.md, found none",
        )
        for slug in titles
        if not (docs / TRAINER_DIR / f"{slug}.md").exists()
    ]


def render_markers(content: str, page: Page, config: MkDocsConfig, build: Any) -> str:
    """Replace every `<!-- course: … -->` marker in a rendered page."""
    macros = build.env(config).get_template("partials/course.html").module
    journey = build.env(config).get_template("partials/journey.html").module

    def replace(match: re.Match) -> str:
        kind, arg = match["kind"], match["arg"]
        if kind in ("learning-path", "dashboard", "lesson-plans"):
            listed = macros.modules(_modules(build, page), kind, _url(build, page, PROGRESS_PAGE))
            if kind == "learning-path":
                listed += journey.summary(_journey_urls(build, page), False)
            return str(listed)
        if kind == "journey":
            return str(journey.summary(_journey_urls(build, page), True))
        if kind == "notebook":
            return str(journey.notebook(_every_question(build, page, config)))
        if kind == "exam":
            return str(journey.exam(_exam(build, page, config)))
        if kind == "certificate":
            return str(journey.certificate(_certificate(build, page, config)))
        if kind == "transfer":
            return str(journey.transfer())
        if kind == "answer-key":
            return str(macros.answer_key(_answer_key(build, page, arg, config)))
        if kind == "join":
            return str(macros.join(_join_codes(config, build.strings(config))))
        return match[0]

    return MARKER.sub(replace, content)


# --- Helpers ----------------------------------------------------------------------------------


def _modules(build: Any, page: Page) -> list[dict]:
    """Every module page in navigation order, with its quiz and lesson plan, linked from `page`."""
    entries = []
    for module in build.nav.pages if build.nav else []:
        uri = module.file.src_uri
        if not uri.startswith(MODULE_DIR):
            continue
        loaded = build.quizzes.get(_quiz_on(build, uri) or "")
        quiz = None
        if loaded:
            questions = loaded.quiz.questions
            quiz = {
                "id": loaded.quiz.id,
                "total": len(questions),
                "pass_mark": loaded.quiz.pass_mark,
                "questions": " ".join(f"{q.id}:{question_hash(q, build.lang)}" for q in questions),
            }
        entries.append(
            {
                "number": len(entries) + 1,
                "uri": uri,
                "title": module.title,
                "url": module.file.url_relative_to(page.file),
                "plan_url": _url(build, page, TRAINER_DIR + uri[len(MODULE_DIR) :]),
                "description": module.meta.get("description", ""),
                "quiz": quiz,
            }
        )
    return entries


def _journey_urls(build: Any, page: Page) -> dict:
    return {
        "notebook": _url(build, page, NOTEBOOK_PAGE),
        "exam": _url(build, page, EXAM_PAGE),
        "certificate": _url(build, page, CERTIFICATE_PAGE),
    }


def _every_question(build: Any, page: Page, config: MkDocsConfig) -> list[dict]:
    """Every module's quiz as `page` shows it, away from its module: the links to the lesson
    (and in quiz text) lead to the module page."""
    out = []
    for module in _modules(build, page):
        if not module["quiz"]:
            continue
        uri = module["uri"]
        loaded = build.quizzes[module["quiz"]["id"]]
        link = page_links(build.files, uri, page.file, lambda message: None)
        view = quiz_view(loaded, build.refs, lang=build.lang, link=link, t=build.strings(config).t)
        for x in view["questions"]:
            x["ref_page"] = module["url"]
        out.append({**module, "id": loaded.quiz.id, "questions": view["questions"]})
    return out


def _exam(build: Any, page: Page, config: MkDocsConfig) -> dict | None:
    """The exam's pool: each module's questions with their answers hashed and their review
    encoded, and how many each attempt draws."""
    exam = build.exam
    if exam is None:
        return None
    answer_body = build.env(config).get_template("partials/quiz.html").module.answer_body
    modules = []
    for module in _every_question(build, page, config):
        count = exam.counts.get(module["id"], 0)
        if not count:
            continue
        questions = []
        for x in module["questions"]:
            shown = exam_question(x, x["hash"])
            shown["review"] = encode_review(str(answer_body(x)))
            questions.append(shown)
        modules.append({**module, "count": count, "questions": questions})
    return {
        "pass_mark": exam.config.pass_mark,
        "total": sum(m["count"] for m in modules),
        "modules": modules,
    }


def _certificate(build: Any, page: Page, config: MkDocsConfig) -> dict:
    return {
        "course_title": config.site_name,
        "modules": [m for m in _modules(build, page) if m["quiz"]],
        "exam_url": _url(build, page, EXAM_PAGE),
    }


def _answer_key(build: Any, page: Page, module: str, config: MkDocsConfig) -> dict | None:
    uri = f"{MODULE_DIR}{module}.md"
    loaded = build.quizzes.get(_quiz_on(build, uri) or "")
    if loaded is None:
        return None
    module_url = _url(build, page, uri)
    view = quiz_view(loaded, build.refs, lang=build.lang, t=build.strings(config).t)
    view["module_url"] = module_url
    return view


def _join_codes(config: MkDocsConfig, strings: Strings | None = None) -> list[dict]:
    """QR codes for the published address and, under `mkdocs serve -a 0.0.0.0`, this laptop's."""
    codes = []
    published = (config.extra or {}).get("published_url")
    if published:
        codes.append({"kind": "published", "url": published, "svg": _qr_svg(published, strings)})
    served = urlsplit(config.site_url or "")
    if served.hostname == "0.0.0.0":
        import ifaddr

        for adapter in ifaddr.get_adapters():
            for ip in adapter.ips:
                if isinstance(ip.ip, str) and _is_private(ip.ip):
                    url = served._replace(netloc=f"{ip.ip}:{served.port}").geturl()
                    codes.append({"kind": "local", "url": url, "svg": _qr_svg(url, strings)})
    elif served.hostname in ("127.0.0.1", "localhost") and config.site_url != published:
        codes.append({"kind": "local-only", "url": config.site_url, "svg": None})
    return codes


def _qr_svg(url: str, strings: Strings | None) -> Markup:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        scale=6,
        border=4,
        xmldecl=False,
        svgns=True,
        title=(strings or load_strings(COURSE, "zh")).text("join.qr_title", url=url),
        dark="#000",
        light="#fff",
        svgclass="course-join__svg",
    )
    return Markup(out.getvalue().decode("utf-8"))


def _is_private(ip: str) -> bool:
    import ipaddress

    address = ipaddress.ip_address(ip)
    return address.is_private and not address.is_loopback and not address.is_link_local


def _quiz_on(build: Any, uri: str) -> str | None:
    return next((slug for slug, uris in build.placements.items() if uri in uris), None)


def _url(build: Any, page: Page, uri: str) -> str | None:
    target = (
        next((p for p in build.nav.pages if p.file.src_uri == uri), None) if build.nav else None
    )
    return target.file.url_relative_to(page.file) if target else None


# --- Data -------------------------------------------------------------------------------------

MODULE_DIR = "modules/"
TRAINER_DIR = "trainer/"
PROGRESS_PAGE = "progress.md"
ANSWER_KEY_PAGE = "trainer/answer-key.md"
NOTEBOOK_PAGE = "notebook.md"
EXAM_PAGE = "exam.md"
CERTIFICATE_PAGE = "certificate.md"
MARKER = re.compile(r"<!--\s*course:\s*(?P<kind>[a-z-]+)(?:\s+(?P<arg>[a-z0-9-]+))?\s*-->")
