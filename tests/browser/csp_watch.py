"""What the Content-Security-Policy tests share: catching violations in Chromium, and injecting an image
from another host to see that the policy stops it before it reaches the network.

A violation shows twice in Chromium: as a `securitypolicyviolation` event in the document, and as a console
message. Both are collected: the event says which directive and which URL; the console also hears the
violations of frames the event listener may not reach (the offline edition's iframe-worker).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Route

FOREIGN_IMAGE = "https://example.com/x.png"
POLICY_SELECTOR = 'meta[http-equiv="Content-Security-Policy"]'

LISTENER_JS = """(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} (${e.sourceFile || location.href}:${e.lineNumber})`));
})();"""

# Resolves with the violation the image causes, or with null when the image loads or fails without one.
INJECT_IMAGE_JS = """url => new Promise(resolve => {
  document.addEventListener('securitypolicyviolation', e => {
    if (e.blockedURI === url) resolve({directive: e.effectiveDirective, blocked: e.blockedURI});
  });
  const img = document.createElement('img');
  img.addEventListener('load', () => resolve(null));
  img.addEventListener('error', () => setTimeout(() => resolve(null), 300));
  img.src = url;
  document.body.append(img);
})"""


def listen_for_violations(context: BrowserContext) -> None:
    """Every document the context opens records its policy violations (read them with CspWatch.violations)."""
    context.add_init_script(LISTENER_JS)


@dataclass
class CspWatch:
    """Violations seen in one tab: console messages about the policy (its frames' too), and the events of its
    documents (the context must listen: listen_for_violations)."""

    page: Page
    console: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text[:400])

    def violations(self) -> list[str]:
        """Everything seen since the last call: the current documents' events and the console's messages."""
        found = []
        for frame in self.page.frames:
            try:
                found += frame.evaluate("() => window.__cspViolations || []")
            except Exception:  # noqa: BLE001 - a frame that went away has nothing more to say
                pass
        found += self.console
        self.console = []
        return found


def survey_violations(tabs: list[Page], urls: list[str]) -> dict[str, tuple[bool, list[str]]]:
    """{url: (the page has the policy, its violations)} for every url, loaded len(tabs) at a time, each until the
    network has been quiet for 500 ms (late requests such as the search worker count too)."""
    watches = [CspWatch(tab) for tab in tabs]
    found: dict[str, tuple[bool, list[str]]] = {}
    for start in range(0, len(urls), len(tabs)):
        batch = list(zip(tabs, watches, urls[start: start + len(tabs)]))
        for tab, watch, url in batch:
            watch.violations()
            tab.goto(url, wait_until="commit")  # returns once the navigation starts: the tabs load side by side
        for tab, watch, url in batch:
            tab.wait_for_load_state("networkidle")
            found[url] = (has_policy(tab), watch.violations())
    return found


@dataclass
class NetworkEdge:
    """Requests for FOREIGN_IMAGE that reach the network boundary (a route: the policy acts before it), and the
    browser's own account of each request (Chromium reports a request the policy stopped, failed with `csp`)."""

    routed: list[str] = field(default_factory=list)
    failures: dict[str, str | None] = field(default_factory=dict)

    def attach(self, context: BrowserContext) -> None:
        context.route("https://example.com/**", self._on_route)
        context.on("requestfailed", lambda r: self.failures.__setitem__(r.url, r.failure))

    def _on_route(self, route: Route) -> None:
        self.routed.append(route.request.url)
        route.abort()


def inject_foreign_image(page: Page) -> dict[str, str] | None:
    """Add <img src=FOREIGN_IMAGE> to the page; the violation it caused, or None."""
    return page.evaluate(INJECT_IMAGE_JS, FOREIGN_IMAGE)


@dataclass
class InjectionOutcome:
    violation: dict[str, str] | None
    edge: NetworkEdge


def inject_into(context: BrowserContext, url: str, *, page_route: Callable[[Route], None] | None = None) -> InjectionOutcome:
    """Open `url` in a new tab of `context` (its HTML served through `page_route` if given), add the foreign
    image, and say what the policy and the network saw. Closes the context."""
    edge = NetworkEdge()
    edge.attach(context)
    try:
        page = context.new_page()
        if page_route is not None:
            page.route(url, page_route)
        page.goto(url, wait_until="load")
        violation = inject_foreign_image(page)
        page.wait_for_timeout(300)
    finally:
        context.close()
    return InjectionOutcome(violation, edge)


def assert_stopped_before_the_network(outcome: InjectionOutcome) -> None:
    assert outcome.violation == {"directive": "img-src", "blocked": FOREIGN_IMAGE}, f"no img-src violation: {outcome.violation}"
    assert outcome.edge.routed == [], f"the request reached the network: {outcome.edge.routed}"
    failure = outcome.edge.failures.get(FOREIGN_IMAGE)
    assert failure == "csp", f"Chromium's account of the request: {outcome.edge.failures}"


def has_policy(page: Page) -> bool:
    return bool(page.evaluate(f"() => !!document.querySelector('{POLICY_SELECTOR}')"))


# The page's FAQPage data next to what the page shows: each h2 (without its permalink, 来源 left out) and the
# block right after it, as the reader sees it (innerText): a paragraph without its leading bold label
# (“简单说：”), or a list's items one after another.
FAQ_ON_PAGE_JS = """() => {
  const norm = s => s.replace(/\\s+/g, ' ').trim();
  const blocks = [...document.querySelectorAll('script[type="application/ld+json"]')];
  const shown = [];
  for (const h2 of document.querySelectorAll('article.md-content__inner > h2')) {
    const copy = h2.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(a => a.remove());
    const question = norm(copy.textContent);
    if (question === '来源') continue;
    const next = h2.nextElementSibling;
    let answer = null;
    if (next && next.tagName === 'P') {
      answer = norm(next.innerText);
      const first = next.firstElementChild;
      if (first && first.tagName === 'STRONG' && answer.startsWith(norm(first.innerText)) && /[：:]$/.test(norm(first.innerText))) {
        answer = norm(answer.slice(norm(first.innerText).length));
      }
    } else if (next && (next.tagName === 'UL' || next.tagName === 'OL')) {
      answer = norm([...next.children].map(li => li.innerText).join(' '));
    }
    shown.push({question, answer});
  }
  return {data: blocks.map(b => JSON.parse(b.textContent)), shown};
}"""
