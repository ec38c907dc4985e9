"""Tiny random transformers models built at test time, saved with ``save_pretrained`` so
they load through exactly the code path a real model uses.

A byte-level BPE tokenizer trained on the example cluster, and BART, T5, LED (with a
``<doc-sep>`` token), LLaMA (with a chat template), GPT-2 (without one) and an
encoder-only BERT for the wrong-kind error. Built once per test session.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-bridge"
SPECIALS = ["<pad>", "<s>", "</s>", "<unk>"]
CHAT_TEMPLATE = ("{% for m in messages %}<s>{{ m['role'] }}\n{{ m['content'] }}</s>\n{% endfor %}"
                 "{% if add_generation_prompt %}<s>assistant\n{% endif %}")
_BUILT: dict[str, Path] = {}


def _tokenizer(doc_sep: bool = False, chat: bool = False):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    lines = [line for f in sorted(EXAMPLE.glob("*.txt"))
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = SPECIALS + (["<doc-sep>"] if doc_sep else [])
    tok.train_from_iterator(lines, trainers.BpeTrainer(
        vocab_size=600, special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>",
                                   pad_token="<pad>", unk_token="<unk>", model_max_length=256)
    if chat:
        fast.chat_template = CHAT_TEMPLATE
    return fast


def _save(model, tokenizer, path: Path) -> Path:
    model.save_pretrained(path)
    if tokenizer is not None:
        tokenizer.save_pretrained(path)
    return path


def build(root: Path) -> dict[str, Path]:
    """Save every tiny model under ``root``; returns name -> directory. Built once."""
    if _BUILT:
        return _BUILT
    import torch
    import transformers as tf

    torch.manual_seed(0)
    tok = _tokenizer()
    ids = dict(vocab_size=len(tok), pad_token_id=tok.pad_token_id, bos_token_id=tok.bos_token_id,
               eos_token_id=tok.eos_token_id)
    small = dict(encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                 decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, d_model=32)
    _BUILT["bart"] = _save(tf.BartForConditionalGeneration(tf.BartConfig(
        **ids, **small, max_position_embeddings=256, decoder_start_token_id=tok.eos_token_id)),
        tok, root / "bart")
    _BUILT["t5"] = _save(tf.T5ForConditionalGeneration(tf.T5Config(
        vocab_size=len(tok), d_model=32, d_kv=16, d_ff=64, num_layers=1, num_decoder_layers=1,
        num_heads=2, pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.pad_token_id)), tok, root / "t5")
    led_tok = _tokenizer(doc_sep=True)
    _BUILT["led"] = _save(tf.LEDForConditionalGeneration(tf.LEDConfig(
        vocab_size=len(led_tok), pad_token_id=led_tok.pad_token_id,
        bos_token_id=led_tok.bos_token_id, eos_token_id=led_tok.eos_token_id,
        decoder_start_token_id=led_tok.eos_token_id, **small, attention_window=[16],
        max_encoder_position_embeddings=512, max_decoder_position_embeddings=128)),
        led_tok, root / "led")
    chat_tok = _tokenizer(chat=True)
    _BUILT["llama"] = _save(tf.LlamaForCausalLM(tf.LlamaConfig(
        vocab_size=len(chat_tok), hidden_size=32, intermediate_size=64, num_hidden_layers=1,
        num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=512,
        pad_token_id=chat_tok.pad_token_id, bos_token_id=chat_tok.bos_token_id,
        eos_token_id=chat_tok.eos_token_id)), chat_tok, root / "llama")
    _BUILT["gpt2"] = _save(tf.GPT2LMHeadModel(tf.GPT2Config(
        vocab_size=len(tok), n_embd=32, n_layer=1, n_head=2, n_positions=512,
        bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id)), tok, root / "gpt2")
    _BUILT["bert"] = _save(tf.BertModel(tf.BertConfig(
        vocab_size=len(tok), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=64)), tok, root / "bert")
    return _BUILT
