"""The sections of the optional abstractive rewrite (``refine``): what both backends read,
and each backend's own parameters in the section of its name."""

from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import Field, field_validator, model_validator

from .bounds import MAX_COUNT, Amount, Count, Seed, _Strict, _changed


class OpenAIRefineConfig(_Strict):
    """``refine.openai``: a model behind an OpenAI-compatible server (refine/server.py).

    The API key is read from the environment variable ``api_key_env`` names (never from a
    file); ``timeout`` seconds per answer; ``concurrency`` clusters in flight; ``retries``
    on 429, 5xx and lost connections, ``backoff`` seconds doubling (or the server's
    Retry-After); ``context_tokens`` the model's context when the server does not say it;
    ``seed`` for servers that take one; answers are kept under ``cache_dir`` (default
    ``$SUMMARIZER_CACHE/generations``)."""

    base_url: str = "http://127.0.0.1:8000/v1"
    api_key_env: Optional[str] = None
    timeout: float = Field(120.0, gt=0, le=86_400)  # seconds: a day at most
    concurrency: int = Field(4, ge=1, le=256)
    retries: int = Field(3, ge=0, le=20)
    backoff: float = Field(1.0, ge=0, le=3600)
    context_tokens: Optional[int] = Field(None, ge=64, le=MAX_COUNT)
    seed: Seed = 0
    cache_dir: Optional[str] = None

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        v = v.strip().rstrip("/")
        if not v.startswith(("http://", "https://")) or len(v.split("://", 1)[1]) == 0:
            raise ValueError("must be an http:// or https:// URL, e.g. http://127.0.0.1:8000/v1")
        return v

    @field_validator("api_key_env")
    @classmethod
    def _env_name(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v):
            raise ValueError("must be the NAME of an environment variable (the key itself "
                             "never goes in a config), e.g. OPENAI_API_KEY")
        return v


class TransformersRefineConfig(_Strict):
    """``refine.transformers``: the model loaded into this process (refine/generation.py).

    kind: auto reads seq2seq/causal from the model's config; max_input_tokens: a cap below
    the model's own input length (speed on CPU); generation is greedy or beam search
    (``num_beams``), ``batch_size`` clusters at a time."""

    kind: Literal["auto", "seq2seq", "causal"] = "auto"
    device: str = "auto"
    dtype: Literal["auto", "float32", "float16", "bfloat16"] = "auto"
    local_files_only: bool = False
    trust_remote_code: bool = False
    max_input_tokens: Optional[int] = Field(None, ge=16, le=MAX_COUNT)
    num_beams: int = Field(4, ge=1, le=64)  # each beam is a copy of the model's state
    min_new_tokens: int = Field(0, ge=0, le=100_000)
    no_repeat_ngram_size: int = Field(3, ge=0, le=1000)  # transformers slices per position
    # Beam scores are divided by length^penalty: negative favours shorter; beyond +-10
    # the power overflows.
    length_penalty: float = Field(1.0, ge=-10, le=10)
    batch_size: Count = 4


class RefineConfig(_Strict):
    """Optional abstractive rewrite of the extract (refine/), then the guard.

    backend (a name in summarizer/tables.py): ``transformers`` loads ``model`` (a hub id or
    a local directory) into this process; ``openai`` sends the prompt to an
    OpenAI-compatible server (vLLM, llama.cpp, Ollama, TGI, ``transformers serve``) that
    serves ``model``. Each backend's own parameters are in the section of its name
    (``refine.openai``, ``refine.transformers``); when refinement is on, one set for the
    backend not chosen is a config error, never silently ignored. What both read:
    prompt: for causal and server models, ``{text}`` stands for the extract's sentences.
    extra_sentences: next-best sentences added after the extract while they fit.
    max_new_tokens: the longest answer, in tokens.
    cache: reuse stored answers (``--no-cache``: false; only a server's are stored).
    guard: what to do with names, numbers and dates no source states (faithfulness/)."""

    enabled: bool = False
    backend: str = "transformers"
    model: str = "facebook/bart-large-cnn"
    prompt: str = (
        "Summarize the following news sentences into one short, factual paragraph. "
        "Use only facts stated in them.\n\n{text}"
    )
    extra_sentences: Amount = 0
    # A summary, not a book: what is read from a server is capped from this.
    max_new_tokens: int = Field(160, ge=1, le=100_000)
    cache: bool = True
    guard: Literal["off", "flag", "drop", "fallback"] = "flag"
    openai: OpenAIRefineConfig = OpenAIRefineConfig()
    transformers: TransformersRefineConfig = TransformersRefineConfig()

    @field_validator("guard", mode="before")
    @classmethod
    def _yaml_off(cls, v):
        return "off" if v is False else v  # YAML reads a bare `off` as false

    @field_validator("prompt")
    @classmethod
    def _prompt_has_text(cls, v: str) -> str:
        if "{text}" not in v:
            raise ValueError("must contain {text}, where the sentences go")
        return v

    @model_validator(mode="after")
    def _one_backend(self) -> "RefineConfig":
        """In a config that refines, a parameter of a backend other than ``backend`` would
        be silently ignored: one that differs from its default is an error (a dumped
        config, which lists every default, loads again). Refinement off reads no refine
        setting, so an evaluation's ``--set`` may reach its extractive base config too.
        An unknown backend is left to Config._known_names."""
        from ..tables import REFINE_BACKENDS

        if not self.enabled or self.backend not in REFINE_BACKENDS:
            return self
        for other in [name for name in REFINE_BACKENDS.names() if name != self.backend]:
            changed = _changed(getattr(self, other))
            if changed:
                raise ValueError(f"config key refine.{other}.{changed[0]}: a setting of the "
                                 f"{other} backend, but refine.backend is {self.backend} "
                                 f"(set refine.backend={other}, or leave it out)")
        return self


# The keys that sat flat in ``refine`` before it had a section per backend, old -> new.
REFINE_MOVED = {f"refine.{key}": f"refine.{name}.{key}"
                for name, section in (("openai", OpenAIRefineConfig),
                                      ("transformers", TransformersRefineConfig))
                for key in section.model_fields}
