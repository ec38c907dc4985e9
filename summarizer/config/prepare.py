"""The sections of the first half (Pipeline.prepare): how files become articles, and
articles clean, deduplicated sentences."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .bounds import Amount, Count, Seed, Share, _Strict


class IngestConfig(_Strict):
    """How files become articles."""

    extensions: list[str] = [".txt", ".md", ".html", ".htm", ".json", ".jsonl"]
    # Above 4 GB is no news text; stdin is read with a buffer of this size.
    max_file_mb: float = Field(50.0, gt=0, le=4096)
    min_text_ratio: Share = 0.9  # share of printable characters below which a file is binary


class CleanConfig(_Strict):
    """Boilerplate removal by general rules (see clean.py)."""

    enabled: bool = True
    min_article_words: Amount = 20
    max_caption_words: Amount = 40


class SplitConfig(_Strict):
    """Sentence splitting with offline Punkt."""

    method: str = "punkt"
    train_on_cluster: bool = False
    extra_abbreviations: list[str] = []
    include_titles: bool = False
    # A "sentence" longer than this (text without punctuation) is cut at clause marks,
    # then into word windows, so no piece is longer; 80 = select.max_words, the longest
    # unit selection takes. None: never cut.
    max_words: Optional[Count] = 80


class DedupConfig(_Strict):
    """Collapse exact, near-duplicate and (optionally) paraphrase copies across articles."""

    enabled: bool = True
    near: bool = True
    # Character 4-grams at 0.45 catch rewritten copies (a clause swapped, "Beijing" for
    # "China") that word 3-grams miss, while distinct sentences stay far below it.
    # Similarities are >= 0, so a threshold of 0 would call every pair a duplicate.
    threshold: float = Field(0.45, gt=0, le=1)
    shingle: Literal["word", "char"] = "char"
    # Each shingle position is a pass over the text; past 64 characters or words a
    # shingle is a whole sentence.
    shingle_size: int = Field(4, ge=1, le=64)
    method: Literal["auto", "jaccard", "minhash"] = "auto"
    minhash_above: Amount = 3000
    # The LSH banding search grows as n log n in it (4 s per cluster at 4096); 128
    # already estimates a Jaccard to +-0.044.
    num_perm: int = Field(128, ge=1, le=1024)
    paraphrase: bool = False
    paraphrase_threshold: float = Field(0.9, gt=0, le=1)
    seed: Seed = 1


class ParallelConfig(_Strict):
    """Clean and split one very large cluster in worker processes (parallel.py); the
    output is the same as in one process. Clusters under ``above_chars`` characters of
    text stay in one process; ``workers`` None means one per CPU, 1 turns it off."""

    workers: Optional[Count] = None
    above_chars: Amount = 4_000_000
