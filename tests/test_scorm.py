"""The SCORM 1.2 packages (scorm/export.py): manifests valid against the SCORM 1.2 schemas, and
a real, independent SCORM runtime (scorm-again, tests/lms/) hosting an exported module in an
iframe as an LMS does, recording the score, passed or failed, and resuming the answers."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import PHONE, ROOT, free_port, quiz_ready, serve
from quiz.model import load_quiz
from test_browser import answer

LMS = ROOT / "tests" / "lms"
RUNTIME = LMS / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
XSD = LMS / "xsd"
SLUG = "four-p-to-four-c"
QUIZ = load_quiz(ROOT / "quizzes" / f"{SLUG}.yml").quiz
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"

# The LMS: scorm-again's SCORM 1.2 runtime as window.API, the previous session's data (if
# any) loaded first, as an LMS does, and the SCO in an iframe.
PARENT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
  window.API = new Scorm12API({ logLevel: 4 });
  if (window.__lmsStart) window.API.loadFromJSON(window.__lmsStart);
  window.lmsCalls = [];
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
    window.API.on(name, function () { window.lmsCalls.push(name); });
  });
  window.API.on("LMSSetValue.cmi.*", function (element, value) {
    window.lmsCalls.push(element + "=" + value);
  });
</script></head>
<body><iframe id="sco" title="SCO" src="package/{launch}" style="width: 390px; height: 800px">
</iframe></body></html>
"""


# --- Exporting -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def packages(site, tmp_path_factory) -> dict[str, Path]:
    """Every module's package, exported from the session's build as `./run export-scorm` does."""
    out = tmp_path_factory.mktemp("scorm")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scorm" / "export.py"), "--site", str(site), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {path.stem: path for path in sorted(out.glob("*.zip"))}


def test_one_package_per_module(packages):
    assert sorted(packages) == sorted(p.stem for p in (ROOT / "docs" / "modules").glob("*.md"))


def test_every_manifest_validates_against_the_scorm_1_2_schemas(packages):
    schema = scorm_schema()
    for slug, path in packages.items():
        document = etree().fromstring(zipfile.ZipFile(path).read("imsmanifest.xml"))
        assert schema.validate(document), (slug, schema.error_log)


def test_the_schemas_catch_a_broken_manifest(packages):
    text = zipfile.ZipFile(packages[SLUG]).read("imsmanifest.xml").decode()
    broken = text.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="page"')
    assert broken != text
    assert not scorm_schema().validate(etree().fromstring(broken.encode()))


def test_the_manifest_lists_exactly_the_package_and_its_mastery_score(packages):
    for slug, path in packages.items():
        archive = zipfile.ZipFile(path)
        root = ET.fromstring(archive.read("imsmanifest.xml"))
        assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
        items = root.findall(f".//{CP}item")
        resources = root.findall(f".//{CP}resource")
        assert len(items) == len(resources) == 1
        pass_mark = load_quiz(ROOT / "quizzes" / f"{slug}.yml").quiz.pass_mark
        assert items[0].findtext(f"{ADLCP}masteryscore") == str(pass_mark)
        assert resources[0].get(f"{ADLCP}scormtype") == "sco"
        assert resources[0].get("href") == f"modules/{slug}/index.html"
        listed = {f.get("href") for f in resources[0].findall(f"{CP}file")}
        assert listed == set(archive.namelist()) - {"imsmanifest.xml"}


def test_a_packaged_page_names_only_files_in_its_package(packages):
    for slug, path in packages.items():
        archive = zipfile.ZipFile(path)
        names = set(archive.namelist())
        assert "sw.js" not in names and "manifest.webmanifest" not in names
        page = f"modules/{slug}/index.html"
        html = archive.read(page).decode()
        assert '<meta name="course-offline" content="off">' in html
        assert "../../scorm/lms.js" in html
        for tag, url in re.findall(r'<(?!a\b)(\w+)\b[^>]*?\s(?:src|href)="([^"]*)"', html):
            assert not re.match(r"[a-z]+:|//", url), (slug, tag, url)
            assert norm(page, url) in names, (slug, tag, url)
        for url in re.findall(r'<a\b[^>]*?\shref="([^"]*)"', html):
            if not re.match(r"[a-z]+:|#", url):
                assert norm(page, url) in names or norm(page, url) == page, (slug, url)


# --- In an LMS -------------------------------------------------------------------------------


@pytest.fixture
def lms(packages, tmp_path):
    """The LMS's site: the runtime, the parent page and the unzipped package, on one server."""
    if not RUNTIME.exists():
        pytest.fail(f"{RUNTIME} is missing: `./run test` installs it (npm ci in tests/lms/)")
    root = tmp_path / "lms"
    zipfile.ZipFile(packages[SLUG]).extractall(root / "package")
    manifest = ET.fromstring((root / "package" / "imsmanifest.xml").read_bytes())
    launch = manifest.find(f".//{CP}resource").get("href")
    shutil.copy(RUNTIME, root / "scorm12.js")
    (root / "index.html").write_text(PARENT.replace("{launch}", launch), encoding="utf-8")
    url, server = serve(root, free_port())
    yield url
    server.shutdown()


class Visit:
    """The LMS's page with the SCO in its frame, and everything that went wrong on the way."""

    def __init__(self, context, url: str):
        self.errors: list[str] = []
        self.page = page = context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        page.on("response", lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}"))
        page.on("request", lambda r: r.url.startswith(url) or self.errors.append(f"off: {r.url}"))
        page.goto(url)
        self.sco = page.frame(url=re.compile(r"/package/"))
        quiz_ready(self.sco)

    def cmi(self, name: str):
        return self.page.evaluate(f"window.API.cmi.{name}")

    def answers(self) -> dict:
        return json.loads(self.cmi("suspend_data"))["answers"]


def start(context, previous: dict | None = None) -> None:
    """The runtime's data from an earlier session, given to the LMS's page only."""
    if previous:
        context.add_init_script(
            f"if (window === window.top) window.__lmsStart = {json.dumps(previous)};"
        )


@pytest.mark.browser
def test_a_passed_quiz_is_recorded_and_resumed_from_suspend_data(browser, lms):
    first = browser.new_context(**PHONE)
    visit = Visit(first, lms)
    assert visit.cmi("core.lesson_status") == "incomplete"
    for question in QUIZ.questions:
        answer(visit.sco, question, right=True)
    assert visit.cmi("core.score.raw") == "100"
    assert (visit.cmi("core.score.min"), visit.cmi("core.score.max")) == ("0", "100")
    assert visit.cmi("core.lesson_status") == "passed"
    assert sorted(visit.answers()) == sorted(q.id for q in QUIZ.questions)
    assert len(visit.cmi("suspend_data")) <= 4096

    # The trainee leaves: the LMS closes the SCO's frame (its page gets pagehide).
    visit.page.evaluate("document.getElementById('sco').remove()")
    visit.page.wait_for_function("window.lmsCalls.includes('LMSFinish')")
    calls = visit.page.evaluate("window.lmsCalls")
    assert calls.index("cmi.core.exit=suspend") < calls.index("LMSFinish")
    previous = {
        "core": {
            "lesson_status": visit.cmi("core.lesson_status"),
            "score": {"raw": visit.cmi("core.score.raw"), "min": "0", "max": "100"},
            "entry": "resume",
        },
        "suspend_data": visit.cmi("suspend_data"),
    }
    assert not visit.errors, visit.errors
    first.close()

    # The next session, on another phone: nothing saved in the browser, only in the LMS.
    second = browser.new_context(**PHONE)
    start(second, previous)
    visit = Visit(second, lms)
    for question in QUIZ.questions:
        q = visit.sco.locator(f'[data-question="{question.id}"]')
        assert "quiz__question--right" in q.get_attribute("class"), question.id
    assert visit.sco.locator(".quiz__result").inner_text().startswith("✓ 已通过")
    assert visit.cmi("core.lesson_status") == "passed"
    assert not visit.errors, visit.errors
    second.close()


@pytest.mark.browser
def test_a_failed_quiz_is_recorded_as_failed(browser, lms):
    context = browser.new_context(**PHONE)
    visit = Visit(context, lms)
    for question in QUIZ.questions:
        answer(visit.sco, question, right=False)
    assert visit.cmi("core.lesson_status") == "failed"
    assert visit.cmi("core.score.raw") == "0"
    assert not visit.errors, visit.errors
    context.close()


@pytest.mark.browser
def test_the_lms_record_wins_over_what_the_browser_kept(browser, lms):
    """A shared computer: another trainee's answers in the browser, none in the LMS."""
    context = browser.new_context(**PHONE)
    visit = Visit(context, lms)
    answer(visit.sco, QUIZ.questions[0], right=True)
    assert list(visit.answers()) == [QUIZ.questions[0].id]
    visit.page.close()
    start(context, {"core": {"lesson_status": "not attempted"}})  # a new trainee, same browser
    visit = Visit(context, lms)
    assert visit.sco.locator(".quiz__question--checked").count() == 0
    assert visit.cmi("core.lesson_status") == "incomplete"
    assert not visit.errors, visit.errors
    context.close()


@pytest.mark.browser
def test_without_an_lms_the_packaged_page_works_as_on_the_site(phone, lms):
    errors: list[str] = []
    page = phone.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    page.goto(lms + f"package/modules/{SLUG}/index.html")
    quiz_ready(page)
    answer(page, QUIZ.questions[0], right=True)
    page.reload()
    quiz_ready(page)
    checked = page.locator(f'[data-question="{QUIZ.questions[0].id}"]')
    assert "quiz__question--right" in checked.get_attribute("class")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert not errors, errors


# --- Helpers ---------------------------------------------------------------------------------


def etree():
    return pytest.importorskip("lxml.etree")


def scorm_schema():
    """The SCORM 1.2 schemas a manifest uses (IMS CP 1.1.2, ADL CP 1.2) as one XMLSchema.

    Not IMS MD 1.2.1 (imsmd_rootv1p2p1.xsd, shipped too): the manifests hold no IMS
    metadata record, and libxml2 cannot compile that file (its annotationType allows any
    element after optional ones of its own namespace, which XML Schema's unique particle
    attribution rule forbids)."""
    lxml = etree()
    imports = "".join(
        f'<xsd:import namespace="{namespace}" schemaLocation="{name}"/>'
        for namespace, name in (
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
        )
    )
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'

    class XmlNamespace(lxml.Resolver):
        """ADL's ims_xml.xsd as libxml2 reads it: the file declares the xml namespace as its
        default namespace, which XML Namespaces forbids (libxml2 refuses; Xerces, which ADL
        used, let it pass). Without that declaration it says the same."""

        def resolve(self, url, public_id, context):
            if not url.endswith("/ims_xml.xsd"):
                return None
            text = (XSD / "ims_xml.xsd").read_text(encoding="utf-8")
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1)
            return self.resolve_string(text, context)

    parser = lxml.XMLParser()
    parser.resolvers.add(XmlNamespace())
    document = lxml.fromstring(wrapper.encode(), parser, base_url=f"{XSD.as_uri()}/")
    return lxml.XMLSchema(document)


def norm(page: str, url: str) -> str:
    """The package path `url` names from `page`."""
    path = url.split("#")[0].split("?")[0]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return joined + "/index.html" if path.endswith("/") else joined
