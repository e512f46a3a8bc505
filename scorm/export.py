"""SCORM 1.2 packages of the built course, one zip per module, for a company LMS.

    python scorm/export.py [--site site] [--out dist/scorm]

Reads the built site (`mkdocs build` output; nothing here knows MkDocs) and writes one
`<slug>.zip` per module page that has a quiz: `imsmanifest.xml` (one SCO, the module page,
its mastery score the quiz's pass mark), the page and every file it needs at the same relative
paths as on the site, and `scorm/lms.js` + `scorm/package.css` from this folder. In each
packaged page:

- the LMS bridge (`lms.js`) runs after the course's scripts and before any quiz mounts;
- `<meta name="course-offline" content="off">` tells course.js not to register the service
  worker (no `sw.js` is shipped: the LMS's host is not the course's);
- links to other pages of the site, which are not in the package, keep their text and lose
  their address; links to other hosts open in a new tab, never inside the LMS's frame;
- Material's instant navigation (it fetches sitemap.xml) and the search (the whole site's
  index) are switched off, and package.css hides what led to other pages.
"""

from __future__ import annotations

import argparse
import html as markup
import json
import posixpath
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BRIDGE = "scorm/lms.js"
STYLES = "scorm/package.css"


@dataclass
class Module:
    """One module page of the built site, ready to package."""

    slug: str
    page: str  # its path in the site and in the package, e.g. modules/membership/index.html
    title: str
    course: str
    quiz_id: str
    pass_mark: int
    html: str = ""
    files: set[str] = field(default_factory=set)  # every file the page needs, page included


class ExportError(Exception):
    """The built site is not what the exporter can package (the message says why)."""


def main(argv: list[str] | None = None) -> int:
    """Export every module of `--site` into `--out`; print one line per package."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "scorm", help="for the zips")
    args = parser.parse_args(argv)
    try:
        written = export(args.site, args.out)
    except ExportError as error:
        print(f"export-scorm: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def export(site: Path, out: Path) -> list[Path]:
    """Write one SCORM 1.2 zip per module page of `site` into `out`; return their paths."""
    pages = sorted(site.glob("modules/*/index.html"))
    if not pages:
        raise ExportError(f"{site}: no modules/<slug>/index.html (build the site first)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in pages:
        module = package_page(site, path.relative_to(site).as_posix())
        target = out / f"{module.slug}.zip"
        write_zip(site, module, target)
        written.append(target)
    return written


# --- One module ------------------------------------------------------------------------------


def package_page(site: Path, page: str) -> Module:
    """The module at `page` (a path in `site`), its HTML changed for the package."""
    html = (site / page).read_text(encoding="utf-8")
    quizzes = QUIZ.findall(html)
    if len(quizzes) != 1:
        raise ExportError(
            f'{page}: expected exactly one <section class="quiz" data-pass-mark>, '
            f"found {len(quizzes)}"
        )
    tag = quizzes[0]
    title = markup.unescape(TITLE.search(html).group(1)) if TITLE.search(html) else page
    name, _, course = title.rpartition(" - ")
    module = Module(
        slug=posixpath.basename(posixpath.dirname(page)),
        page=page,
        title=name or title,
        course=course if name else "",
        quiz_id=attribute(tag, "data-quiz"),
        pass_mark=int(attribute(tag, "data-pass-mark")),
        files={page},
    )
    html = PAGE_LINKS.sub("", html)
    html = CONFIG.sub(lambda m: m.group(1) + packaged_config(m.group(2)) + m.group(3), html, 1)
    html = html.replace('data-md-component="search"', 'data-md-component="search-off"')
    html = URL_ATTRIBUTE.sub(lambda m: rewrite_url(site, module, m), html)
    loader = LOADER_SOURCES.search(html)
    for src in json.loads(loader.group(1)) if loader else []:
        module.files.add(resolve(page, src))
    html = add_bridge(html, relative(page, BRIDGE))
    head = (
        '<meta name="course-offline" content="off">'
        f'<link rel="stylesheet" href="{relative(page, STYLES)}">'
    )
    if "</head>" not in html:
        raise ExportError(f"{page}: no </head>")
    module.html = html.replace("</head>", head + "</head>", 1)
    for name in sorted(module.files):
        if name.endswith(".css"):
            module.files |= stylesheet_files(site, name)
    return module


def packaged_config(text: str) -> str:
    """Material's __config without instant navigation (it would fetch the site's sitemap)."""
    config = json.loads(text)
    config["features"] = [f for f in config.get("features", []) if "instant" not in f]
    return json.dumps(config, ensure_ascii=False)


def rewrite_url(site: Path, module: Module, match: re.Match) -> str:
    """One src/href/srcset attribute of the page as the package needs it (files collected)."""
    tag, name, value = match.group("tag"), match.group("name"), match.group("value")
    whole = match.group(0)
    if name == "srcset":
        for candidate in value.split(","):
            url = candidate.strip().split(" ")[0]
            local = resolve(module.page, markup.unescape(url))
            if local and (site / local).is_file():
                module.files.add(local)
        return whole
    url = markup.unescape(value)
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        if tag == "a" and parts.scheme in ("http", "https") and "target=" not in whole:
            return whole + ' target="_blank" rel="noopener"'
        if tag != "a" and parts.scheme in ("http", "https"):
            raise ExportError(f"{module.page}: loads from another host: {url}")
        return whole
    if not parts.path:  # "#section" on this page
        return whole
    local = resolve(module.page, url)
    if local == module.page:
        return whole
    if local and (site / local).is_file() and not local.endswith(".html"):
        module.files.add(local)
        return whole
    if tag == "a":  # another page of the site: not in this package
        return whole.replace(f'{name}="{value}"', "data-scorm-elsewhere")
    raise ExportError(f"{module.page}: <{tag} {name}> names a file the site has not: {url}")


def add_bridge(html: str, src: str) -> str:
    """The page with lms.js started after the course's scripts (before any quiz mounts)."""
    loader = LOADER_SOURCES.search(html)
    if loader:  # hooks/speed/first_paint.py starts the scripts after the first paint
        sources = json.loads(loader.group(1)) + [src]
        return html[: loader.start(1)] + json.dumps(sources) + html[loader.end(1) :]
    deferred = list(DEFERRED.finditer(html))
    if deferred:  # a plain Material page: the scripts are deferred, and run in order
        at = deferred[-1].end()
        return html[:at] + f'<script defer src="{src}"></script>' + html[at:]
    raise ExportError("found neither the first-paint loader nor deferred scripts")


def stylesheet_files(site: Path, name: str) -> set[str]:
    """The files a stylesheet in the package names with url() (none, today)."""
    found = set()
    for url in CSS_URL.findall((site / name).read_text(encoding="utf-8")):
        if url.startswith(("data:", "#")) or urlsplit(url).scheme:
            continue
        local = resolve(name, url)
        if local and (site / local).is_file():
            found.add(local)
    return found


# --- The package -----------------------------------------------------------------------------


def write_zip(site: Path, module: Module, target: Path) -> None:
    """The zip: manifest, the changed page, the files it needs and the bridge."""
    extra = {BRIDGE: (HERE / "lms.js").read_bytes(), STYLES: (HERE / "package.css").read_bytes()}
    files = sorted(module.files | set(extra))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zip_file:
        zip_file.writestr("imsmanifest.xml", manifest(module, files))
        for name in files:
            if name == module.page:
                zip_file.writestr(name, module.html)
            elif name in extra:
                zip_file.writestr(name, extra[name])
            else:
                zip_file.write(site / name, name)


def manifest(module: Module, files: list[str]) -> bytes:
    """imsmanifest.xml for SCORM 1.2: one organization, one item, one SCO."""
    ET.register_namespace("", NS_CP)
    ET.register_namespace("adlcp", NS_ADLCP)
    ET.register_namespace("xsi", NS_XSI)
    ident = re.sub(r"[^A-Za-z0-9_.-]", "-", module.slug)
    root = ET.Element(
        q(NS_CP, "manifest"),
        {
            "identifier": f"service-course-{ident}",
            "version": "1.0",
            q(NS_XSI, "schemaLocation"): (
                f"{NS_CP} imscp_rootv1p1p2.xsd {NS_MD} imsmd_rootv1p2p1.xsd "
                f"{NS_ADLCP} adlcp_rootv1p2.xsd"
            ),
        },
    )
    metadata = ET.SubElement(root, q(NS_CP, "metadata"))
    ET.SubElement(metadata, q(NS_CP, "schema")).text = "ADL SCORM"
    ET.SubElement(metadata, q(NS_CP, "schemaversion")).text = "1.2"
    organizations = ET.SubElement(root, q(NS_CP, "organizations"), {"default": "course"})
    organization = ET.SubElement(organizations, q(NS_CP, "organization"), {"identifier": "course"})
    ET.SubElement(organization, q(NS_CP, "title")).text = (
        f"{module.course} · {module.title}" if module.course else module.title
    )
    item = ET.SubElement(
        organization,
        q(NS_CP, "item"),
        {"identifier": f"item-{ident}", "identifierref": f"sco-{ident}", "isvisible": "true"},
    )
    ET.SubElement(item, q(NS_CP, "title")).text = module.title
    ET.SubElement(item, q(NS_ADLCP, "masteryscore")).text = str(module.pass_mark)
    resources = ET.SubElement(root, q(NS_CP, "resources"))
    resource = ET.SubElement(
        resources,
        q(NS_CP, "resource"),
        {
            "identifier": f"sco-{ident}",
            "type": "webcontent",
            q(NS_ADLCP, "scormtype"): "sco",
            "href": module.page,
        },
    )
    for name in files:
        ET.SubElement(resource, q(NS_CP, "file"), {"href": name})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- Helpers ---------------------------------------------------------------------------------


def resolve(page: str, url: str) -> str | None:
    """The site path `url` (relative, as written in `page`) names; None if it leaves the site."""
    path = unquote(urlsplit(url).path)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined.startswith("..") or posixpath.isabs(joined):
        return None
    if path.endswith(("/", "/..")) or path in ("", ".", ".."):
        joined = posixpath.join(joined, "index.html") if joined != "." else "index.html"
    return joined


def relative(page: str, name: str) -> str:
    """`name` (a path in the package) as the page at `page` links it."""
    return posixpath.relpath(name, posixpath.dirname(page))


def attribute(tag: str, name: str) -> str:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return markup.unescape(found.group(1)) if found else ""


def q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_MD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"

QUIZ = re.compile(r'<section\b(?=[^>]*\sclass="quiz")(?=[^>]*\sdata-pass-mark="\d+")[^>]*>')
TITLE = re.compile(r"<title>([^<]*)</title>")
# Links to the site's other pages, its own address, the other edition and its web-app manifest:
# not the package's.
PAGE_LINKS = re.compile(r'<link rel="(?:prev|next|canonical|manifest|alternate)"[^>]*>')
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# Every address the page names, in the tag that names it (MkDocs quotes every attribute).
URL_ATTRIBUTE = re.compile(
    r'<(?P<tag>[a-z]+)\b[^>]*?\s(?P<name>src|href|srcset)="(?P<value>[^"]*)"'
)
LOADER_SOURCES = re.compile(r"\}\)\((\[[^\]]*\])\);</script>")
DEFERRED = re.compile(r'<script defer src="[^"]+"></script>')
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")

if __name__ == "__main__":
    sys.exit(main())
