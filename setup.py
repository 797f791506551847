"""The build step pyproject.toml cannot say: the law registry goes into the package.

The project keeps its law texts in data/laws (the site reads them there). A wheel of lawcite carries a
copy as lawcite/laws, the registry `lawcite check` uses in another project (lawcite.registry.
PACKAGED_PATH). build_py copies the files at build time, from a clone, a `git archive` zip or an sdist
(MANIFEST.in puts data/laws into it) alike, and fails when it finds none: a lawcite without its laws
would find nothing wrong.

The build also stays out of the source tree: setuptools' build/ and *.egg-info go to a temporary
folder, so the project's own build/ (the site's) is never written and a module deleted from
scripts/lawcite never ships from a stale build/lib.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build import build
from setuptools.command.build_py import build_py
from setuptools.command.egg_info import egg_info

HERE = Path(__file__).resolve().parent
LAWS = HERE / "data" / "laws"
_OUT_OF_TREE = tempfile.mkdtemp(prefix="lawcite-build-")
atexit.register(shutil.rmtree, _OUT_OF_TREE, True)


def law_files() -> list[Path]:
    return sorted(f for f in LAWS.glob("*") if f.is_file() and (f.suffix == ".md" or f.name.endswith(".map.yaml")))


class BuildOutOfTree(build):
    def initialize_options(self) -> None:
        super().initialize_options()
        self.build_base = str(Path(_OUT_OF_TREE) / "build")


class EggInfoOutOfTree(egg_info):
    def initialize_options(self) -> None:
        super().initialize_options()
        self.egg_base = _OUT_OF_TREE


class BuildWithLaws(build_py):
    def run(self) -> None:
        super().run()
        files = law_files()
        if not any(f.suffix == ".md" for f in files):
            raise SystemExit(f"error: no law files (<law_slug>@<effective>.md) in {LAWS}: lawcite cannot be built without "
                             "its registry (a clone or archive of the whole repository has them)")
        target = Path(self.build_lib) / "lawcite" / "laws"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for f in files:
            shutil.copyfile(f, target / f.name)  # a copy, never a link: a zip or a Windows clone has no links


setup(cmdclass={"build": BuildOutOfTree, "egg_info": EggInfoOutOfTree, "build_py": BuildWithLaws})
