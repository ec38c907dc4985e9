"""Start and drive a real OpenAI-compatible server (tests/openai_server.py) from pytest.

    from servers import OpenAIServer

    with OpenAIServer().start(model_dir) as server:   # transformers serve on a free port
        client = OpenAI(base_url=server.url, api_key="none")
        server.fail(429, times=1, retry_after=0)      # the next chat completion gets a 429
        server.delay(2.0)                             # every later one waits 2 s first
        assert server.count() == 1                    # POST /v1/chat/completions requests seen

Stdlib only (subprocess, socket, urllib), so it works wherever the tests run.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

SCRIPT = Path(__file__).resolve().with_name("openai_server.py")
CHAT = "POST /v1/chat/completions"


# loopback requests never go through a proxy from the environment
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OpenAIServer:
    """``transformers serve`` pinned to one model, in its own process group, with test hooks."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.root = self.url = self.model = ""
        self.log: Path | None = None
        self._log_file = None

    @property
    def pid(self) -> int | None:
        return None if self.proc is None else self.proc.pid

    def start(self, model_dir, tokenize: bool = False, timeout: float = 90) -> OpenAIServer:
        """Launch the server on a free port and wait until ``GET /health`` answers 200."""
        self.port = free_port()
        self.model = str(model_dir)
        self.root = f"http://127.0.0.1:{self.port}"
        self.url = self.root + "/v1"
        self.log = Path(tempfile.mkdtemp(prefix="openai-server-")) / "server.log"
        self._log_file = open(self.log, "wb")
        cmd = [sys.executable, str(SCRIPT), self.model, "--port", str(self.port)]
        if tokenize:
            cmd.append("--tokenize")
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(cmd, stdout=self._log_file, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                self._fail_start(f"exited with {self.proc.returncode}")
            try:
                with _DIRECT.open(self.root + "/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                self.kill()
                self._fail_start(f"did not answer /health within {timeout} s")
            time.sleep(0.25)

    def _fail_start(self, why: str):
        raise RuntimeError(f"openai_server.py {why}; last lines of {self.log}:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    # ---- test hooks ----

    def _call(self, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.root + path, data=data,
                                     headers={"Content-Type": "application/json"})
        with _DIRECT.open(req, timeout=10) as r:
            return json.loads(r.read())

    def stats(self) -> dict:
        """Requests seen, as ``{"POST /v1/chat/completions": n, ...}`` (hooks not counted)."""
        return self._call("/_test/stats")["requests"]

    def count(self, path: str = CHAT) -> int:
        return self.stats().get(path, 0)

    def max_in_flight(self) -> int:
        """The most chat completions the server has handled at once (since the last reset)."""
        return self._call("/_test/stats")["max_in_flight"]

    def fail(self, status: int, times: int = 1, retry_after: float | None = None,
             message: str | None = None) -> None:
        """Answer the next ``times`` chat completions with ``status`` (and ``Retry-After``,
        and ``message`` as the error's text)."""
        self._call("/_test/fail", {"status": status, "times": times, "retry_after": retry_after,
                                   "message": message})

    def delay(self, seconds: float) -> None:
        """Make every later chat completion wait ``seconds`` first; 0 turns it off."""
        self._call("/_test/delay", {"seconds": seconds})

    def reset(self) -> None:
        """Clear the counters, pending failures and the delay."""
        self._call("/_test/reset", {})

    # ---- lifetime ----

    def _signal(self, sig: int) -> None:
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def kill(self) -> None:
        """SIGKILL the server's process group and wait for it (a crash, as a test sees it)."""
        if self.proc is None:
            return
        self._signal(signal.SIGKILL)
        self.proc.wait()
        self._close_log()

    def stop(self, timeout: float = 10) -> None:
        """SIGTERM, wait up to ``timeout`` seconds, then SIGKILL."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        self.kill()

    def _close_log(self) -> None:
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> OpenAIServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
