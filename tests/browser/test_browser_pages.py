"""Every built page in Chromium: no request to another host, no console error, no sideways scrolling at
390 px, no table column outside the screen at 390 px (touch) or 1280 px, and no serious or critical axe-core
violation in the light and the dark palette.

Each page is loaded three times (phone/light, desktop/light, desktop/dark) and each load is done once,
whichever test asks first; the tests then read what that load recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, BrowserContext

from browser_harness import (
    ReusedTab, axe_result, horizontal_overflow, new_context, preload_axe, start_axe, table_cells_outside,
)

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
SCHEME_OF_MODE = {"light": "default", "dark": "slate"}  # Material's data-md-color-scheme for each palette


MODES = ("phone", "light", "dark")


@dataclass
class Visit:
    """What one load of one page in one mode recorded."""

    offsite: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    overflow: dict[str, object] = field(default_factory=dict)
    tables_outside: list[str] = field(default_factory=list)
    scheme: str = ""
    violations: list[dict[str, object]] = field(default_factory=list)


@pytest.fixture(scope="module")
def axe_contexts(chromium: Browser) -> Iterator[dict[str, BrowserContext]]:
    """Desktop contexts in the light and the dark palette (prefers-color-scheme), axe-core preloaded."""
    contexts = {mode: new_context(chromium, dark=mode == "dark") for mode in ("light", "dark")}
    for context in contexts.values():
        preload_axe(context)
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def survey(
    site_url: str, phone: BrowserContext, axe_contexts: dict[str, BrowserContext]
) -> Callable[[str], dict[str, Visit]]:
    """survey(page) -> {mode: Visit}: the page loaded at once in three tabs (phone/light, desktop/light,
    desktop/dark), measured, and remembered, so the per-check tests below cost one survey per page."""
    tabs = {"phone": ReusedTab(phone), **{mode: ReusedTab(c) for mode, c in axe_contexts.items()}}
    done: dict[str, dict[str, Visit]] = {}

    def measure(page_path: str) -> dict[str, Visit]:
        if page_path in done:
            return done[page_path]
        url = site_url + page_path.removesuffix("index.html")
        for tab in tabs.values():  # the three tabs load in parallel in the browser
            tab.start(url)
        visits = {}
        for mode, tab in tabs.items():
            tab.wait_loaded(url)
            visits[mode] = Visit(scheme=tab.page.evaluate("document.body.getAttribute('data-md-color-scheme') || ''"))
            if mode == "phone":
                visits[mode].overflow = horizontal_overflow(tab.page)
            else:
                start_axe(tab.page)
            if mode in ("phone", "light"):
                visits[mode].tables_outside = table_cells_outside(tab.page)
        for mode, tab in tabs.items():
            if mode != "phone":
                visits[mode].violations = axe_result(tab.page)
            watch = tab.settle()  # late requests (search worker, lunr) count too
            visits[mode].offsite, visits[mode].errors = watch.offsite_requests, list(watch.errors)
        done[page_path] = visits
        return visits

    return measure


def test_no_offsite_request(survey: Callable[[str], dict[str, Visit]], page: str) -> None:
    offsite = sorted({url for mode in MODES for url in survey(page)[mode].offsite})
    assert not offsite, f"site/{page} fetched from another host than 127.0.0.1:\n  " + "\n  ".join(offsite)


def test_no_console_error(survey: Callable[[str], dict[str, Visit]], page: str) -> None:
    errors = [f"[{mode}] {e}" for mode in MODES for e in survey(page)[mode].errors]
    assert not errors, f"site/{page} logged errors in the browser console:\n  " + "\n  ".join(errors)


def test_no_horizontal_overflow_on_phone(survey: Callable[[str], dict[str, Visit]], page: str) -> None:
    overflow = survey(page)["phone"].overflow
    assert overflow["scrollWidth"] <= overflow["clientWidth"], (
        f"site/{page} is {overflow['scrollWidth']} px wide in a {overflow['clientWidth']} px phone viewport, "
        "so the reader must scroll sideways. Elements sticking out: "
        + (", ".join(overflow["culprits"]) or "(none found outside scrolling boxes)")
        + ". Make them wrap or scroll inside themselves (docs/stylesheets/extra.css, `/* phone layout */`)."
    )


@pytest.mark.parametrize("mode", ["phone", "light"])
def test_no_table_column_outside_the_screen(survey: Callable[[str], dict[str, Visit]], page: str, mode: str) -> None:
    outside = survey(page)[mode].tables_outside
    size = "390 px (phone)" if mode == "phone" else "1280 px"
    assert not outside, (
        f"site/{page} at {size}: these table cells lie outside the screen or their scrolling box, so the reader "
        "never sees them: " + "; ".join(outside) + ". Tables of 3+ columns become cards on a phone "
        "(sitebuild.tables, `/* tables as cards */` in docs/stylesheets/extra.css)."
    )


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_no_serious_violation(survey: Callable[[str], dict[str, Visit]], page: str, mode: str) -> None:
    result = survey(page)[mode]
    assert result.scheme == SCHEME_OF_MODE[mode], (
        f"site/{page}: asked for the {mode} palette (prefers-color-scheme) but the page shows "
        f"data-md-color-scheme={result.scheme!r}; check `theme.palette` media queries in mkdocs.yml"
    )
    blocking = [v for v in result.violations if v["impact"] in BLOCKING_IMPACTS]
    lines = []
    for v in blocking:
        lines.append(f"{v['impact']}: {v['id']} — {v['help']} ({v['count']} element(s))")
        lines += [f"    {n['target']}: {' '.join(str(n['summary']).split())[:300]}" for n in v["nodes"]]
    assert not blocking, f"site/{page}, {mode} palette: axe-core finds\n  " + "\n  ".join(lines)
