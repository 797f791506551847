"""Which build engine runs the site: MkDocs 1.6, or ProperDocs (its maintained drop-in fork).

ProperDocs provides the `mkdocs` module name to everything it runs (Material, mkdocs-to-pdf, this project's
hooks): its command line redirects every `import mkdocs.…` to `properdocs.…`. The build driver uses MkDocs
when it is installed and ProperDocs otherwise; SITE_ENGINE=properdocs (or mkdocs) chooses explicitly.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from typing import IO, Any

from sitebuild.errors import BuildError

ENV = "SITE_ENGINE"
ENGINES = ("mkdocs", "properdocs")


def engine() -> str:
    """mkdocs or properdocs (see the module docstring)."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen:
        if chosen not in ENGINES:
            raise BuildError(f"{ENV}={chosen!r}: choose mkdocs or properdocs, or unset it")
        if importlib.util.find_spec(chosen) is None:
            raise BuildError(f"{ENV}={chosen}, but {chosen} is not installed in this Python ({chosen}==… in requirements.lock)")
        return chosen
    for name in ENGINES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise BuildError("neither mkdocs nor properdocs is installed: run ./tasks.sh build (it installs requirements.lock)")


def yaml_loader() -> Callable[[IO[str]], dict[str, Any]]:
    """The engine's configuration reader (INHERIT, !ENV), without loading any plugin."""
    if engine() == "properdocs":
        import properdocs.replacement  # noqa: F401  (mkdocs.* imports resolve to properdocs.*)
    from mkdocs.utils.yaml import yaml_load

    return yaml_load
