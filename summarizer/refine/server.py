"""The ``openai`` backend: refinement by a model behind an OpenAI-compatible server
(vLLM, llama.cpp's server, Ollama, TGI, ``transformers serve``), often on another machine.

At start (before any work) the server is asked for its models (``GET /models``): a
server that cannot be reached, refuses the key, or does not serve ``refine.model`` is one
:class:`ServerUnavailable` naming the URL. The model's context is
``refine.openai.context_tokens``, else what the server says (vLLM's ``max_model_len``,
llama.cpp's ``/props``), else :data:`DEFAULT_CONTEXT`.

The prompt is ``refine.prompt`` with the extract's sentences one per line, each after its
article's number, fitted by whole sentences into the context less ``max_new_tokens``.
Lengths come from the server's tokenizer endpoint when it has one (vLLM's ``/tokenize``
counts the chat template too; llama.cpp's counts the text, plus
:data:`TEMPLATE_TOKENS`); otherwise from the estimate :func:`estimate_tokens`, one token
per 3 bytes of UTF-8 in English and per 1.5 bytes in any other language (below what an
English-centric BPE gives: :data:`BYTES_PER_TOKEN`) plus the template, against a budget
cut by :data:`ESTIMATE_MARGIN`. A server that still finds the prompt too long (an HTTP 400 about
the context) is asked again with a prompt a quarter shorter, up to three times.

Requests are deterministic (temperature 0, ``refine.openai.seed``; a server that rejects
``seed`` is asked without it) and their answers cached (:mod:`.cache`).

A server is not trusted: each request ends at ``refine.openai.timeout`` however slowly it
answers (a deadline for all of it, :mod:`.client`); a chat answer larger than
``max_new_tokens`` allows (:meth:`ServerGenerator.answer_cap`) is refused unread; the
rewrite is cut to the summary's word budget (:mod:`.refine`); and the API key or the
credentials of ``refine.openai.base_url`` never appear in a message or an answer.
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading

from ..parallel import map_ordered
from ..config import RefineConfig
from ..errors import ConfigError, ServerError, ServerRejected, ServerUnavailable, SummarizerError
from .cache import GenerationCache, generation_key
from .client import Client, RequestFailed, redact_url
from .prompt import Sentences, fit_prefix, numbered

log = logging.getLogger("summarizer")

DEFAULT_CONTEXT = 4096
TEMPLATE_TOKENS = 16
# UTF-8 bytes per token, below what the English-centric 49k BPE of SmolLM2 gives
# (benchmarks/token_estimate.py: English 4.0-4.4 on four datasets; French 2.8, Greek 2.1,
# Arabic 1.9; on our own fixtures Russian 2.3, Hindi 2.3, Hebrew 1.7, Chinese 1.6).
BYTES_PER_TOKEN = {"en": 3.0, None: 1.5}
ESTIMATE_MARGIN = 0.9
PROBE_TIMEOUT = 10.0
# A chat answer's cap: a token is at most a few characters, each at most 6 bytes as a
# JSON escape (\uXXXX), so 64 bytes a token is a wide margin; the envelope holds the rest
# of the JSON (ids, usage, finish reason).
BYTES_PER_ANSWER_TOKEN = 64
ANSWER_ENVELOPE = 64 << 10
_CONTEXT_KEYS = ("max_model_len", "context_length", "context_window", "max_context_length")
_OVERFLOW = re.compile(r"context|too long|maximum.*tokens|exceed", re.I)
_SHRINK = 0.75
_NO_MODEL = re.compile(r"does not exist|not found|unknown model|no such model|not served|"
                       r"pinned to", re.I)


def estimate_tokens(text: str, language: str | None = "en") -> int:
    """An upper estimate of the tokens of ``text`` in a chat message: one token per
    :data:`BYTES_PER_TOKEN` bytes of UTF-8 (by language), plus the template."""
    per = BYTES_PER_TOKEN.get(language, BYTES_PER_TOKEN[None])  # None: not known
    return math.ceil(len(text.encode("utf-8")) / per) + TEMPLATE_TOKENS


def api_key(cfg: RefineConfig) -> str | None:
    """The key from the environment variable ``refine.openai.api_key_env`` names (None: none)."""
    if cfg.openai.api_key_env is None:
        return None
    value = os.environ.get(cfg.openai.api_key_env, "").strip()
    if not value:
        raise ConfigError(f"refine.openai.api_key_env names ${cfg.openai.api_key_env}, which "
                          "is not set: export the server's API key in it")
    if not (value.isascii() and value.isprintable()):
        raise ConfigError(f"${cfg.openai.api_key_env} is not one line of printable ASCII, so it "
                          "cannot be an API key (its value is not shown)")
    return value


class ServerGenerator:
    """One model on one server; thread-safe, so clusters go in
    ``refine.openai.concurrency`` at a time."""

    def __init__(self, cfg: RefineConfig):
        self.cfg = cfg
        server = cfg.openai
        self.where = redact_url(server.base_url)  # the address as messages show it
        self.client = Client(server.base_url, api_key(cfg), server.timeout, server.retries,
                             server.backoff)
        self.probe_timeout = min(server.timeout, PROBE_TIMEOUT)
        self.model, entry = self._find_model(cfg)
        self._server_context = None
        self.counter = self._token_counter()
        self.context = self._context(entry)
        if self.budget() <= 0:
            raise ConfigError(f"refine.max_new_tokens={cfg.max_new_tokens} leaves no room for "
                              f"the input in the {self.context}-token context of {self.model!r}")
        self.cache = GenerationCache(cfg.openai.cache_dir) if cfg.cache else None
        self._seed = True
        # at most refine.openai.concurrency requests in flight, whichever threads send them
        self._slots = threading.BoundedSemaphore(cfg.openai.concurrency)

    # ------------------------------------------------------------ start-up checks

    def _unavailable(self, e: RequestFailed) -> ServerUnavailable:
        url = self.where
        if e.status in (401, 403):
            env = self.cfg.openai.api_key_env
            how = (f"check the key in ${env}" if env
                   else "set refine.openai.api_key_env to the variable that holds its API key")
            return ServerUnavailable(f"refine server {url} refused the request (HTTP {e.status}: "
                                     f"{e.message}); {how}")
        if e.status == 404:
            hint = (f"; did you mean {url}/v1?" if not url.endswith("/v1")
                    else "; is it an OpenAI-compatible server?")
            return ServerUnavailable(f"refine server {url} has no {url}/models{hint}")
        if e.status:
            return ServerUnavailable(f"refine server {url} answered HTTP {e.status} to "
                                     f"GET /models: {e.message}")
        return ServerUnavailable(f"refine server {url}: {e.message}; start it or fix "
                                 "refine.openai.base_url")

    def _find_model(self, cfg: RefineConfig) -> tuple[str, dict]:
        """(the served model's id, its /models entry), or ServerUnavailable."""
        try:
            doc = self.client.get("models", timeout=self.probe_timeout, retry=False)
        except RequestFailed as e:
            raise self._unavailable(e) from None
        listed = doc.get("data")
        entries = [m for m in listed if isinstance(m, dict) and "id" in m] \
            if isinstance(listed, list) else []
        ids = [str(m["id"]) for m in entries]
        for m in entries:  # Ollama lists "name:latest" and answers to "name" too
            if str(m["id"]) in (cfg.model, f"{cfg.model}:latest"):
                return str(m["id"]), m
        served = ", ".join(repr(self.client.scrub(i)[:100]) for i in ids[:8]) + (
            " ..." if len(ids) > 8 else "")
        raise ServerUnavailable(f"model {cfg.model!r} is not served by {self.where} "
                                f"(it serves: {served or 'nothing'}); set refine.model")

    def _token_counter(self):
        """A tokenizer endpoint of the server as a length function, or the estimate."""
        probe = [{"role": "user", "content": "Hello."}]
        tries = [("vllm", {"model": self.model, "messages": probe, "add_generation_prompt": True}),
                 ("llama.cpp", {"content": "Hello."})]
        for name, body in tries:
            try:
                doc = self.client.post(f"{self.client.root}/tokenize", body,
                                       timeout=self.probe_timeout, retry=False)
            except RequestFailed as e:
                if e.status in (404, 405, 501):
                    break  # no such endpoint
                continue
            if name == "vllm" and isinstance(doc.get("count"), int):
                self._server_context = doc.get("max_model_len")
                log.info("refine: prompt lengths from %s/tokenize (vLLM)", self.client.root)
                return self._vllm_length
            if name == "llama.cpp" and isinstance(doc.get("tokens"), list):
                log.info("refine: prompt lengths from %s/tokenize (llama.cpp)", self.client.root)
                return self._llamacpp_length
        log.info("refine: %s has no tokenizer endpoint; prompt lengths are estimated "
                 "(UTF-8 bytes: 3 a token in English, 1.5 otherwise)", self.where)
        return None

    def _context(self, entry: dict) -> int:
        if self.cfg.openai.context_tokens:
            return self.cfg.openai.context_tokens
        found = [entry.get(k) for k in _CONTEXT_KEYS] + [self._server_context]
        for value in found:
            if isinstance(value, int) and value > 0:
                return value
        try:  # llama.cpp: the context the server was started with
            props = self.client.get(f"{self.client.root}/props",
                                    timeout=self.probe_timeout, retry=False)
            n_ctx = (props.get("default_generation_settings") or {}).get("n_ctx")
            if isinstance(n_ctx, int) and n_ctx > 0:
                return n_ctx
        except RequestFailed:
            pass
        log.warning("refine: %s does not say the context length of %r; assuming %d tokens "
                    "(set refine.openai.context_tokens)", self.where, self.model, DEFAULT_CONTEXT)
        return DEFAULT_CONTEXT

    # ------------------------------------------------------------ lengths and fitting

    def _messages(self, prompt: str) -> list[dict]:
        return [{"role": "user", "content": prompt}]

    def _tokenize(self, body: dict, field: str, kind: type):
        try:
            doc = self.client.post(f"{self.client.root}/tokenize", body)
        except RequestFailed as e:
            raise self._failed(e, "counting tokens: ") from None
        value = doc.get(field)
        if not isinstance(value, kind):
            raise ServerRejected(f"refine server {self.client.root}/tokenize: the answer has "
                                 f"no {field!r} {kind.__name__}")
        return value

    def _vllm_length(self, prompt: str) -> int:
        return self._tokenize({"model": self.model, "messages": self._messages(prompt),
                               "add_generation_prompt": True}, "count", int)

    def _llamacpp_length(self, prompt: str) -> int:
        return len(self._tokenize({"content": prompt}, "tokens", list)) + TEMPLATE_TOKENS

    def budget(self) -> int:
        room = self.context - self.cfg.max_new_tokens
        if self.counter is None:
            room = int(room * ESTIMATE_MARGIN)
        return room

    def render(self, sentences: Sentences, cfg: RefineConfig) -> str:
        return cfg.prompt.replace("{text}", numbered(sentences))

    def fit(self, sentences: Sentences, cfg: RefineConfig, budget: int | None = None,
            language: str | None = "en") -> str | None:
        """The prompt for the longest prefix of ``sentences`` that fits ``budget`` tokens
        (default :meth:`budget`); ``language``: the extract's ISO code, for the estimate."""
        budget = self.budget() if budget is None else budget
        length = self.counter or (lambda text: estimate_tokens(text, language))
        text, kept = fit_prefix(sentences, lambda part: self.render(part, cfg), length, budget)
        if text is not None and kept < len(sentences):
            log.info("refine: %d of %d sentences fit %d prompt tokens", kept, len(sentences), budget)
        return text

    # ------------------------------------------------------------ generation

    def answer_cap(self) -> int:
        """The most bytes a chat answer may have: ``max_new_tokens`` tokens at a generous
        :data:`BYTES_PER_ANSWER_TOKEN` bytes each (JSON escapes included), plus
        :data:`ANSWER_ENVELOPE` for the rest of the JSON. A server that sends more
        ignored the limit: its answer is refused, not read."""
        return self.cfg.max_new_tokens * BYTES_PER_ANSWER_TOKEN + ANSWER_ENVELOPE

    def settings(self) -> dict:
        return {"temperature": 0, "seed": self.cfg.openai.seed,
                "max_tokens": self.cfg.max_new_tokens}

    def generate_one(self, prompt: str) -> str:
        """The model's answer to ``prompt``: from the cache, else from the server."""
        messages = self._messages(prompt)
        settings = self.settings()
        key = generation_key(self.model, messages, settings)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        body = {"model": self.model, "messages": messages, "stream": False, **settings}
        if not self._seed:
            body.pop("seed")
        try:
            with self._slots:
                doc = self.client.post("chat/completions", body, max_bytes=self.answer_cap())
        except RequestFailed as e:
            if e.status in (400, 422) and "seed" in e.message.lower() and "seed" in body:
                if self._seed:
                    log.info("refine: %s does not take a seed; asking without one",
                             self.where)
                self._seed = False
                return self.generate_one(prompt)
            raise
        text = _content(doc)
        if text is None:
            raise ServerRejected(f"refine server {self.where}: the answer has no "
                                 "choices[0].message.content")
        text = self.client.scrub(text, answer=True)  # a key the server echoes is never output
        if self.cache is not None and text.strip():  # an empty answer is asked again next time
            self.cache.put(key, text, model=self.model,
                           finish_reason=(doc.get("choices") or [{}])[0].get("finish_reason"))
        return text

    def refine_one(self, sentences: Sentences, cfg: RefineConfig,
                   language: str | None = "en") -> str | None:
        """The answer for ``sentences`` (None: not even one sentence fits), asking again
        with fewer sentences when the server says the prompt is too long."""
        budget = self.budget()
        for _ in range(4):
            prompt = self.fit(sentences, cfg, budget, language)
            if prompt is None:
                return None
            try:
                return self.generate_one(prompt)
            except RequestFailed as e:
                if e.status != 400 or not _OVERFLOW.search(e.message):
                    raise self._failed(e) from None
                budget = int(budget * _SHRINK)
                log.info("refine: the server found the prompt too long (%s); %d tokens now",
                         e.message, budget)
        raise ServerRejected(f"refine server {self.where}: the prompt is still too long "
                             f"for {self.model!r}; set refine.openai.context_tokens to its "
                             "context")

    def _failed(self, e: RequestFailed, what: str = "") -> SummarizerError:
        """Unavailable (the model is gone: stop), transient (retry on a later run), or
        rejected for good."""
        if e.status in (400, 404) and _NO_MODEL.search(e.message):
            return ServerUnavailable(f"refine server {self.where} does not serve "
                                     f"{self.model!r}: {e.message}")
        if e.retryable or e.kind in ("timeout", "stopped"):
            return ServerError(f"refine server {what}{e}")
        return ServerRejected(f"refine server {what}{e}")

    def refine_each(self, inputs: list[Sentences], cfg: RefineConfig,
                    languages: list[str | None] | None = None) -> list[str | None | SummarizerError]:
        """:meth:`refine_one` for each input, ``refine.openai.concurrency`` at a time; a failure
        is returned in its place, so the others go on."""
        languages = languages or ["en"] * len(inputs)

        def one(task):
            try:
                return self.refine_one(task[0], cfg, task[1])
            except SummarizerError as e:
                return e

        tasks = list(zip(inputs, languages))
        return list(map_ordered(one, tasks, min(cfg.openai.concurrency, len(tasks))))


def _content(doc: dict) -> str | None:
    try:
        text = doc["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        return None
    return text if isinstance(text, str) else None
