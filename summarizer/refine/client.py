"""JSON over HTTP for OpenAI-compatible servers, with the standard library only.

Every request has a timeout; 429, 5xx and lost connections are retried ``retries`` times
with exponential backoff (``backoff`` seconds, doubling, or the server's ``Retry-After``,
at most :data:`MAX_WAIT` seconds); a request that times out is not retried, since the
server is still working on it. Failures are one :class:`RequestFailed` whose message
names the URL. Loopback URLs never go through a proxy from the environment.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import logging
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

log = logging.getLogger("summarizer")

MAX_WAIT = 60.0
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
# Set on Ctrl-C (summarizer.concurrency.map_ordered): no request starts or retries after it.
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


def error_message(body: bytes) -> str:
    """The server's own words from an error body (OpenAI's ``error.message``, FastAPI's
    ``detail``, or the text), on one line of at most 300 characters."""
    text = body.decode("utf-8", "replace").strip()
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if isinstance(doc, dict):
        err = doc.get("error", doc.get("detail", doc.get("message")))
        if isinstance(err, dict):
            err = err.get("message", err)
        if err is not None:
            text = err if isinstance(err, str) else json.dumps(err)
    return " ".join(text.split())[:300] or "(no message)"


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date: not worth parsing, the backoff applies
        return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are errors: urllib would send the Authorization header on to any host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Client:
    """Requests to ``base_url`` (e.g. ``http://127.0.0.1:8000/v1``)."""

    base_url: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 120.0
    retries: int = 3
    backoff: float = 1.0

    def __post_init__(self):
        self.base_url = self.base_url.rstrip("/")
        host = urlsplit(self.base_url).hostname
        handlers = [urllib.request.ProxyHandler({})] if _loopback(host) else []
        self._opener = urllib.request.build_opener(*handlers, _NoRedirect())

    @property
    def root(self) -> str:
        """The server's address without the API path (``/v1``): where vLLM and llama.cpp
        put ``/tokenize``."""
        url = urlsplit(self.base_url)
        path = url.path[:-3] if url.path.endswith("/v1") else url.path
        return f"{url.scheme}://{url.netloc}{path}"

    def url(self, path: str) -> str:
        return path if "://" in path else f"{self.base_url}/{path.lstrip('/')}"

    def get(self, path: str, timeout: float | None = None, retry: bool = True) -> dict:
        return self.request("GET", path, None, timeout, retry)

    def post(self, path: str, body: dict, timeout: float | None = None, retry: bool = True) -> dict:
        return self.request("POST", path, body, timeout, retry)

    def request(self, method: str, path: str, body: dict | None, timeout: float | None = None,
                retry: bool = True) -> dict:
        """The JSON answer; retryable failures are retried ``retries`` times."""
        attempt = 0
        while True:
            if STOP.is_set():
                raise RequestFailed(self.url(path), "stopped", "interrupted")
            try:
                return self._once(method, self.url(path), body, timeout or self.timeout)
            except RequestFailed as e:
                if not (retry and e.retryable and attempt < self.retries):
                    e.attempts = attempt + 1
                    e.args = (e.describe(),)
                    raise
                wait = e.retry_after if e.retry_after is not None else self.backoff * 2 ** attempt
                wait = min(wait, MAX_WAIT)
                log.info("refine: %s; retrying in %.1f s", e, wait)
                STOP.wait(wait)
                attempt += 1

    def _once(self, method: str, url: str, body: dict | None, timeout: float) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self._opener.open(req, timeout=timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            try:
                with e:
                    message = error_message(e.read())
            except (OSError, http.client.HTTPException):  # the body was cut off
                message = "(no message)"
            if 300 <= e.code < 400:
                where = e.headers.get("Location", "?")
                raise RequestFailed(url, "http", f"redirected to {where}: set refine.base_url "
                                    "to the address itself (keys are not sent on)", e.code) from None
            raise RequestFailed(url, "http", message, e.code,
                                _retry_after(e.headers.get("Retry-After"))) from None
        except (TimeoutError, socket.timeout):
            raise RequestFailed(url, "timeout", f"no answer within {timeout:g} s "
                                "(refine.timeout)") from None
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise RequestFailed(url, "timeout", f"no answer within {timeout:g} s "
                                    "(refine.timeout)") from None
            why = getattr(reason, "strerror", None) or str(reason)
            raise RequestFailed(url, "connect", f"cannot connect ({why})") from None
        except (http.client.HTTPException, ConnectionError, OSError) as e:
            why = getattr(e, "strerror", None) or str(e) or type(e).__name__
            raise RequestFailed(url, "connect", f"connection lost ({why})") from None
        except ValueError:  # an unusable header value: never shown, it may hold the key
            raise RequestFailed(url, "format", "the request could not be sent (a header "
                                "such as the API key is not one printable line)") from None
        try:
            doc = json.loads(raw)
        except ValueError:
            raise RequestFailed(url, "format", "the answer is not JSON: "
                                f"{error_message(raw)[:80]!r}") from None
        if not isinstance(doc, dict):
            raise RequestFailed(url, "format", "the answer is not a JSON object")
        return doc
