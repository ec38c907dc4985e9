"""The page shell (summarizer.html.page) in a real browser: its own script runs, anything
else (a script or handler that escaped escaping, a remote load) does not."""

from __future__ import annotations

from browser import open_page

from summarizer.html.page import esc, json_block, page

HOSTILE = ('<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'
           '<a href="javascript:document.title=\'pwned\'">link</a> \u202egnp.exe\x07 '
           '<img src="http://example.invalid/beacon.png">')


def test_escaped_text_shows_as_text_and_runs_nothing(browser, tmp_path):
    script = ("document.getElementById('out').textContent = "
              "JSON.parse(document.getElementById('data').textContent).text;")
    body = (f'<p id="esc">{esc(HOSTILE)}</p><p id="out"></p>'
            + json_block("data", {"text": HOSTILE + "</script><script>document.title='pwned'"}))
    path = tmp_path / "p.html"
    path.write_text(page("shell", body, script=script), encoding="utf-8")
    visit = open_page(browser, path)
    p = visit.page
    assert p.title() == "shell"
    shown = p.inner_text("#esc")
    assert "<script>" in shown and "onerror=" in shown and "U+202E" in shown and "U+0007" in shown
    assert p.locator("#esc img, #esc a, #esc script").count() == 0
    assert p.inner_text("#out").startswith("<script>")  # our own script ran, on the data
    p.click("#out")
    assert p.title() == "shell"
    visit.check_clean(path.resolve().as_uri())


def test_the_policy_stops_what_escaping_would_have_missed(browser, tmp_path):
    """Markup written into the page unescaped (a bug we guard against twice) runs nothing
    and loads nothing: the policy allows only the page's own script and style."""
    raw = HOSTILE.replace("<a ", '<a id="js" ')
    path = tmp_path / "raw.html"
    path.write_text(page("shell", raw, script="document.body.dataset.ran = 'yes';"),
                    encoding="utf-8")
    visit = open_page(browser, path)
    p = visit.page
    p.click("#js")
    assert p.title() == "shell"
    assert p.evaluate("document.body.dataset.ran") == "yes"
    own = path.resolve().as_uri()
    assert visit.sent == [own]
    assert any("example.invalid" in u for u in visit.blocked), visit.requests
