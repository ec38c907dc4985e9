"""The pieces of the server backend that need no server: error bodies, Retry-After, the
token estimate, the generation cache, and fitting by whole sentences."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.config import load_config
from summarizer.errors import ConfigError
from summarizer.refine import tidy
from summarizer.refine.cache import GenerationCache, generation_key
from summarizer.refine.client import Client, RequestFailed, _retry_after, error_message
from summarizer.refine.prompt import fit_prefix, numbered
from summarizer.refine.server import TEMPLATE_TOKENS, api_key, estimate_tokens

import pytest


def test_error_message_reads_openai_fastapi_and_plain_bodies():
    assert error_message(b'{"error": {"message": "Rate limit", "code": 429}}') == "Rate limit"
    assert error_message(b'{"detail": "Server is pinned to x"}') == "Server is pinned to x"
    assert error_message(b'{"error": "model not found"}') == "model not found"
    assert error_message(b"<html>\n Bad   Gateway </html>") == "<html> Bad Gateway </html>"
    assert error_message(b"") == "(no message)"
    assert len(error_message(b"x" * 1000)) == 300


def test_retry_after_takes_seconds_and_ignores_dates():
    assert _retry_after("2") == 2.0 and _retry_after("0") == 0.0
    assert _retry_after(None) is None and _retry_after("Wed, 21 Oct 2026 07:28:00 GMT") is None
    assert _retry_after("-3") == 0.0


def test_request_failed_says_url_status_and_attempts():
    e = RequestFailed("http://h:1/v1/chat/completions", "http", "overloaded", 503, attempts=4)
    assert e.retryable and str(e) == ("http://h:1/v1/chat/completions: HTTP 503: overloaded "
                                      "(after 4 attempts)")
    assert not RequestFailed("u", "http", "bad", 400).retryable
    assert not RequestFailed("u", "timeout", "slow").retryable
    assert RequestFailed("u", "connect", "refused").retryable


def test_client_root_drops_the_api_path():
    assert Client("http://h:8000/v1/").root == "http://h:8000"
    assert Client("https://h/openai/v1").root == "https://h/openai"
    assert Client("http://h:11434").root == "http://h:11434"


def test_api_key_is_read_from_the_named_variable(monkeypatch):
    cfg = load_config(None, ["refine.openai.api_key_env=SUMMARIZER_TEST_KEY"]).refine
    monkeypatch.delenv("SUMMARIZER_TEST_KEY", raising=False)
    with pytest.raises(ConfigError, match=r"\$SUMMARIZER_TEST_KEY, which is not set"):
        api_key(cfg)
    monkeypatch.setenv("SUMMARIZER_TEST_KEY", " k-1 ")
    assert api_key(cfg) == "k-1"
    assert api_key(load_config(None, []).refine) is None


def test_config_refuses_a_key_in_place_of_a_variable_name_and_bad_urls():
    with pytest.raises(ConfigError, match="NAME of an environment variable"):
        load_config(None, ["refine.openai.api_key_env=sk-live-abc"])
    with pytest.raises(ConfigError, match="http:// or https://"):
        load_config(None, ["refine.openai.base_url=localhost:8000"])
    server = load_config(None, ["refine.openai.base_url=http://h:1/v1/"]).refine.openai
    assert server.base_url == "http://h:1/v1"


@given(st.text(max_size=300), st.sampled_from(["en", "el", "fr", "ar", None]))
def test_estimate_counts_utf8_bytes_by_language_plus_the_template(text, language):
    n = estimate_tokens(text, language)
    per = 3.0 if language == "en" else 1.5
    assert n >= TEMPLATE_TOKENS and (n - TEMPLATE_TOKENS) * per >= len(text.encode("utf-8"))
    assert estimate_tokens(text + "more", language) >= n
    assert estimate_tokens(text, "el") >= estimate_tokens(text, "en")


def test_generation_key_changes_with_model_prompt_and_settings():
    base = generation_key("m", [{"role": "user", "content": "p"}], {"temperature": 0, "seed": 0})
    assert base == generation_key("m", [{"role": "user", "content": "p"}], {"seed": 0, "temperature": 0})
    assert base != generation_key("m2", [{"role": "user", "content": "p"}], {"temperature": 0, "seed": 0})
    assert base != generation_key("m", [{"role": "user", "content": "q"}], {"temperature": 0, "seed": 0})
    assert base != generation_key("m", [{"role": "user", "content": "p"}], {"temperature": 0, "seed": 1})


def test_generation_cache_round_trip_and_unreadable_entries(tmp_path):
    cache = GenerationCache(tmp_path)
    key = generation_key("m", [], {})
    assert cache.get(key) is None
    cache.put(key, "Ψ text", model="m")
    assert cache.get(key) == "Ψ text"
    (entry,) = list(tmp_path.rglob("*.json"))
    assert json.loads(entry.read_text())["model"] == "m"
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    entry.write_text("{not json")
    assert cache.get(key) is None, "a damaged entry is a miss, not an error"


def test_generation_cache_that_cannot_be_written_costs_only_the_reuse(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = GenerationCache(blocker / "below")  # a folder under a file cannot be made
    cache.put("ab" * 32, "x")
    assert cache.get("ab" * 32) is None


def test_default_cache_dir_follows_summarizer_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    assert GenerationCache().root == tmp_path / "generations"


sentence_lists = st.lists(st.tuples(st.integers(0, 5), st.text("ab .", min_size=1, max_size=30)),
                          max_size=12)


@settings(max_examples=200)
@given(sentence_lists, st.integers(0, 200))
def test_fit_prefix_is_the_longest_prefix_that_fits(sentences, budget):
    text, kept = fit_prefix(sentences, numbered, len, budget)
    if kept:
        assert text == numbered(sentences[:kept]) and len(text) <= budget
    else:
        assert text is None and (not sentences or len(numbered(sentences[:1])) > budget)
    if kept < len(sentences):
        assert all(len(numbered(sentences[:k])) > budget for k in range(kept + 1, len(sentences) + 1))


def test_tidy_drops_control_characters_and_copied_article_numbers():
    assert tidy("[1] The bridge\x02 opened. [3] It cost\n3 million.") == \
        "The bridge opened. It cost 3 million."
    assert tidy("It opened in [2019].") == "It opened in [2019]."


def test_map_ordered_keeps_order_bounds_the_window_and_stops_on_error():
    import threading
    import time

    from summarizer.parallel import map_ordered

    started: list[int] = []
    lock = threading.Lock()

    def slow(i):
        with lock:
            started.append(i)
        time.sleep(0.01 * (i % 3))
        if i == 5:
            raise ValueError("five")
        return i * i

    assert list(map_ordered(slow, range(5), 3)) == [0, 1, 4, 9, 16]
    started.clear()
    out = map_ordered(slow, range(100), 2)
    with pytest.raises(ValueError, match="five"):
        for _ in out:
            pass
    time.sleep(0.1)
    assert max(started) < 5 + 2 * 2 + 1, "no more than the window is started past a failure"


def test_the_key_is_one_printable_line_and_never_in_a_repr(monkeypatch):
    cfg = load_config(None, ["refine.openai.api_key_env=SUMMARIZER_TEST_KEY"]).refine
    monkeypatch.setenv("SUMMARIZER_TEST_KEY", "sk-abc\nsk-def")
    with pytest.raises(ConfigError) as e:
        api_key(cfg)
    assert "sk-abc" not in str(e.value) and "printable" in str(e.value)
    assert "sk-secret" not in repr(Client("http://127.0.0.1:1/v1", api_key="sk-secret"))


def test_a_redirect_is_an_error_and_the_key_is_not_sent_on():
    """A stdlib HTTP server on loopback that redirects every request elsewhere."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen: list[str | None] = []

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.headers.get("Authorization"))
            if self.path.startswith("/elsewhere"):
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"{}")
                return
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/elsewhere")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = Client(f"http://127.0.0.1:{server.server_port}/v1", api_key="sk-secret",
                        timeout=5, retries=0)
        with pytest.raises(RequestFailed, match="redirected to http://127.0.0.1:.*/elsewhere"):
            client.get("models")
    finally:
        server.shutdown()
    assert seen == ["Bearer sk-secret"], "the redirect target was never asked"


def test_snowball_stems_are_right_when_threads_stem_at_once():
    """One Snowball stemmer object per language keeps its state on itself: threads of the
    server backend must not interleave inside it."""
    import sys
    import threading

    import snowballstemmer

    from summarizer.text import stem

    words = [f"{base}{suffix}" for base in ("nation", "format", "rapide", "parl", "chant",
                                             "grand", "heureu", "constitu")
             for suffix in ("ement", "ations", "issement", "eraient", "euses", "ités")]
    expected = {w: snowballstemmer.stemmer("french").stemWord(w) for w in words}
    stem.cache_clear()
    got: dict[str, str] = {}
    errors: list[BaseException] = []
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        def work(offset):
            try:
                for i in range(len(words)):
                    w = words[(i + offset) % len(words)]
                    got[w] = stem(w, "fr")
            except BaseException as e:  # noqa: BLE001 - the test reports it
                errors.append(e)

        threads = [threading.Thread(target=work, args=(k * 7,)) for k in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
        stem.cache_clear()
    assert not errors and got == expected
