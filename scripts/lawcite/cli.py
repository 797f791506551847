"""The `lawcite` command (and scripts/check_refs.py, the same check under the name the site's README uses).

    lawcite check [PATH ...] [--format text|json|sarif|github] [--as-of YYYY-MM-DD] [--strict] [--registry DIR]

PATH: Markdown, plain-text or HTML files, or folders (searched for *.md, *.txt, *.html). Default: docs/.
Each Markdown page is judged at its own `reviewed:` date (front matter), else --as-of, else today.
Formats: text (one line per finding, then a summary), json (spec/check-refs.md), sarif (SARIF 2.1.0),
github (workflow commands: annotations on a pull request). The registry: --registry, else
$LAWCITE_REGISTRY, else data/laws in the current folder, else the one installed with the package
(lawcite.registry.default_registry_path).

Exit status: 0 no error-level finding; 1 some (with --strict, warnings count too); 2 usage or registry
error (one line on stderr naming the file and line). Files are only read, never written.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .check import check_citations
from .errors import RegistryError
from .extract import find_citations
from .frontmatter import BadDateError, reviewed_date
from .registry import Registry, load_registry
from .report import FORMATS, FileResult, format_github, format_json, format_sarif, format_text

SUFFIXES = (".md", ".txt", ".html", ".htm")
DISTRIBUTION = "shangmen-cuishou-mingbaizhi"  # the project that ships lawcite (pyproject.toml)


class UsageError(Exception):
    pass


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2026-11-29") from None


def _add_check_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="Markdown, text or HTML files or folders (default: docs/)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--as-of", type=_date_arg, default=None, help="judge citations at this date (default: today)")
    p.add_argument("--strict", action="store_true", help="warnings also make the exit status 1")
    p.add_argument("--registry", type=Path, default=None,
                   help="registry folder (default: $LAWCITE_REGISTRY, else ./data/laws, else the installed one)")


def main(argv: list[str] | None = None) -> int:
    """`lawcite check …` (the console command installed by `pip install .`)."""
    parser = argparse.ArgumentParser(prog="lawcite", description="Find and check citations of Chinese laws.")
    parser.add_argument("--version", action="version", version=f"lawcite {tool_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_check_options(commands.add_parser("check", help="check every law citation in the given files",
                                           description="Check every law citation in the given files against the law registry."))
    args = parser.parse_args(argv)
    return run_check(args, prog="lawcite")


def check_refs_main(argv: list[str] | None = None) -> int:
    """scripts/check_refs.py: the same check without the command word (spec/check-refs.md)."""
    parser = argparse.ArgumentParser(prog="check_refs.py", description="Check law citations against the law registry.")
    _add_check_options(parser)
    return run_check(parser.parse_args(argv), prog="check_refs.py")


def run_check(args: argparse.Namespace, *, prog: str) -> int:
    as_of = args.as_of or date.today()
    try:
        files = collect(args.paths or ["docs"])
        registry = load_registry(args.registry)
        results = [check_file(f, registry, as_of) for f in files]
    except RegistryError as e:
        print(f"{prog}: registry error: {e}", file=sys.stderr)
        return 2
    except UsageError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    if args.format == "json":
        out = format_json(results, as_of)
    elif args.format == "sarif":
        out = format_sarif(results, tool_version=tool_version())
    elif args.format == "github":
        out = format_github(results)
    else:
        out = format_text(results)
    sys.stdout.write(out)
    bad = {"error", "warning"} if args.strict else {"error"}
    return 1 if any(f.severity in bad for r in results for f in r.findings) else 0


def collect(paths: list[str]) -> list[Path]:
    """The files named, and the Markdown, text and HTML files in the folders named."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return files


def check_file(f: Path, registry: Registry, as_of: date) -> FileResult:
    """Every citation of one file, judged at the page's reviewed date (Markdown), else `as_of`."""
    try:
        text = f.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise UsageError(f"{f}: not UTF-8 (byte {e.start}): save it as UTF-8") from None
    except OSError as e:
        raise UsageError(f"{f}: cannot read: {e.strerror}") from None
    suffix = f.suffix.lower()
    markdown = suffix == ".md"
    html = suffix in (".html", ".htm")
    try:
        page_as_of = (reviewed_date(text) if markdown else None) or as_of
    except BadDateError as e:
        raise UsageError(f"{f}:{e}") from None
    cites = find_citations(text, registry, markdown=markdown, html=html)
    return FileResult(str(f), check_citations(cites, registry, page_as_of, text=text, previews=True))


def tool_version() -> str:
    """The installed package's version, or "source" when lawcite runs from a checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "source"


if __name__ == "__main__":
    sys.exit(main())
