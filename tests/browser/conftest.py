"""Browser tests: Playwright drives the system Chromium against the live test server.

Every page a journey visits is audited: axe-core (vendored) must find no
violation of impact serious or critical under the WCAG 2.1 A/AA rules, and the
Nu Html Checker (vnu.jar from npm, run with the machine's Java) must find no
HTML error in the page as the server sent it. A journey calls `audit()` after
each page load; at the end of the test every page the browser navigated to
must have been audited, so no page escapes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "static/vendor/axe-core/axe.min.js"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: install it with "
            "`apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Auditor:
    """Runs axe on each page and keeps its server HTML for the Nu Html Checker."""

    page: object
    # Without JavaScript axe cannot run in the page: the same pages are audited by axe in
    # the journeys with JavaScript, and the server's HTML still goes to the Nu Html Checker.
    run_axe: bool = True
    navigations: list[str] = field(default_factory=list)
    audited: list[str] = field(default_factory=list)
    documents: list = field(default_factory=list)
    pages_html: list[tuple[str, str]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def attach(self) -> None:
        self.page.on("framenavigated", self._on_navigated)
        self.page.on("response", self._on_response)

    def _on_navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.navigations.append(frame.url)

    def _on_response(self, response) -> None:
        if response.request.resource_type == "document" and response.request.frame == (
            self.page.main_frame
        ):
            self.documents.append(response)

    def __call__(self) -> None:
        """Audits the page the browser shows now."""
        page = self.page
        page.wait_for_load_state("load")
        url = page.url
        violations = []
        if self.run_axe:
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
                ".violations",
                AXE_RULES,
            )
        for violation in violations:
            if violation["impact"] in BLOCKING_IMPACTS:
                targets = [node["target"] for node in violation["nodes"]][:5]
                self.violations.append(
                    f"{url}: axe {violation['id']} ({violation['impact']}): "
                    f"{violation['help']} at {targets}"
                )
        document = next(
            (r for r in reversed(self.documents) if r.url.split("#")[0] == url.split("#")[0]),
            None,
        )
        if document is not None and "text/html" in (document.headers.get("content-type") or ""):
            self.pages_html.append((url, document.text()))
        self.audited.append(url)

    def unaudited(self) -> list[str]:
        # A jump to an anchor (the skip link) is the same page.
        seen = {url.split("#")[0] for url in self.audited}
        return [
            url
            for url in self.navigations
            if url.split("#")[0] not in seen and url != "about:blank"
        ]


def _html_errors(pages: list[tuple[str, str]], folder: Path) -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: the Nu Html Checker needs it (apt-get install default-jre).")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `npm ci` (make test does it).")
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for index, (url, html) in enumerate(pages):
        path = folder / f"page-{index}.html"
        path.write_text(html, encoding="utf-8")
        # vnu names a file "file:/tmp/..." where Python writes "file:///tmp/...".
        names[path.resolve().as_uri().replace("file:///", "file:/")] = url
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [
        f"{names.get(message.get('url'), message.get('url'))}:{message.get('lastLine')}: "
        f"{message.get('message')}"
        for message in report.get("messages", [])
        if message.get("type") == "error"
    ]


@pytest.fixture
def new_page(browser, live_server, tmp_path):
    """Makes audited pages in fresh browser contexts (language fr by default)."""
    auditors: list[Auditor] = []
    contexts = []

    def make(*, locale: str = "fr-FR", viewport: dict | None = None, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            bypass_csp=True,
            viewport=viewport or {"width": 1280, "height": 900},
            java_script_enabled=javascript,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        auditor = Auditor(page, run_axe=javascript)
        auditor.attach()
        page.audit = auditor
        auditors.append(auditor)
        return page

    yield make
    for context in contexts:
        context.close()
    problems = []
    for auditor in auditors:
        problems += [f"page visited but never audited: {url}" for url in auditor.unaudited()]
        problems += auditor.violations
    pages = [page for auditor in auditors for page in auditor.pages_html]
    if pages:
        problems += _html_errors(pages, tmp_path / "html")
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()
