"""The one model loader (summarizer.models) that refine and the embeddings share: a model
on its device in eval mode, full precision on CPU, and one clear error for a model that
cannot be had, without waiting on the network."""

from __future__ import annotations

import time

import pytest

from summarizer.errors import ConfigError, ModelUnavailable
from summarizer.models import load_model, resolve_device
from summarizer.similarity import resolve_embedding_model


def test_a_model_loads_on_its_device_in_eval_mode_in_full_precision_on_cpu(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    where = resolve_embedding_model("sentence-transformers/all-MiniLM-L6-v2")
    tokenizer, model = load_model(where, "encoder", "cpu", dtype="auto")
    assert not model.training and model.device.type == "cpu"
    assert {str(p.dtype) for p in model.parameters()} == {"torch.float32"}
    _, half = load_model(where, "encoder", "cpu", dtype="bfloat16")  # asked for: kept
    assert {str(p.dtype) for p in half.parameters()} == {"torch.bfloat16"}
    assert tokenizer("a test")["input_ids"]


def test_a_model_that_cannot_be_had_is_one_error_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    (tmp_path / "not-a-model").mkdir()
    start = time.monotonic()
    for name, why in [(str(tmp_path / "absent"), "no such directory"),
                      (str(tmp_path / "not-a-model"), "has no config.json"),
                      ("someone/unknown-model", "not available offline")]:
        with pytest.raises(ModelUnavailable, match=why) as error:
            load_model(name, "encoder", "cpu")
        assert "\n" not in str(error.value)
    assert time.monotonic() - start < 5
    with pytest.raises(ConfigError, match="^similarity.embeddings.device 'toaster' is not"):
        resolve_device("toaster", "similarity.embeddings.device")
    assert resolve_device("cpu") == "cpu"
