"""The site's own scripts as one deferred file, made at build time (the sources stay separate in docs/javascripts/).

On a slow connection each small script cost a request and blocked rendering. The build joins them, in
order, into one file named by its content's hash (javascripts/site.<hash>.js, so a changed script is
fetched anew however long a cache keeps the old one), loaded with `defer` from <head> (overrides/main.html)
before Material's bundle, which sitebuild.hooks also defers (`defer_theme_bundle`):

1. `extra.javascript_before_theme` (mkdocs.yml): scripts that must run before the bundle creates its search
   worker and index request (search-on-demand.js, search-query.js): they run as the file runs.
2. `extra_javascript` (mkdocs.yml): the scripts that act on the page once the theme has set it up; each runs
   on DOMContentLoaded, which comes after every deferred script, the theme's bundle included.

The separate source files are left out of the built site; `extra_javascript` is emptied so the theme does
not load them again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXTRA_BEFORE = "javascript_before_theme"
EXTRA_NAME = "site_script"  # the generated file's path in the site, for overrides/main.html
FOLDER = "javascripts"
# Each part starts with this line, so a tool (scripts/bench_search.py) can find one script in the file.
PART_MARK = "/* ---- {path} ---- */"
_BUNDLE = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


class SiteScriptError(ValueError):
    """A listed script cannot be read; the message names it and says what to do."""


@dataclass(frozen=True)
class SiteScript:
    path: str           # in the site, e.g. javascripts/site.1a2b3c4d.js
    text: str
    sources: tuple[str, ...]


def _read(docs_dir: Path, path: str, listed_in: str) -> str:
    file = docs_dir / path
    if not file.is_file():
        raise SiteScriptError(f"mkdocs.yml {listed_in}: {path} not found in {docs_dir.name}/: "
                              "correct the path or remove the entry")
    return file.read_text(encoding="utf-8").rstrip() + "\n"


def combine(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> str:
    """One script: each of `before` as it is, then each of `after` run on DOMContentLoaded, in order."""
    parts = [f"{PART_MARK.format(path=path)}\n{text}" for path, text in before]
    parts += [
        f'{PART_MARK.format(path=path)}\ndocument.addEventListener("DOMContentLoaded", function () {{\n{text}}});\n'
        for path, text in after
    ]
    return "".join(parts)


def build(docs_dir: Path, before: list[str], after: list[str]) -> SiteScript:
    text = combine([(p, _read(docs_dir, p, f"extra.{EXTRA_BEFORE}")) for p in before],
                   [(p, _read(docs_dir, p, "extra_javascript")) for p in after])
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return SiteScript(f"{FOLDER}/site.{digest}.js", text, tuple(before + after))


def defer_theme_bundle(html: str) -> str:
    """The page with Material's bundle loaded with `defer` (it then runs after the site's deferred file)."""
    return _BUNDLE.sub(lambda m: f'<script defer src="{m.group("src")}"></script>', html)


# --- MkDocs glue (called from sitebuild/hooks.py) ---------------------------------------------------------

_built: SiteScript | None = None


def on_config(config: Any) -> None:
    global _built
    before = [str(p) for p in config.extra.get(EXTRA_BEFORE) or []]
    after = [str(getattr(s, "path", s)) for s in config.extra_javascript]
    _built = build(Path(config.docs_dir), before, after)
    config.extra[EXTRA_NAME] = _built.path
    config.extra_javascript = []


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    if _built is None:
        return files
    for src in _built.sources:
        file = files.get_file_from_path(src)
        if file is not None:
            files.remove(file)
    files.append(File.generated(config, _built.path, content=_built.text))
    return files
