"""The build steps that make a page load fast: the site's one script file (sitebuild.site_script), the critical
styles (sitebuild.critical_css) and their hash in the policy (sitebuild.csp), on small real inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import critical_css, csp, site_script

STYLESHEET = """
body { margin: 0 }
.used { color: red }
.unused { color: blue }
.used:hover { color: green }
.used::before { content: "x" }
[data-md-color-scheme=slate] .used { color: white }
@media screen and (min-width: 60em) { .used { font-size: 2rem } .unused { font-size: 3rem } }
@media print { .unused { display: none } }
@keyframes spin { from { opacity: 0 } }
"""

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
    <title>t</title>
      <link rel="stylesheet" href="../css/site.css">
    <script>var inline = 1</script>
  </head>
  <body data-md-color-scheme="default"><p class="used">hello</p>
  </body>
</html>
"""


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text(STYLESHEET, encoding="utf-8")
    return tmp_path


def test_critical_css_keeps_the_rules_that_apply_light_and_dark(site: Path) -> None:
    css = critical_css.critical_css(PAGE, [site / "css" / "site.css"])
    assert ".used{color:red}" in css.replace(" ", "")
    assert "[data-md-color-scheme=slate] .used" in css, "the dark scheme's rules are left out"
    assert ".used::before" in css
    assert ".unused" not in css and ":hover" not in css and "@keyframes" not in css and "@media print" not in css
    assert css.index("body") < css.index(".used") < css.index("@media screen"), "the rules' order changed"


def test_inline_critical_moves_the_links_to_the_end_of_body(site: Path) -> None:
    html = critical_css.inline_critical(PAGE, page_url="page/", site_dir=site)
    head, body = html.split("</head>")
    assert '<link rel="stylesheet"' not in head and "<style>" in head
    assert body.rstrip().endswith('<link rel="stylesheet" href="../css/site.css">\n</body>\n</html>')


def test_inline_critical_leaves_a_page_without_local_stylesheets(site: Path) -> None:
    page = PAGE.replace("../css/site.css", "https://example.com/x.css")
    assert critical_css.inline_critical(page, page_url="page/", site_dir=site) == page


def test_policy_allows_the_critical_styles_by_hash(site: Path) -> None:
    html = critical_css.inline_critical(PAGE, page_url="page/", site_dir=site)
    style = csp.inline_styles(html)
    assert len(style) == 1
    text = csp.page_policy(html)
    style_src = next(d for d in text.split("; ") if d.startswith("style-src"))
    assert style_src == f"style-src 'self' {csp.hash_source(style[0])}"
    script_src = next(d for d in text.split("; ") if d.startswith("script-src"))
    assert csp.hash_source("var inline = 1") in script_src and csp.hash_source(style[0]) not in script_src


def test_site_script_runs_the_theme_scripts_after_the_bundle_in_order(tmp_path: Path) -> None:
    for name, body in (("a.js", "first();"), ("b.js", "second();"), ("c.js", "third();")):
        (tmp_path / name).write_text(body, encoding="utf-8")
    built = site_script.build(tmp_path, ["a.js"], ["b.js", "c.js"])
    assert built.path.startswith("javascripts/site.") and built.path.endswith(".js")
    text = built.text
    assert text.index("first();") < text.index("second();") < text.index("third();")
    assert text.count('document.addEventListener("DOMContentLoaded"') == 2
    assert text.index("first();") < text.index("DOMContentLoaded")
    (tmp_path / "c.js").write_text("changed();", encoding="utf-8")
    assert site_script.build(tmp_path, ["a.js"], ["b.js", "c.js"]).path != built.path, "the name follows the content"


def test_site_script_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(site_script.SiteScriptError, match=r"mkdocs.yml extra_javascript: gone\.js not found"):
        site_script.build(tmp_path, [], ["gone.js"])


def test_theme_bundle_is_deferred() -> None:
    html = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert site_script.defer_theme_bundle(html) == '<script defer src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
