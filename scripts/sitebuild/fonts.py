"""The CJK fonts the PDF handbook is set in, checked before anything is rendered.

WeasyPrint silently falls back to another font, and with no CJK font at all it draws every Chinese
character as an empty box. Checking fontconfig first turns that into a clear error.
"""

from __future__ import annotations

import shutil
import subprocess

from sitebuild.errors import BuildError

# The families named in pdf/styles.scss, and the Debian package that provides them.
PDF_FONT_FAMILIES = ("Noto Sans CJK SC", "Noto Sans Mono CJK SC")
FONT_PACKAGE = "fonts-noto-cjk"


class MissingFontError(BuildError):
    """A font the PDF needs is not installed (the message says what to install)."""


def installed_zh_cn_families() -> set[str]:
    """Font families fontconfig says can render Simplified Chinese (`fc-list :lang=zh-cn family`)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise MissingFontError(
            "error: cannot check the PDF's fonts: `fc-list` not found; install the Debian package "
            "fontconfig (sudo apt-get install fontconfig)"
        )
    proc = subprocess.run(
        [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, timeout=60, check=False
    )
    if proc.returncode != 0:
        raise MissingFontError(f"error: `fc-list :lang=zh-cn family` failed: {proc.stderr.strip()}")
    return parse_fc_list_families(proc.stdout)


def parse_fc_list_families(output: str) -> set[str]:
    """One family per line; a line may list several names of one font, comma-separated."""
    families: set[str] = set()
    for line in output.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def missing_families(wanted: tuple[str, ...], installed: set[str]) -> list[str]:
    return [family for family in wanted if family not in installed]


def require_pdf_fonts(wanted: tuple[str, ...] = PDF_FONT_FAMILIES) -> None:
    """Raise MissingFontError naming the first missing family and the package to install."""
    missing = missing_families(wanted, installed_zh_cn_families())
    if missing:
        raise MissingFontError(
            f"error: the PDF needs the font {missing[0]}: install the Debian package {FONT_PACKAGE} "
            f"(sudo apt-get install {FONT_PACKAGE})"
        )


def main() -> int:
    """`python -m sitebuild.fonts`: check the PDF's fonts on this machine."""
    import sys

    try:
        require_pdf_fonts()
    except MissingFontError as err:
        print(err, file=sys.stderr)
        return 1
    print("fonts for the PDF: " + ", ".join(PDF_FONT_FAMILIES) + ": installed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
