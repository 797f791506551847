"""Graphviz diagrams rendered to inline SVG at build time.

A fenced block ```dot … ``` becomes an <svg> in the page, so a diagram needs no script, works
offline and prints in the PDF. Wired into pymdownx.superfences as a custom fence (mkdocs.yml).
"""

from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
from typing import Any

# Graphviz lays text out with this font (it must be installed: Debian's fonts-noto-cjk); the
# browser and WeasyPrint then draw it with the first family of the stack they have.
LAYOUT_FONT = "Noto Sans CJK SC"
FONT_STACK = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
DEFAULTS = [
    f"-Gfontname={LAYOUT_FONT}",
    f"-Nfontname={LAYOUT_FONT}",
    f"-Efontname={LAYOUT_FONT}",
    "-Gbgcolor=transparent",
]


class DiagramError(Exception):
    """A diagram that Graphviz could not render."""


@functools.lru_cache(maxsize=64)
def render_svg(source: str) -> str:
    """Render Graphviz DOT source to an SVG fragment (no XML prolog, no doctype)."""
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError("Graphviz 'dot' not found: install the Debian package graphviz (./tasks.sh does).")
    proc = subprocess.run(
        [dot, "-Tsvg", *DEFAULTS],
        input=source.encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise DiagramError(proc.stderr.decode("utf-8", "replace").strip() or "dot failed")
    svg = proc.stdout.decode("utf-8")
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    svg = svg.replace(f'font-family="{LAYOUT_FONT}"', f'font-family="{FONT_STACK}"')
    # Scale with the column instead of overflowing on a phone; keep the drawn size as the maximum.
    svg = re.sub(r'<svg width="(\d+)pt" height="(\d+)pt"', _responsive_size, svg, count=1)
    return svg


def _responsive_size(match: re.Match[str]) -> str:
    width = match.group(1)
    return f'<svg role="img" style="max-width:{width}pt;width:100%;height:auto"'


def format_dot(source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """pymdownx.superfences formatter for ```dot fences."""
    title = _graph_label(source)
    try:
        svg = render_svg(source)
    except (DiagramError, subprocess.TimeoutExpired) as err:
        # Shown on the page and logged so that `mkdocs build --strict` fails.
        import logging

        logging.getLogger("mkdocs.sitebuild.diagrams").warning("diagram could not be rendered: %s", err)
        return f'<pre class="diagram-error">{html.escape(str(err))}</pre>'
    if title:
        svg = svg.replace('role="img"', f'role="img" aria-label="{html.escape(title)}"', 1)
    return f'<figure class="{class_name}">{svg}</figure>'


def _graph_label(source: str) -> str:
    """The accessible name: a first line `// 标题` in the DOT source."""
    match = re.match(r"\s*//\s*(.+)", source)
    return match.group(1).strip() if match else ""
