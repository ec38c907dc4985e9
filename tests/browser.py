"""A real browser for the HTML views: Debian's Chromium (``/usr/bin/chromium``, installed
by ``make test``'s set-up) driven by Playwright for Python, which never downloads a
browser of its own here. Under CI=true a missing browser fails the tests; elsewhere it
skips them with the reason.

``browser`` (a session fixture, one Chromium per test worker) opens pages with
:func:`open_page`, which records every request and console message so a test can say
"no console errors, nothing but the page itself was asked for".
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str | None:
    """The system Chromium: $CHROMIUM, else the first of CHROMIUM_NAMES on PATH."""
    wanted = os.environ.get("CHROMIUM")
    if wanted:
        return wanted
    return next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}; the browser tests are required under CI=true "
                    "(make test installs Debian's chromium)")
    pytest.skip(reason)


@dataclass
class Visit:
    """A page opened in the browser, with what it asked for and said."""

    page: object  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)  # everything the page tried to load
    sent: list[str] = field(default_factory=list)  # what got past its policy
    blocked: list[str] = field(default_factory=list)  # what its policy stopped
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def remote_requests(self, own: str) -> list[str]:
        """Every request the page tried but its own file (``own``, a file:// URL)."""
        return [u for u in self.requests if u.split("#")[0] != own]

    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.errors

    def check_clean(self, own: str) -> None:
        """No console error, no uncaught exception, nothing asked for but the page."""
        assert not self.console_errors(), self.console_errors()
        assert not self.remote_requests(own), self.remote_requests(own)


def open_page(browser, path: Path, width: int = 1280, height: int = 900) -> Visit:
    """``path`` opened in a fresh browser context (no cache or storage shared between
    tests), every request routed through a recorder that lets only file:// through."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    visit = Visit(page)
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("console", lambda m: visit.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.on("requestfailed",
            lambda r: visit.blocked.append(r.url) if r.failure == "csp" else None)

    def route(r):
        visit.sent.append(r.request.url)
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return visit


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        _unavailable("no Chromium on PATH (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path,
                                     args=["--no-sandbox", "--disable-gpu"])
        try:
            yield chromium
        finally:
            chromium.close()
