"""A hostile or broken refine server, from the outside: it trickles its answer a byte at a
time, sends megabytes, or quotes the API key back in its error text. And evaluation
workers busy with such a server die with their parent and are never more than the tasks.

The server is the standard library's, on 127.0.0.1 in a thread of the test, each route
a small function; every loop it runs is bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import EXAMPLE, children, kill_parent_and_check_workers
from evalkit import CLUSTERS, write_unified

from summarizer import summarize
from summarizer.errors import ServerError, ServerRejected, ServerUnavailable
from summarizer.refine import refine as refine_module
from summarizer.text import word_count

MODEL = "hostile-model"
KEY = "sk-live-0123456789abcdef"
# Words of the example cluster (examples/harbor-bridge), so the guard has nothing to flag.
ANSWER = "The Harbor Bridge closed after inspectors found cracks. "


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up on a hostile answer is what the tests want


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _route(self):
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization")))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.routes.get(self.path, not_found)(self)

    do_GET = do_POST = _route

    def log_message(self, *args):
        pass


@contextmanager
def hostile(**routes):
    """A loopback server answering each path (``/v1/models``...) with its function."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = {"/v1/models": models, "/tokenize": not_found, **routes}
    server.seen = []
    server.stop = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_port}/v1"
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()


def send(h, status: int, body: bytes, length: bool = True) -> None:
    h.send_response(status)
    h.send_header("Content-Type", "application/json")
    if length:
        h.send_header("Content-Length", str(len(body)))
    else:
        h.send_header("Connection", "close")
        h.close_connection = True
    h.end_headers()
    h.wfile.write(body)


def not_found(h):
    send(h, 404, b'{"error": {"message": "not found"}}')


def models(h):
    send(h, 200, json.dumps({"data": [{"id": MODEL, "max_model_len": 2048}]}).encode())


def chat_answer(text: str) -> bytes:
    return json.dumps({"choices": [{"message": {"content": text},
                                    "finish_reason": "stop"}]}).encode()


def trickle_body(h):
    """A whole answer's length announced, then one byte every half second."""
    body = json.dumps({"data": [{"id": MODEL}]}).encode()
    h.send_response(200)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    for byte in body[:60]:
        if h.server.stop.wait(0.5):
            return
        h.wfile.write(bytes([byte]))
        h.wfile.flush()


def trickle_headers(h):
    """The status line and headers themselves, one byte every half second."""
    head = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"." * 100 + b"\r\n"
    for byte in head:
        if h.server.stop.wait(0.5):
            return
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
    h.close_connection = True


def huge(length: bool):
    """About 10 MB of JSON, with or without a Content-Length saying so."""
    def answer(h):
        body = chat_answer("word " * 2_000_000)
        try:
            send(h, 200, body, length)
        except OSError:  # the client stopped reading, as it should
            pass
    return answer


def echo_auth(h):
    """A 401 whose text quotes what the client sent, the key included."""
    auth = h.headers.get("Authorization") or ""
    send(h, 401, json.dumps({"error": {"message": f"invalid credentials {auth} for "
                                                  f"{h.path}; header was {auth}"}}).encode())


def refine_settings(url: str, *more: str) -> dict:
    """Config overrides (the API's **overrides) for the server at ``url``."""
    refine = {"enabled": True, "backend": "openai", "model": MODEL, "cache": False,
              "guard": "off", "openai": {"base_url": url, "timeout": 2, "retries": 0}}
    for item in more:
        key, value = item.split("=", 1)
        refine[key] = json.loads(value)
    return {"refine": refine}


@pytest.fixture(autouse=True)
def fresh_backends():
    """Each test connects anew (backends are kept per process and config)."""
    refine_module._LOADED.clear()
    yield
    refine_module._LOADED.clear()


def test_a_server_that_trickles_fails_at_the_deadline(tmp_path):
    with hostile(**{"/v1/models": trickle_body}) as (server, url):
        start = time.monotonic()
        with pytest.raises(ServerUnavailable, match="within 2 s"):
            summarize(EXAMPLE, **refine_settings(url))
        assert time.monotonic() - start < 5, "the /models check ends at its deadline"
    with hostile(**{"/v1/chat/completions": trickle_headers}) as (server, url):
        start = time.monotonic()
        with pytest.raises(ServerError, match="no answer within 2 s"):
            summarize(EXAMPLE, **refine_settings(url))
        assert time.monotonic() - start < 6, "a chat answer ends at its deadline"


@pytest.mark.parametrize("length", [True, False], ids=["announced", "unannounced"])
def test_a_huge_answer_is_refused_not_read(length):
    with hostile(**{"/v1/chat/completions": huge(length)}) as (server, url):
        with pytest.raises(ServerRejected, match="larger than .* bytes"):
            summarize(EXAMPLE, **refine_settings(url, "max_new_tokens=100"))
    with hostile(**{"/v1/models": huge(length)}) as (server, url):
        with pytest.raises(ServerUnavailable, match="larger than .* bytes"):
            summarize(EXAMPLE, **refine_settings(url))


def test_an_answer_longer_than_the_budget_is_cut_to_it(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_TEST_KEY", KEY)
    long = ANSWER * 60 + f"Your key is {KEY}."

    def chat(h):
        send(h, 200, chat_answer(long))

    with hostile(**{"/v1/chat/completions": chat}) as (server, url):
        summary = summarize(EXAMPLE, words=40, **refine_settings(
            url, 'openai.api_key_env="SUMMARIZER_TEST_KEY"'))
    assert summary.refined is not None and 0 < word_count(summary.text) <= 40
    assert summary.text.startswith("The Harbor Bridge closed")
    assert KEY not in summary.text


@pytest.mark.parametrize("limit", [{"sentences": 2}, {"bytes": 120}],
                         ids=["sentences", "bytes"])
def test_an_answer_is_cut_to_a_budget_without_words_too(limit):
    def chat(h):
        send(h, 200, chat_answer(ANSWER * 60))

    with hostile(**{"/v1/chat/completions": chat}) as (server, url):
        summary = summarize(EXAMPLE, select={"words": None, **limit}, **refine_settings(url))
    assert summary.refined is not None and summary.text.startswith("The Harbor Bridge closed")
    assert summary.text.count(".") <= limit.get("sentences", 60)
    assert len(summary.text.encode("utf-8")) <= limit.get("bytes", 10_000)


def test_json_nested_without_end_and_a_long_redirect_are_one_error():
    deep = b"[" * 100_000

    def unauthorized(h):
        send(h, 401, deep)

    def moved(h):
        h.send_response(302)
        h.send_header("Location", "http://elsewhere/" + "x" * 20_000)
        h.send_header("Content-Length", "0")
        h.end_headers()

    for route, message in ((lambda h: send(h, 200, deep), "not JSON"),
                           (unauthorized, "HTTP 401"), (moved, "redirected")):
        with hostile(**{"/v1/models": route}) as (server, url):
            with pytest.raises(ServerUnavailable, match=message) as e:
                summarize(EXAMPLE, **refine_settings(url))
        assert len(str(e.value)) < 1000, str(e.value)


def test_a_key_the_server_quotes_back_is_never_printed(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZER_TEST_KEY", KEY)
    with hostile(**{"/v1/models": echo_auth}) as (server, url):
        with pytest.raises(ServerUnavailable) as e:
            summarize(EXAMPLE, **refine_settings(url, 'openai.api_key_env="SUMMARIZER_TEST_KEY"'))
        assert server.seen[0][2] == f"Bearer {KEY}", "the key was sent"
        assert "HTTP 401" in str(e.value) and "Bearer ***" in str(e.value)
        assert KEY not in str(e.value)
        # the CLI: the same server, the key and credentials in the URL, on one line
        with_user = url.replace("http://", "http://alice:pa55-w0rd%21@")
        r = subprocess.run(
            [sys.executable, "-m", "summarizer", "summarize", str(EXAMPLE),
             "--set", "refine.enabled=true", "--set", "refine.backend=openai",
             "--set", f"refine.openai.base_url={with_user}", "--set", f"refine.model={MODEL}",
             "--set", "refine.openai.timeout=2", "--set", "refine.openai.retries=0"],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
            env={**os.environ, "SUMMARIZER_CACHE": str(tmp_path / "cache")})
    sent = server.seen[-1][2]
    assert sent.startswith("Basic "), "URL credentials are sent as basic authentication"
    out = r.stdout + r.stderr
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "alice:***@127.0.0.1" in r.stderr and "HTTP 401" in r.stderr
    for secret in ("pa55-w0rd", "pa55-w0rd%21", sent.split()[1], KEY):
        assert secret not in out


def test_a_short_password_is_hidden_in_messages_but_left_in_summaries(monkeypatch):
    """Where we quote a server (a message) every secret is hidden, however short; in an
    answer's text only one of 8 characters or more: a short password ("news") is an
    ordinary word there, and blanking it would change the summary, not protect it."""
    monkeypatch.setenv("SUMMARIZER_TEST_KEY", KEY)
    said = "The Harbor Bridge closed after inspectors found cracks, the news said. "

    def chat(h):
        send(h, 200, chat_answer(f"{said}The key is {KEY}."))

    def refuses(h):
        send(h, 401, json.dumps({"error": {"message": "password news is wrong"}}).encode())

    with hostile(**{"/v1/chat/completions": chat}) as (server, url):
        summary = summarize(EXAMPLE, **refine_settings(
            url.replace("http://", "http://alice:news@"),
            'openai.api_key_env="SUMMARIZER_TEST_KEY"'))
    assert summary.refined is not None and "the news said" in summary.text, summary.text
    assert KEY not in summary.text and "The key is ***." in summary.text
    with hostile(**{"/v1/models": refuses}) as (server, url):
        with pytest.raises(ServerUnavailable) as e:
            summarize(EXAMPLE, **refine_settings(url.replace("http://", "http://alice:news@")))
    assert "password *** is wrong" in str(e.value) and "news" not in str(e.value)


# A run of the API in its own process, within 4 GiB of address space: an entry that hangs
# (a FIFO) or never ends (/dev/zero) fails the test at its timeout or the cap, instead of
# blocking the suite or filling the machine's memory.
PLANTED = """
import json, os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
from summarizer import summarize
entry, settings, cluster = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
plants = {"fifo": os.mkfifo, "zero": lambda p: os.symlink("/dev/zero", p),
          "deep": lambda p: open(p, "w").write('{"text": ' + "[" * 100000 + "]" * 100000 + "}")}
for name, plant in plants.items():
    os.unlink(entry)
    plant(entry)
    refined = summarize(cluster, **settings).refined is not None
    with open(entry) as f:  # asked again and rewritten: a regular file again
        print(name, refined, os.path.islink(entry), json.load(f)["text"][:18], flush=True)
"""


def test_a_fifo_a_device_or_a_deep_generation_cache_entry_is_a_miss(tmp_path):
    cache = tmp_path / "generations"

    def chat(h):
        send(h, 200, chat_answer(ANSWER))

    with hostile(**{"/v1/chat/completions": chat}) as (server, url):
        settings = refine_settings(url, "cache=true", f"openai.cache_dir={json.dumps(str(cache))}")
        summarize(EXAMPLE, **settings)
        entries = list(cache.rglob("*.json"))
        assert len(entries) == 1, entries
        r = subprocess.run([sys.executable, "-c", PLANTED, str(entries[0]), json.dumps(settings),
                            str(EXAMPLE)], capture_output=True, text=True, timeout=60)
        chats = [p for _, p, _ in server.seen if p == "/v1/chat/completions"]
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.splitlines() == [f"{name} True False The Harbor Bridge "
                                     for name in ("fifo", "zero", "deep")], r.stdout
    assert len(chats) == 4, "each planted entry is a miss: the server is asked again"


# ------------------------------------------------------------------ evaluation workers


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_are_no_more_than_tasks_and_die_with_their_parent(tmp_path, sentinel):
    """``evaluate --jobs 40`` on 2 clusters, each worker waiting on a server that never
    answers: 2 workers, and both gone soon after the parent is killed with SIGKILL."""
    data = write_unified(tmp_path / "d.jsonl", CLUSTERS[:2])

    def never(h):
        h.server.stop.wait(60)

    workers: list[int] = []
    with hostile(**{"/v1/chat/completions": never}) as (server, url):
        proc = subprocess.Popen(
            [sys.executable, "-m", "summarizer", "-q", "evaluate", "-d", str(data),
             "--jobs", "40", "--cache-dir", str(tmp_path / "cache"),
             "--report", str(tmp_path / "report"),
             "--set", "refine.enabled=true", "--set", "refine.backend=openai",
             "--set", f"refine.openai.base_url={url}", "--set", f"refine.model={MODEL}",
             "--set", "refine.openai.timeout=60", "--set", "refine.openai.retries=0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
            env={**os.environ, "SUMMARIZER_CACHE": str(tmp_path / "gen")})
        try:
            deadline = time.monotonic() + 60
            while sum(p == "/v1/chat/completions" for _, p, _ in server.seen) < 2:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "the workers never asked the server"
                time.sleep(0.1)
            workers = children(proc.pid)
            kill_parent_and_check_workers(proc, workers)
            assert 1 <= len(workers) <= 2, f"{len(workers)} processes for 2 tasks"
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stderr.close()
    sentinel.check()
