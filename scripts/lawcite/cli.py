"""The `lawcite` command (and scripts/check_refs.py, the same check under the name the site's README uses).

    lawcite check [PATH ...] [--format text|json|sarif|github] [--as-of YYYY-MM-DD] [--strict]
                  [--fail-on error|warning|never] [--level CODE=error|warning|off ...]
                  [--registry DIR ...] [--registry-only] [--exclude PATTERN ...]

PATH: files, or folders searched for Markdown (lawcite.files.MARKDOWN_SUFFIXES), HTML and text files,
leaving out hidden folders, virtualenvs and node_modules (--exclude adds patterns). Default: docs/.
Each Markdown page is judged at its own `reviewed:` date (front matter), else --as-of, else today;
a page whose cited law changed after that date and by --as-of is `stale-page` (lawcite.changes).
Formats: text, json (spec/check-refs.md; file problems under "problems"), sarif (SARIF 2.1.0),
github (workflow commands). The registry: the one that comes with lawcite ($LAWCITE_REGISTRY replaces
it); --registry DIR adds a folder to it (--registry-only: only the folders given); a `.lawcite.yaml`
in the current folder may name folders (`registry: data/laws`), excludes and levels.

A file that cannot be read is reported for that file and the run goes on. Files are only read, never
written. Exit status: EXIT_STATUS below.
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from .changes import page_staleness, stale_message
from .check import check_citations
from .errors import RegistryError
from .extract import find_citations
from .files import collect, kind_of, read_text
from .frontmatter import BadDateError, reviewed_date, reviewed_line
from .models import Finding, Problem
from .policy import FAIL_ON, Policy, default_severity, is_suppressed, parse_level, suppressed_lines
from .registry import Registry, default_registry_path, load_registry
from .report import FORMATS, FileResult, end_position, file_uri, format_github, format_json, format_sarif, format_text

DISTRIBUTION = "lawcite"  # the distribution that ships this package (pyproject.toml)
CONFIG_NAMES = (".lawcite.yaml", ".lawcite.yml")  # in the folder the command runs in

EXIT_STATUS = """exit status:
  0  nothing at the failing level (--fail-on; default: error) was found
  1  a finding at that level: a wrong citation, an unreadable file, a stale page under --strict
  2  bad arguments, a broken registry or config file, or the output could not be written
     (one line on stderr)"""


class UsageError(Exception):
    pass


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2026-11-29") from None


def _level_arg(value: str) -> tuple[str, str]:
    try:
        return parse_level(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _add_check_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="Markdown, text or HTML files or folders (default: docs/)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--as-of", type=_date_arg, default=None,
                   help="judge citations at this date when a page has no reviewed: date, and judge stale pages at it (default: today)")
    p.add_argument("--strict", action="store_true", help="warnings also make the exit status 1; a stale page is an error")
    p.add_argument("--fail-on", choices=FAIL_ON, default=None, help="the severity that makes the exit status 1 (default: error)")
    p.add_argument("--level", type=_level_arg, action="append", default=[], metavar="CODE=LEVEL",
                   help="report a status or problem code as error, warning or off, e.g. unregistered-law=off (repeatable)")
    p.add_argument("--registry", type=Path, action="append", default=[], metavar="DIR",
                   help="a registry folder to add to the one that comes with lawcite (repeatable)")
    p.add_argument("--registry-only", action="store_true", help="use only the --registry folders, not the one that comes with lawcite")
    p.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                   help="leave out folders and files matching this name or relative path pattern (repeatable)")


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=prog, description=description, epilog=EXIT_STATUS,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)


def main(argv: list[str] | None = None) -> int:
    """`lawcite check …` (the console command installed by `pip install`)."""
    parser = _parser("lawcite", "Find and check citations of Chinese laws.")
    parser.add_argument("--version", action="version", version=f"lawcite {tool_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="check every law citation in the given files", epilog=EXIT_STATUS,
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                description="Check every law citation in the given files against the law registry.")
    _add_check_options(check)
    args = parser.parse_args(argv)
    return run_check(args, prog="lawcite")


def check_refs_main(argv: list[str] | None = None) -> int:
    """scripts/check_refs.py: the same check without the command word (spec/check-refs.md)."""
    parser = _parser("check_refs.py", "Check law citations against the law registry.")
    _add_check_options(parser)
    return run_check(parser.parse_args(argv), prog="check_refs.py")


def run_check(args: argparse.Namespace, *, prog: str) -> int:
    today = args.as_of or date.today()
    try:
        config = read_config()
        levels = dict(config.get("levels", {})) | dict(args.level)
        if args.strict:
            levels.setdefault("stale-page", "error")
        policy = Policy(levels, args.fail_on or ("warning" if args.strict else "error"))
        registry = load_registry(registry_folders(args, config))
        try:
            files, missing = collect(args.paths or ["docs"], [*config.get("exclude", []), *args.exclude])
        except FileNotFoundError as e:
            raise UsageError(f"{e.args[0]}: no such file or folder") from None
        results = [FileResult(_shown(p.path), problems=[_problem(p.code, p.message, p.line, policy)], counted=False,
                              uri=file_uri(p.path))
                   for p in missing]
        results += [check_file(f, registry, today, policy) for f in files]
    except RegistryError as e:
        print(f"{prog}: registry error: {e}", file=sys.stderr)
        return 2
    except UsageError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    if args.format == "json":
        out = format_json(results, today)
    elif args.format == "sarif":
        out = format_sarif(results, tool_version=tool_version())
    elif args.format == "github":
        out = format_github(results)
    else:
        out = format_text(results)
    if not write_output(out, prog):
        return 2
    severities = [f.severity for r in results for f in r.findings] + [p.severity for r in results for p in r.problems]
    return 1 if any(policy.fails(s) for s in severities) else 0


def read_config() -> dict[str, Any]:
    """.lawcite.yaml in the current folder: {registry: DIR | [DIR], exclude: [PATTERN], levels: {CODE: LEVEL}}."""
    found = next((Path(n) for n in CONFIG_NAMES if Path(n).is_file()), None)
    if found is None:
        return {}
    import yaml

    try:
        data = yaml.safe_load(found.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as e:
        raise UsageError(f"{found}: cannot read it ({e.__class__.__name__}): write YAML, e.g. `registry: data/laws`") from None
    if not isinstance(data, dict) or set(data) - {"registry", "exclude", "levels"}:
        raise UsageError(f"{found}: the keys are registry (a folder or a list), exclude (a list of patterns) and "
                         "levels (CODE: error|warning|off)")
    registry = data.get("registry", [])
    data["registry"] = [registry] if isinstance(registry, str) else registry
    try:
        # YAML reads a bare `off` as false
        data["levels"] = dict(parse_level(f"{k}={'off' if v is False else v}") for k, v in (data.get("levels") or {}).items())
    except (ValueError, AttributeError) as e:
        raise UsageError(f"{found}: levels: {e}") from None
    if not all(isinstance(x, str) for x in [*data["registry"], *(data.get("exclude") or [])]):
        raise UsageError(f"{found}: registry and exclude take folder names and patterns (text)")
    data["exclude"] = data.get("exclude") or []
    return data


def registry_folders(args: argparse.Namespace, config: dict[str, Any]) -> list[Path]:
    """The built-in registry (unless --registry-only), then the config file's folders, then --registry's."""
    added = [Path(p) for p in config.get("registry", [])] + list(args.registry)
    if args.registry_only:
        if not added:
            raise UsageError("--registry-only needs at least one --registry DIR")
        return added
    return [default_registry_path(), *added]


def _problem(code: str, message: str, line: int, policy: Policy, column: int = 1) -> Problem:
    return Problem(code, policy.severity(code, default_severity(code)), message, line, column)


def check_file(f: Path, registry: Registry, today: date, policy: Policy) -> FileResult:
    """Every citation of one file, judged at the page's reviewed date (Markdown), else `today`; the
    page's staleness; the findings suppressed on their line and the levels applied."""
    result = FileResult(_shown(f), uri=file_uri(str(f)))
    text, problem = read_text(f)
    if text is None:
        assert problem is not None
        result.problems.append(_problem(problem.code, problem.message, problem.line, policy))
        return result
    kind = kind_of(f)
    markdown = kind == "markdown"
    try:
        reviewed = reviewed_date(text) if markdown else None
    except BadDateError as e:
        reviewed = None
        result.problems.append(_problem("bad-reviewed-date", f"reviewed: {e.value!r} is not a date: write YYYY-MM-DD", e.line, policy))
    cites = find_citations(text, registry, markdown=markdown, html=kind == "html")
    findings = check_citations(cites, registry, reviewed or today, text=text, previews=True)
    if reviewed is not None:
        staleness = page_staleness(findings, registry, reviewed, today)
        if staleness is not None:
            result.problems.append(_problem("stale-page", stale_message(staleness), reviewed_line(text) or 1, policy))
    from .patterns import MAX_UNITS

    for c in cites:
        if c.list_cut:
            line, column = end_position(c)
            result.problems.append(_problem("list-cut", f"a list longer than {MAX_UNITS + 1} units is read up to {c.text}: "
                                            "the units after it were not checked; split the list", line, policy, column))
    marks = suppressed_lines(text)
    result.findings = [_judged(x, policy, marks) for x in findings]
    result.problems = [p if not is_suppressed(marks, p.line, p.code) else replace(p, severity="ok") for p in result.problems]
    return result


def _judged(f: Finding, policy: Policy, marks: dict[int, frozenset[str] | None]) -> Finding:
    if f.severity == "ok":
        return f
    c = f.citation
    last_line = c.line + c.text.count("\n")
    if any(is_suppressed(marks, n, f.status) for n in range(c.line, last_line + 1)):
        return replace(f, severity="ok", suppressed=True)
    severity = policy.severity(f.status, f.severity)
    return f if severity == f.severity else replace(f, severity=severity)


def _shown(path: Path | str) -> str:
    """A path as messages show it: as given (relative to where the command ran, when given so); a file
    name that is not UTF-8 with its undecodable bytes as U+FFFD (SARIF keeps the bytes in its URI)."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "replace")


def write_output(out: str, prog: str) -> bool:
    """Write the report to stdout; a failure (a full disk, a closed pipe) is one line on stderr."""
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
        return True
    except OSError as e:
        try:  # nothing more may reach the broken stdout (Python would print a traceback on exit)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        print(f"{prog}: cannot write the report: {e.strerror or e}", file=sys.stderr)
        return False


def tool_version() -> str:
    """The installed package's version, or "source" when lawcite runs from a checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "source"


if __name__ == "__main__":
    sys.exit(main())
