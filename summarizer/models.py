"""Transformers models by hub id or local directory, offline-safe: the one loader that
refine's in-process model and the embedding similarity share.

A model that is not available gives one :class:`ModelUnavailable` naming the model and how
to provide it, instead of a stack trace or a network hang. Hub ids are only looked up
online when the environment allows it (``HF_HUB_OFFLINE`` unset and ``local_files_only``
false), and only after a quick probe (a TCP connection, at most a few seconds) finds the
hub endpoint reachable: without a route to it, huggingface_hub would retry every file for
about half a minute, logging each retry. A hub that cannot be reached means the cached copy
(if any) is used as if offline, else one error.

torch and transformers are imported only when a model is loaded.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

from .errors import ConfigError, ModelUnavailable

_HOW = ("pass a local directory saved with save_pretrained(), or pre-download it into the "
        "Hugging Face cache on a machine with network access")


def hub_offline(local_files_only: bool = False) -> bool:
    return local_files_only or os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0", "false")


def resolve_model_path(name: str, local_files_only: bool = False) -> tuple[str, bool]:
    """Return (where to load from, local_files_only) or raise ModelUnavailable.

    A path that looks like a directory must exist and hold a ``config.json``. A hub id is
    used from the local cache when offline, and raises when it is not cached."""
    path = Path(name).expanduser()
    if path.exists() or name.startswith((".", "/", "~")):
        if not path.is_dir():
            raise ModelUnavailable(f"model {name!r}: no such directory; {_HOW}")
        if not (path / "config.json").exists():
            raise ModelUnavailable(f"model {name!r}: directory has no config.json, so it is "
                                   f"not a saved transformers model; {_HOW}")
        return str(path), True
    offline = hub_offline(local_files_only)
    if offline:
        if not _cached(name):
            raise ModelUnavailable(
                f"model {name!r} is not available offline (HF_HUB_OFFLINE=1 or "
                f"local_files_only): it is not in the Hugging Face cache; {_HOW}")
        return name, True
    endpoint = hub_endpoint()
    unreachable = _unreachable(endpoint)
    if unreachable:
        if _cached(name):
            return name, True  # the cached copy, without asking a hub that cannot answer
        raise ModelUnavailable(
            f"model {name!r} is not in the Hugging Face cache and the hub cannot be reached "
            f"({endpoint}: {unreachable}); {_HOW}")
    return name, False


def _cached(name: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache

        return isinstance(try_to_load_from_cache(name, "config.json"), str)
    except Exception:  # malformed repo id
        return False


def hub_endpoint() -> str:
    """The hub URL huggingface_hub will use (``HF_ENDPOINT``, else huggingface.co)."""
    endpoint = os.environ.get("HF_ENDPOINT", "").strip()
    if not endpoint:
        try:
            from huggingface_hub import constants

            endpoint = constants.ENDPOINT
        except Exception:
            endpoint = "https://huggingface.co"
    return endpoint.rstrip("/")


PROBE_SECONDS = 3.0


@lru_cache(maxsize=8)
def _unreachable(endpoint: str) -> str | None:
    """Why ``endpoint`` (or the proxy that requests to it would use) cannot be reached by
    TCP within :data:`PROBE_SECONDS`, or None when it can. Name lookup included: it runs
    in a thread, since getaddrinfo itself has no timeout."""
    url = urlsplit(endpoint)
    if not url.hostname:
        return f"not a URL: {endpoint!r}"
    target = url
    proxy = getproxies().get(url.scheme) if not proxy_bypass(url.hostname) else None
    if proxy:
        target = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    host = target.hostname or ""
    port = target.port or (443 if target.scheme == "https" else 80)
    via = f" (proxy {host}:{port})" if proxy else ""
    outcome: list[str | None] = []

    def probe() -> None:
        try:
            socket.create_connection((host, port), timeout=PROBE_SECONDS).close()
            outcome.append(None)
        except OSError as e:
            outcome.append(f"{e.strerror or e}{via}")

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(PROBE_SECONDS + 0.5)
    if not outcome:
        return f"no answer within {PROBE_SECONDS:.0f} s{via}"
    return outcome[0]


@contextmanager
def _quiet_hub():
    """huggingface_hub logs every retry as a warning (and the root handler repeats it);
    the one error we raise says what matters."""
    logger = logging.getLogger("huggingface_hub")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def load_tokenizer_and_model(name: str, kind: str = "seq2seq", local_files_only: bool = False,
                             trust_remote_code: bool = False, dtype: str = "auto"):
    """Load (tokenizer, model) for ``kind`` in {"encoder", "seq2seq", "causal"}."""
    where, offline = resolve_model_path(name, local_files_only)
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "5")
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "10")
    import transformers

    transformers.utils.logging.disable_progress_bar()
    auto = {"encoder": transformers.AutoModel,
            "seq2seq": transformers.AutoModelForSeq2SeqLM,
            "causal": transformers.AutoModelForCausalLM}[kind]
    kwargs = dict(local_files_only=offline, trust_remote_code=trust_remote_code)
    model_kwargs = dict(kwargs)
    if dtype != "auto":
        import torch

        model_kwargs["dtype"] = getattr(torch, dtype)
    try:
        with _quiet_hub():
            tokenizer = transformers.AutoTokenizer.from_pretrained(where, **kwargs)
            model = auto.from_pretrained(where, use_safetensors=None, **model_kwargs)
    except ValueError as e:
        if "Unrecognized configuration class" in str(e) or "does not appear" in str(e):
            raise ModelUnavailable(f"model {name!r} is not a {kind} model: {str(e).splitlines()[0]}") from None
        raise ModelUnavailable(f"model {name!r} could not be loaded: {str(e).splitlines()[0]}") from None
    except OSError as e:
        raise ModelUnavailable(f"model {name!r} could not be loaded ({str(e).splitlines()[0]}); {_HOW}") from None
    return tokenizer, model


def load_model_config(name: str, local_files_only: bool = False, trust_remote_code: bool = False):
    """The transformers config of ``name`` (no weights), or ModelUnavailable."""
    where, offline = resolve_model_path(name, local_files_only)
    import transformers

    try:
        with _quiet_hub():
            return transformers.AutoConfig.from_pretrained(
                where, local_files_only=offline, trust_remote_code=trust_remote_code)
    except (ValueError, OSError) as e:
        raise ModelUnavailable(f"model {name!r}: its config cannot be read "
                               f"({str(e).splitlines()[0]}); {_HOW}") from None


def resolve_device(device: str, setting: str = "device") -> str:
    """``auto`` is cuda, then mps, then cpu; a named device must exist (``setting`` is the
    config key named in the error)."""
    import torch

    mps = getattr(torch.backends, "mps", None)
    mps_ok = bool(mps and mps.is_available())
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "mps" if mps_ok else "cpu"
    try:
        kind = torch.device(device).type
    except (RuntimeError, ValueError):
        raise ConfigError(f"{setting} {device!r} is not a device (auto, cpu, cuda, cuda:1, mps)") from None
    if kind == "cuda" and not torch.cuda.is_available():
        raise ConfigError(f"{setting} {device!r}: no CUDA device is available; use auto or cpu")
    if kind == "mps" and not mps_ok:
        raise ConfigError(f"{setting} {device!r}: MPS is not available; use auto or cpu")
    return device


def load_model(name: str, kind: str, device: str, dtype: str = "auto",
               local_files_only: bool = False, trust_remote_code: bool = False):
    """(tokenizer, model) of ``name`` on ``device`` (already resolved), in eval mode.
    Half precision is slow or unsupported on CPU, so ``dtype`` "auto" keeps the
    checkpoint's dtype on an accelerator only."""
    if dtype == "auto" and device == "cpu":
        dtype = "float32"
    tokenizer, model = load_tokenizer_and_model(name, kind, local_files_only,
                                                trust_remote_code, dtype)
    model.to(device).eval()
    return tokenizer, model
