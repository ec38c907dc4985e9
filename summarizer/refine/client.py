"""JSON over HTTP for OpenAI-compatible servers, with the standard library only.

Every request has a deadline: ``timeout`` seconds for all of it (connecting, the headers
and the body), so a server that trickles its answer a byte at a time fails then; and a
cap on the bytes read (``max_bytes``): a larger answer is an error, never read into
memory. 429, 5xx and lost connections are retried ``retries`` times with exponential
backoff (``backoff`` seconds, doubling, or the server's ``Retry-After``, at most
:data:`MAX_WAIT` seconds); a request that times out is not retried, since the server is
still working on it. Failures are one :class:`RequestFailed` whose message names the
URL. Loopback URLs never go through a proxy from the environment.

Secrets never reach a message: credentials in the URL (``http://user:key@host/v1``,
sent as HTTP basic authentication) are shown as ``user:***``, and the API key, should
a server quote it back, as ``***`` (:meth:`Client.scrub`). In an answer's text only
secrets of 8 characters or more are hidden: a shorter one is an ordinary word there.
"""

from __future__ import annotations

import base64
import functools
import http.client
import ipaddress
import json
import logging
import re
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit, urlunsplit

log = logging.getLogger("summarizer")

MAX_WAIT = 60.0
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_ANSWER = 8 << 20  # bytes read from an answer unless the request sets its own cap
MAX_ERROR_BODY = 64 << 10  # bytes read from an error answer (its message is one line)
MIN_ANSWER_SECRET = 8  # characters of the shortest secret scrubbed from an answer's text
# Set on Ctrl-C (summarizer.parallel.map_ordered): no request starts or retries after it.
STOP = threading.Event()


class RequestFailed(Exception):
    """One request that did not get a JSON answer. ``status`` is the HTTP status (None:
    no answer at all); ``kind`` is "http", "connect" (refused, reset, lost), "timeout" or
    "format" (an answer that is not JSON)."""

    def __init__(self, url: str, kind: str, message: str, status: int | None = None,
                 retry_after: float | None = None, attempts: int = 1):
        self.url, self.kind, self.status, self.retry_after = url, kind, status, retry_after
        self.attempts = attempts
        self.message = message
        super().__init__(self.describe())

    @property
    def retryable(self) -> bool:
        return self.kind == "connect" or self.status in RETRY_STATUS

    def scrub(self, scrub) -> None:
        """Apply ``scrub`` (text -> text) to everything this failure says."""
        self.url, self.message = scrub(self.url), scrub(self.message)
        self.args = (self.describe(),)

    def describe(self) -> str:
        tries = f" (after {self.attempts} attempts)" if self.attempts > 1 else ""
        what = f"HTTP {self.status}: {self.message}" if self.status else self.message
        return f"{self.url}: {what}{tries}"


def _loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^/\s@]*)@")


def redact_url(text: str) -> str:
    """``text`` with the credentials of every URL in it hidden: ``http://user:key@host``
    -> ``http://user:***@host``, ``http://key@host`` -> ``http://***@host``."""
    def hide(m):
        user, colon, _ = m.group(2).partition(":")
        return f"{m.group(1)}{user + ':' if colon else ''}***@"

    return _USERINFO.sub(hide, text)


def error_message(body: bytes, scrub=None) -> str:
    """The server's own words from an error body (OpenAI's ``error.message``, FastAPI's
    ``detail``, or the text), on one line of at most 300 characters; ``scrub`` (text ->
    text) hides secrets before anything is cut."""
    scrub = scrub or (lambda t: t)
    text = body.decode("utf-8", "replace").strip()
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
        doc = None
    if isinstance(doc, dict):
        err = doc.get("error", doc.get("detail", doc.get("message")))
        if isinstance(err, dict):
            err = err.get("message", err)
        if err is not None:
            text = err if isinstance(err, str) else json.dumps(err)
    return " ".join(scrub(text).split())[:300] or "(no message)"


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date: not worth parsing, the backoff applies
        return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are errors: urllib would send the Authorization header on to any host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _Deadline:
    """The end of one request: when it comes, every socket the request opened is shut
    down, so a read in progress returns at once however slowly the server sends."""

    def __init__(self, seconds: float):
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._cut(sock)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._cut(sock)

    @staticmethod
    def _cut(sock: socket.socket) -> None:
        try:  # the plain socket's shutdown: a TLS socket's own would race its reader
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:  # already closed
            pass

    def cancel(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._sockets.clear()


class _Watched:
    """A connection whose sockets a :class:`_Deadline` can cut."""

    def __init__(self, *args, deadline: _Deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        self._create_connection = self._connect_watched

    def _connect_watched(self, *args, **kwargs):
        return self._deadline.watch(socket.create_connection(*args, **kwargs))


class _HTTPConnection(_Watched, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, http.client.HTTPSConnection):
    def connect(self):
        """As http.client's, with the TLS handshake under the deadline too."""
        http.client.HTTPConnection.connect(self)
        host = self._tunnel_host or self.host
        self.sock = self._deadline.watch(self._context.wrap_socket(
            self.sock, server_hostname=host, do_handshake_on_connect=False))
        self.sock.do_handshake()


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self._connection = functools.partial(_HTTPConnection, deadline=deadline)

    def http_open(self, req):
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self._connection = functools.partial(_HTTPSConnection, deadline=deadline)

    def https_open(self, req):
        return self.do_open(self._connection, req, context=self._context)


class _TooLarge(Exception):
    pass


def _read_capped(resp, cap: int) -> bytes:
    """The body of ``resp``, or :class:`_TooLarge` as soon as it passes ``cap`` bytes."""
    length = (resp.headers.get("Content-Length") or "").strip()
    if length.isdigit() and int(length) > cap:
        raise _TooLarge
    buf = bytearray()
    while chunk := resp.read(min(1 << 16, cap + 1 - len(buf))):
        buf += chunk
        if len(buf) > cap:
            raise _TooLarge
    return bytes(buf)


@dataclass
class Client:
    """Requests to ``base_url`` (e.g. ``http://127.0.0.1:8000/v1``)."""

    base_url: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 120.0
    retries: int = 3
    backoff: float = 1.0

    def __post_init__(self):
        self.base_url, self._auth, secrets = _split_credentials(self.base_url.rstrip("/"))
        if self.api_key:
            self._auth = f"Bearer {self.api_key}"
            secrets.append(self.api_key)
        # each secret as sent and as a URL would quote it, longest first
        self._secrets = sorted({(form, len(s)) for s in secrets if s
                                for form in (s, quote(s, safe=""))},
                               key=lambda f: len(f[0]), reverse=True)
        self._proxy = [urllib.request.ProxyHandler({})] if _loopback(
            urlsplit(self.base_url).hostname) else []

    def scrub(self, text: str, answer: bool = False) -> str:
        """``text`` with the API key and URL credentials replaced by ``***``, and those of
        any URL in it. A message (``answer`` false) loses every secret, however short. An
        answer (the summary) loses only secrets of :data:`MIN_ANSWER_SECRET` characters or
        more: a shorter one ("news") cannot be told from the words of the text, and
        blanking those would change the summary, not protect the key."""
        floor = MIN_ANSWER_SECRET if answer else 1
        for secret, length in self._secrets:
            if length >= floor:
                text = text.replace(secret, "***")
        return redact_url(text)

    @property
    def root(self) -> str:
        """The server's address without the API path (``/v1``): where vLLM and llama.cpp
        put ``/tokenize``."""
        url = urlsplit(self.base_url)
        path = url.path[:-3] if url.path.endswith("/v1") else url.path
        return f"{url.scheme}://{url.netloc}{path}"

    def url(self, path: str) -> str:
        return path if "://" in path else f"{self.base_url}/{path.lstrip('/')}"

    def get(self, path: str, timeout: float | None = None, retry: bool = True,
            max_bytes: int = MAX_ANSWER) -> dict:
        return self.request("GET", path, None, timeout, retry, max_bytes)

    def post(self, path: str, body: dict, timeout: float | None = None, retry: bool = True,
             max_bytes: int = MAX_ANSWER) -> dict:
        return self.request("POST", path, body, timeout, retry, max_bytes)

    def request(self, method: str, path: str, body: dict | None, timeout: float | None = None,
                retry: bool = True, max_bytes: int = MAX_ANSWER) -> dict:
        """The JSON answer; retryable failures are retried ``retries`` times."""
        attempt = 0
        while True:
            if STOP.is_set():
                raise RequestFailed(self.url(path), "stopped", "interrupted")
            try:
                return self._once(method, self.url(path), body, timeout or self.timeout,
                                  max_bytes)
            except RequestFailed as e:
                e.scrub(self.scrub)
                if not (retry and e.retryable and attempt < self.retries):
                    e.attempts = attempt + 1
                    e.args = (e.describe(),)
                    raise
                wait = e.retry_after if e.retry_after is not None else self.backoff * 2 ** attempt
                wait = min(wait, MAX_WAIT)
                log.info("refine: %s; retrying in %.1f s", e, wait)
                STOP.wait(wait)
                attempt += 1

    def _once(self, method: str, url: str, body: dict | None, timeout: float,
              max_bytes: int) -> dict:
        """One attempt, all of it within ``timeout`` seconds."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if self._auth:
            headers["Authorization"] = self._auth
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        deadline = _Deadline(timeout)
        try:
            raw = self._exchange(req, deadline, timeout, max_bytes)
        except RequestFailed:
            raise
        except Exception as e:
            if deadline.expired:
                raise _timed_out(url, timeout) from None
            raise _failure(url, e, timeout) or e from None
        finally:
            deadline.cancel()
        if deadline.expired:  # cut off: what arrived may look complete, it is not
            raise _timed_out(url, timeout)
        try:
            doc = json.loads(raw)
        except (ValueError, RecursionError):
            raise RequestFailed(url, "format", "the answer is not JSON: "
                                f"{error_message(raw, self.scrub)[:80]!r}") from None
        if not isinstance(doc, dict):
            raise RequestFailed(url, "format", "the answer is not a JSON object")
        return doc

    def _exchange(self, req, deadline: _Deadline, timeout: float, max_bytes: int) -> bytes:
        """The answer's body (at most ``max_bytes``); an HTTP error status is a
        RequestFailed with the server's message."""
        opener = urllib.request.build_opener(*self._proxy, _NoRedirect(),
                                             _HTTPHandler(deadline), _HTTPSHandler(deadline))
        try:
            with opener.open(req, timeout=timeout) as resp:
                return _read_capped(resp, max_bytes)
        except _TooLarge:
            raise RequestFailed(req.full_url, "size", f"the answer is larger than "
                                f"{max_bytes:,} bytes; not read") from None
        except urllib.error.HTTPError as e:
            raise self._http_error(req.full_url, e) from None

    def _http_error(self, url: str, e: urllib.error.HTTPError) -> RequestFailed:
        try:
            with e:
                message = error_message(e.read(MAX_ERROR_BODY), self.scrub)
        except (OSError, http.client.HTTPException):  # the body was cut off
            message = "(no message)"
        if 300 <= e.code < 400:
            where = " ".join(e.headers.get("Location", "?").split())[:200]
            return RequestFailed(url, "http", f"redirected to {where}: set "
                                 "refine.openai.base_url to the address itself (keys are not "
                                 "sent on)", e.code)
        return RequestFailed(url, "http", message, e.code,
                             _retry_after(e.headers.get("Retry-After")))


def _split_credentials(url: str) -> tuple[str, str | None, list[str]]:
    """(``url`` without ``user:password@``, the basic-auth header they make or None, the
    secrets to keep out of messages)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, []
    user, _, password = parts.netloc.rpartition("@")[0].partition(":")
    user, password = unquote(user), unquote(password)
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    bare = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    return bare, f"Basic {token}", [password or user, token]


def _timed_out(url: str, timeout: float) -> RequestFailed:
    return RequestFailed(url, "timeout", f"no answer within {timeout:g} s "
                         "(refine.openai.timeout)")


def _failure(url: str, e: Exception, timeout: float) -> RequestFailed | None:
    """The RequestFailed for an exception of urllib or the socket (None: not one of theirs)."""
    if isinstance(e, (TimeoutError, socket.timeout)):
        return _timed_out(url, timeout)
    if isinstance(e, urllib.error.URLError):
        reason = e.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return _timed_out(url, timeout)
        why = getattr(reason, "strerror", None) or str(reason)
        return RequestFailed(url, "connect", f"cannot connect ({why})")
    if isinstance(e, (http.client.HTTPException, ConnectionError, OSError)):
        why = getattr(e, "strerror", None) or str(e) or type(e).__name__
        return RequestFailed(url, "connect", f"connection lost ({why})")
    if isinstance(e, ValueError):  # an unusable header value: never shown, it may hold the key
        return RequestFailed(url, "format", "the request could not be sent (a header such as "
                             "the API key is not one printable line)")
    return None
