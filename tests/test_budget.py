"""Layer 1: hooks/speed/payload.py on small hand-made sites, no MkDocs."""

from __future__ import annotations

from pathlib import Path

from speed import payload

NAMES = [
    "assets/stylesheets/palette.1.min.css",
    "assets/course.2.min.css",
    "assets/quiz/quiz.3.min.css",
]


def small_site(root: Path) -> Path:
    for index, name in enumerate(NAMES):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f".rule{index}{{color:red}}", encoding="utf-8")
    return root


def links(*hrefs: str) -> str:
    return "".join(f'<link rel="stylesheet" href="{href}">' for href in hrefs)


def test_adjacent_stylesheets_become_one_file_linked_where_the_first_was(tmp_path):
    site = small_site(tmp_path)
    (site / "index.html").write_text(
        "<head>" + links("assets/stylesheets/main.css", *NAMES) + "<title>t</title></head>"
    )
    (site / "modules" / "a").mkdir(parents=True)
    (site / "modules" / "a" / "index.html").write_text(
        "<head>"
        + links("../../assets/stylesheets/main.css", *(f"../../{n}" for n in NAMES))
        + "</head>"
    )
    (site / "404.html").write_text(  # made from a template: absolute paths under the base
        "<head>"
        + links("/course/assets/stylesheets/main.css", *(f"/course/{n}" for n in NAMES))
        + "</head>"
    )
    target = payload.join_stylesheets(site, "/course/", NAMES)
    assert (site / target).read_text() == ".rule0{color:red}\n.rule1{color:red}\n.rule2{color:red}"
    assert (site / "index.html").read_text() == (
        "<head>" + links("assets/stylesheets/main.css", target) + "<title>t</title></head>"
    )
    assert (site / "modules" / "a" / "index.html").read_text() == (
        "<head>" + links("../../assets/stylesheets/main.css", f"../../{target}") + "</head>"
    )
    assert (site / "404.html").read_text() == (
        "<head>" + links("/course/assets/stylesheets/main.css", f"/course/{target}") + "</head>"
    )


def test_a_page_that_links_them_otherwise_is_left_as_it_is(tmp_path):
    """Another stylesheet between them, another order, or one missing: joining would change
    the order in which rules apply, so the page keeps its links."""
    site = small_site(tmp_path)
    pages = {
        "between.html": links(NAMES[0], "css/print-site.css", NAMES[1], NAMES[2]),
        "order.html": links(NAMES[1], NAMES[0], NAMES[2]),
        "missing.html": links(NAMES[0], NAMES[1]),
    }
    for name, html in pages.items():
        (site / name).write_text(html)
    assert payload.join_stylesheets(site, "/", NAMES)
    for name, html in pages.items():
        assert (site / name).read_text() == html


def test_nothing_to_join_without_two_of_the_files(tmp_path):
    site = small_site(tmp_path)
    (site / "index.html").write_text(links(NAMES[0]))
    assert payload.join_stylesheets(site, "/", NAMES[:1] + ["assets/none.css"]) is None
    assert (site / "index.html").read_text() == links(NAMES[0])


def test_the_course_s_scripts_become_one_file_loaded_where_the_first_was(tmp_path):
    names = ["assets/course.1.min.js", "assets/quiz/store.2.min.js", "assets/quiz/quiz.3.min.js"]
    for index, name in enumerate(names):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"(()=>{{window.s{index}=1}})()", encoding="utf-8")

    def scripts(prefix: str, *srcs: str) -> str:
        return "".join(f'<script defer src="{prefix}{s}"></script>' for s in srcs)

    bundle = "assets/javascripts/bundle.9.min.js"
    (tmp_path / "modules" / "a").mkdir(parents=True)
    page = tmp_path / "modules" / "a" / "index.html"
    page.write_text("<body>" + scripts("../../", bundle, *names) + "</body>", encoding="utf-8")
    other = tmp_path / "other.html"  # another order: left alone
    other.write_text(scripts("", *reversed(names)), encoding="utf-8")
    inline = tmp_path / "inline.html"  # something between them, which the join would drop
    between = scripts("", names[0]) + "<script>window.x=1</script>" + scripts("", *names[1:])
    inline.write_text(between, encoding="utf-8")
    target = payload.join_scripts(tmp_path, "/course/", names)
    assert target.startswith("assets/client.") and target.endswith(".min.js")
    assert (tmp_path / target).read_text() == "\n;".join(
        f"(()=>{{window.s{i}=1}})()" for i in range(3)
    )
    assert page.read_text() == "<body>" + scripts("../../", bundle, target) + "</body>"
    assert other.read_text() == scripts("", *reversed(names))
    assert inline.read_text() == between
