"""Screenshots of the HTML views for the README (docs/img/*.png), made from the shipped
example cluster (examples/harbor-bridge, text written for this project) in Debian's
Chromium through Playwright. Re-run after changing a view:

    .venv/bin/python scripts/screenshots.py

Writes docs/img/summary.png (a summary sentence clicked: its sources and the sentence in
its article), docs/img/report.png (an evaluation's index) and docs/img/cluster.png (a
cluster page with the bigrams ROUGE matched), each reduced to a 256-colour palette.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "img"
sys.path.insert(0, str(REPO / "tests"))


def _run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "summarizer", "-q", *args], check=True, cwd=REPO)


def _save(page, name: str, selector: str | None = None) -> None:
    from PIL import Image

    path = OUT / name
    (page.locator(selector) if selector else page).screenshot(path=str(path))
    Image.open(path).convert("RGB").quantize(256).save(path, optimize=True)
    print(f"{path.relative_to(REPO)}: {path.stat().st_size:,} bytes")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from browser import chromium_path

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        summary, report = tmp / "summary.html", tmp / "report"
        _run("summarize", "examples/harbor-bridge", "--words", "100", "-o", str(summary))
        _run("evaluate", "--dataset", "harbor-bridge", "--systems", "default,lead",
             "--report", str(report), "--cache-dir", str(tmp / "cache"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 640})
            page.goto(summary.as_uri())
            page.locator("button.sent").first.click()
            _save(page, "summary.png")
            page.goto((report / "index.html").as_uri())
            _save(page, "report.png")
            page.locator("a[href^='clusters/']").first.click()
            page.wait_for_load_state("load")
            _save(page, "cluster.png")
            browser.close()


if __name__ == "__main__":
    main()
