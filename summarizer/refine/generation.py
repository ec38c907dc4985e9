"""A loaded text-generation model with the input conventions of its family.

Seq2seq models (BART, PEGASUS, T5/Flan-T5, LED/PRIMERA) read the sentences as one text: T5
expects a "summarize: " task prefix, PRIMERA was trained on documents joined with its
``<doc-sep>`` token, and LED needs global attention on the first token. Causal models
read ``refine.prompt`` through their chat template when they have one. Every input is
fitted to the model's input length by whole sentences, counted by its own tokenizer.

torch and transformers are imported here only, and this module only when refinement is on.
"""

from __future__ import annotations

import logging

from ..config import RefineConfig
from ..errors import ModelUnavailable
from ..models import load_model, load_model_config, resolve_device
from .prompt import fit_prefix

log = logging.getLogger("summarizer")

DOC_SEP = "<doc-sep>"
_T5_TYPES = {"t5", "mt5", "umt5", "longt5"}
_LENGTH_KEYS = ("max_encoder_position_embeddings", "max_position_embeddings", "n_positions",
                "max_source_positions", "seq_length")
_FALLBACK_LENGTH = 1024


def generation_kind(config, requested: str, name: str) -> str:
    """"seq2seq" or "causal" for a text-generation model; ``requested`` "auto" reads it from
    the config (``is_encoder_decoder``, else a causal-LM architecture). A model that cannot
    generate text (an encoder such as BERT) or is not the requested kind raises
    ModelUnavailable."""
    archs = list(getattr(config, "architectures", None) or [])
    model_type = getattr(config, "model_type", "?")
    if getattr(config, "is_encoder_decoder", False):
        actual = "seq2seq"
    elif any(a.endswith(("ForCausalLM", "LMHeadModel", "ForConditionalGeneration")) for a in archs):
        actual = "causal"
    elif not archs and _causal_type(model_type):
        actual = "causal"
    else:
        actual = None
    if actual is None:
        what = f"{model_type} ({', '.join(archs)})" if archs else model_type
        raise ModelUnavailable(
            f"model {name!r} is a {what} model, which cannot generate text: refinement needs "
            f"a seq2seq model (BART, PEGASUS, T5, LED) or a causal language model")
    if requested not in ("auto", actual):
        raise ModelUnavailable(
            f"model {name!r} is a {actual} model ({model_type}), not {requested}; "
            f"set refine.transformers.kind={actual} or refine.transformers.kind=auto")
    return actual


def _causal_type(model_type: str) -> bool:
    """A config without architectures: causal if transformers maps its type to a causal LM
    and not to a masked LM (BERT-style encoders have both)."""
    from transformers.models.auto import modeling_auto as m

    return (model_type in m.MODEL_FOR_CAUSAL_LM_MAPPING_NAMES
            and model_type not in m.MODEL_FOR_MASKED_LM_MAPPING_NAMES)


class Generator:
    """Tokenizer and model of one refine config, on its device, ready to generate."""

    def __init__(self, cfg: RefineConfig):
        own = cfg.transformers
        config = load_model_config(cfg.model, own.local_files_only, own.trust_remote_code)
        self.kind = generation_kind(config, own.kind, cfg.model)
        self.device = resolve_device(own.device, "refine.transformers.device")
        self.tokenizer, self.model = load_model(cfg.model, self.kind, self.device, own.dtype,
                                                own.local_files_only, own.trust_remote_code)
        self.model_type = getattr(self.model.config, "model_type", "")
        tok = self.tokenizer
        if tok.pad_token is None:
            if tok.eos_token is None:
                raise ModelUnavailable(f"model {cfg.model!r}: its tokenizer has neither a "
                                       "padding nor an end-of-sequence token")
            tok.pad_token = tok.eos_token
        if self.kind == "causal":
            tok.padding_side = "left"
        self.chat = self.kind == "causal" and bool(getattr(tok, "chat_template", None))
        self.doc_sep = self.kind == "seq2seq" and DOC_SEP in tok.get_vocab()

    def max_input_tokens(self, cfg: RefineConfig) -> int:
        """The model's input length, less room for the output of a causal model."""
        limits = [getattr(self.model.config, k) for k in _LENGTH_KEYS
                  if isinstance(getattr(self.model.config, k, None), int)]
        model_max = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(model_max, int) and model_max < 1_000_000:
            limits.append(model_max)
        length = min(limits) if limits else _FALLBACK_LENGTH
        if self.kind == "causal":
            length -= cfg.max_new_tokens
        if cfg.transformers.max_input_tokens:
            length = min(length, cfg.transformers.max_input_tokens)
        return length

    def render(self, sentences: list[tuple[int, str]], cfg: RefineConfig) -> str:
        """The model input for (article index, sentence) pairs, in the family's format."""
        if self.doc_sep:
            groups: dict[int, list[str]] = {}
            for article, text in sentences:
                groups.setdefault(article, []).append(text)
            body = f" {DOC_SEP} ".join(" ".join(g) for g in groups.values())
        elif self.kind == "causal":
            body = "\n".join(text for _, text in sentences)
        else:
            body = " ".join(text for _, text in sentences)
        if self.kind == "seq2seq":
            return f"summarize: {body}" if self.model_type in _T5_TYPES else body
        prompt = cfg.prompt.replace("{text}", body)
        if self.chat:
            return self.tokenizer.apply_chat_template(
                [{"role": "user", "content": prompt}], tokenize=False, add_generation_prompt=True)
        return prompt

    @property
    def _special_tokens(self) -> bool:
        return not self.chat  # a chat template writes its own special tokens

    def length(self, text: str) -> int:
        enc = self.tokenizer(text, add_special_tokens=self._special_tokens, verbose=False)
        return len(enc["input_ids"])

    def fit(self, sentences: list[tuple[int, str]], cfg: RefineConfig) -> str | None:
        """The input for the longest prefix of ``sentences`` that fits the model, or None
        when not even the first sentence does. Sentences are never cut."""
        budget = self.max_input_tokens(cfg)
        text, kept = fit_prefix(sentences, lambda part: self.render(part, cfg), self.length,
                                budget)
        if text is not None and kept < len(sentences):
            log.info("refine: %d of %d sentences fit the model's %d input tokens",
                     kept, len(sentences), budget)
        return text

    def refine_each(self, inputs: list[list[tuple[int, str]]], cfg: RefineConfig,
                    languages: list[str | None] | None = None) -> list[str | None]:
        """The output for each input (None: not even one sentence fits), generated in
        batches of ``refine.transformers.batch_size``. (``languages`` is not needed: the
        model's own tokenizer counts every input.)"""
        texts = [self.fit(sentences, cfg) for sentences in inputs]
        todo = [i for i, text in enumerate(texts) if text is not None]
        out: list[str | None] = [None] * len(inputs)
        size = cfg.transformers.batch_size
        for start in range(0, len(todo), size):
            batch = todo[start:start + size]
            for i, text in zip(batch, self.generate([texts[i] for i in batch], cfg)):
                out[i] = text
        return out

    def generate(self, texts: list[str], cfg: RefineConfig) -> list[str]:
        """One output per input text, deterministic (greedy or beam search)."""
        import torch

        window = getattr(self.model.config, "attention_window", None)  # LED pads to it
        multiple = max(window) if isinstance(window, list) else window
        enc = self.tokenizer(texts, return_tensors="pt", padding=True,
                             pad_to_multiple_of=multiple if self.model_type == "led" else None,
                             add_special_tokens=self._special_tokens)
        inputs = {k: enc[k].to(self.device) for k in ("input_ids", "attention_mask")}
        own = cfg.transformers
        kwargs = dict(num_beams=own.num_beams, max_new_tokens=cfg.max_new_tokens,
                      min_new_tokens=own.min_new_tokens, do_sample=False,
                      no_repeat_ngram_size=own.no_repeat_ngram_size,
                      length_penalty=own.length_penalty,
                      early_stopping=own.num_beams > 1,
                      pad_token_id=self.tokenizer.pad_token_id)
        if self.model_type == "led":
            glob = torch.zeros_like(inputs["input_ids"])
            glob[:, 0] = 1
            kwargs["global_attention_mask"] = glob
        with torch.inference_mode():
            out = self.model.generate(**inputs, **kwargs)
        if self.kind == "causal":
            out = out[:, inputs["input_ids"].shape[1]:]
        return [" ".join(t.split()) for t in self.tokenizer.batch_decode(out, skip_special_tokens=True)]
