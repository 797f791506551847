"""Graphviz diagrams rendered to inline SVG at build time.

A fenced block ```dot … ``` becomes an <svg> in the page, so a diagram needs no script, works
offline and prints in the PDF. Wired into pymdownx.superfences as a custom fence (mkdocs.yml).

Every diagram is drawn in the site's diagram style, so that it reads on a 390 px phone:
- the SVG keeps only its viewBox and scales to the width of the text column (CSS: figure.diagram);
- labels are at least MIN_FONT_PT, boxes sit closer together (nodesep), and a decision drawn as a
  diamond becomes a box (a diamond is about twice as wide as its text; the question mark and the
  labelled branches still mark it);
- a diagram whose labels would still be smaller than MIN_LABEL_PX in the 358 px column of a 390 px
  phone is a build warning (`mkdocs build --strict` fails) that names it and says how to narrow it.
The figure is left out of the search index (data-search-exclude): its text repeats the page's, and
Graphviz's node names (start, verify, start->verify) mean nothing to a reader.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import shutil
import subprocess
from typing import Any

log = logging.getLogger("mkdocs.sitebuild.diagrams")

# Graphviz lays text out with this font (it must be installed: Debian's fonts-noto-cjk); the
# browser and WeasyPrint then draw it with the first family of the stack they have.
LAYOUT_FONT = "Noto Sans CJK SC"
FONT_STACK = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
MIN_FONT_PT = 12
PHONE_COLUMN_PX = 358  # a 390 px viewport minus Material's 16 px padding on each side
MIN_LABEL_PX = 12
DEFAULTS = [
    f"-Gfontname={LAYOUT_FONT}",
    f"-Nfontname={LAYOUT_FONT}",
    f"-Efontname={LAYOUT_FONT}",
    f"-Nfontsize={MIN_FONT_PT}",
    f"-Efontsize={MIN_FONT_PT}",
    "-Gnodesep=0.15",
    "-Gbgcolor=transparent",
]
_FONTSIZE = re.compile(r'\bfontsize\s*=\s*"?(\d+(?:\.\d+)?)"?')
_DIAMOND = re.compile(r'\bshape\s*=\s*"?diamond"?')
_SVG_SIZE = re.compile(r'<svg width="[\d.]+pt" height="[\d.]+pt"')
_VIEWBOX = re.compile(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) [\d.]+"')
_TEXT_SIZE = re.compile(r'<text\b[^>]*\bfont-size="([\d.]+)"')


class DiagramError(Exception):
    """A diagram that Graphviz could not render."""


def in_site_style(source: str) -> str:
    """The DOT source with the site's diagram style applied: no label under MIN_FONT_PT, no diamonds."""
    source = _FONTSIZE.sub(lambda m: f"fontsize={max(float(m.group(1)), MIN_FONT_PT):g}", source)
    return _DIAMOND.sub("shape=box", source)


@functools.lru_cache(maxsize=64)
def render_svg(source: str) -> str:
    """Render Graphviz DOT source to an SVG fragment (no XML prolog, doctype, comments or titles)."""
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError("Graphviz 'dot' not found: install the Debian package graphviz (./tasks.sh does).")
    proc = subprocess.run(
        [dot, "-Tsvg", *DEFAULTS],
        input=in_site_style(source).encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise DiagramError(proc.stderr.decode("utf-8", "replace").strip() or "dot failed")
    svg = proc.stdout.decode("utf-8")
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    # Graphviz titles every node and edge with its name in the source (a hover text such as "start->verify")
    svg = re.sub(r"<title>.*?</title>\s*", "", svg, flags=re.S)
    # ids such as graph0 and node1 repeat in every diagram: two diagrams on one page would share them
    svg = re.sub(r' id="(?:graph|node|edge|clust)\d+"', "", svg)
    svg = svg.replace(f'font-family="{LAYOUT_FONT}"', f'font-family="{FONT_STACK}"')
    # No fixed size: the viewBox keeps the proportions and CSS sets the width (the column's).
    return _SVG_SIZE.sub('<svg role="img"', svg, count=1)


def smallest_label_on_phone(svg: str) -> float | None:
    """The size in CSS px of the smallest label when the diagram fills a phone's text column."""
    viewbox = _VIEWBOX.search(svg)
    sizes = [float(size) for size in _TEXT_SIZE.findall(svg)]
    if viewbox is None or not sizes:
        return None
    # The text sits in the graph's user units (Graphviz draws at scale 1), which the column width stretches.
    return min(sizes) * PHONE_COLUMN_PX / float(viewbox.group(1))


def format_dot(source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """pymdownx.superfences formatter for ```dot fences."""
    title = _graph_label(source)
    try:
        svg = render_svg(source)
    except (DiagramError, subprocess.TimeoutExpired) as err:
        # Shown on the page and logged so that `mkdocs build --strict` fails.
        log.warning("diagram could not be rendered: %s", err)
        return f'<pre class="diagram-error">{html.escape(str(err))}</pre>'
    smallest = smallest_label_on_phone(svg)
    if smallest is not None and smallest < MIN_LABEL_PX:
        log.warning(
            "diagram %r is too wide for a phone: in a 390 px screen its smallest label is %.1f px (at least %d "
            "needed); put fewer boxes side by side, break long labels with \\n, or split it in two",
            title or source.strip().splitlines()[0], smallest, MIN_LABEL_PX,
        )
    if title:
        svg = svg.replace('role="img"', f'role="img" aria-label="{html.escape(title)}"', 1)
    words = diagram_words(svg)
    # role="img" hides the drawing's text from screen readers: the boxes' words follow as text they read
    # (visually hidden; left out of print, where the drawing itself is read)
    caption = f'<figcaption class="diagram-text">图中文字：{html.escape("；".join(words))}</figcaption>' if words else ""
    return f'<figure class="{class_name}" data-search-exclude>{svg}{caption}</figure>'


_NODE = re.compile(r'<g class="node">(.*?)</g>', re.S)
_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)


def diagram_words(svg: str) -> list[str]:
    """Each box's words, in the order Graphviz drew them (the source's), a box's lines joined."""
    out = []
    for node in _NODE.findall(svg):
        lines = [html.unescape(t).strip() for t in _TEXT.findall(node)]
        lines = [line for line in lines if line]
        if lines:  # a box's first line is its title: 立案：符合条件的，7 日内立案
            out.append(lines[0] + ("：" + " ".join(lines[1:]) if len(lines) > 1 else ""))
    return out


def _graph_label(source: str) -> str:
    """The accessible name: a first line `// 标题` in the DOT source."""
    match = re.match(r"\s*//\s*(.+)", source)
    return match.group(1).strip() if match else ""
