"""The whole :class:`Config`, a section per stage, and the checks that read more than one
section: every name against its table (in one place), and settings that would be ignored."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import TYPE_CHECKING

from pydantic import field_validator, model_validator

from ..errors import ConfigError
from .bounds import _changed, _Strict
from .messages import excerpt
from .output import EvaluateConfig, OutputConfig
from .prepare import CleanConfig, DedupConfig, IngestConfig, ParallelConfig, SplitConfig
from .refinement import RefineConfig
from .scoring import QueryConfig, RankConfig, SimilarityConfig
from .selection import MmrConfig, SelectConfig

if TYPE_CHECKING:
    from .load import Overrides


@functools.cache
def _warn_once(line: str) -> None:
    """``line`` in the ``summarizer`` log once per process: a config is validated again
    each time it is copied with overrides."""
    import logging

    logging.getLogger("summarizer").warning(line)


class Config(_Strict):
    """The whole pipeline. ``Config()`` is the default system."""

    # ISO 639-1 code or English name; ``auto`` takes the language a cluster declares, else
    # detects it (see language.py). Every stage reads it.
    language: str = "auto"
    ingest: IngestConfig = IngestConfig()
    clean: CleanConfig = CleanConfig()
    split: SplitConfig = SplitConfig()
    dedup: DedupConfig = DedupConfig()
    similarity: SimilarityConfig = SimilarityConfig()
    rank: RankConfig = RankConfig()
    select: SelectConfig = SelectConfig()
    query: QueryConfig = QueryConfig()
    refine: RefineConfig = RefineConfig()
    evaluate: EvaluateConfig = EvaluateConfig()
    parallel: ParallelConfig = ParallelConfig()
    output: OutputConfig = OutputConfig()

    @model_validator(mode="after")
    def _known_names(self) -> "Config":
        """Every method name against its table, in one place. The tables name their
        implementations without importing them, so a config imports no stage."""
        from ..rank import METHODS
        from ..tables import REFINE_BACKENDS, ROUGE_TOKENIZERS, SELECTORS, SPLITTERS
        from ..tables import SIMILARITY as BACKENDS

        for key, value, table in (("split.method", self.split.method, SPLITTERS),
                                  ("similarity.backend", self.similarity.backend, BACKENDS),
                                  ("rank.method", self.rank.method, METHODS),
                                  ("select.method", self.select.method, SELECTORS),
                                  ("refine.backend", self.refine.backend, REFINE_BACKENDS),
                                  ("evaluate.tokenizer", self.evaluate.tokenizer,
                                   ROUGE_TOKENIZERS)):
            if value not in table:
                raise ValueError(f"config key {key}: unknown {table.kind} {excerpt(value)}; known: "
                                 f"{', '.join(table.names())}")
        return self

    @model_validator(mode="after")
    def _mmr_read(self) -> "Config":
        """``select.mmr`` is read only when a scorer's scores go through MMR; a setting of
        it that would be ignored is named in one warning line, not refused, since a sweep
        may vary rank.method or select.method over a config that sets it."""
        from ..rank import METHODS

        changed = _changed(self.select.mmr)
        if not changed or self.rank.method not in METHODS:
            return self
        if self.select.method != "mmr":
            why = f"select.method is {self.select.method}"
        elif METHODS.entry(self.rank.method).tag != "scorer":
            why = f"rank.method {self.rank.method} chooses the summary itself"
        else:
            return self
        key = MmrConfig.model_fields[changed[0]].alias or changed[0]
        value = getattr(self.select.mmr, changed[0])
        _warn_once(f"select.mmr.{key}={value} is set but not used: {why}")
        return self

    @field_validator("language", mode="before")
    @classmethod
    def _not_a_yaml_boolean(cls, v):
        if isinstance(v, bool):  # YAML 1.1 reads a bare no/off/yes/on as a boolean
            raise ValueError(f"{str(v).lower()} is a YAML boolean, not a language: write "
                             "a code in quotes (language: 'no' is Norwegian)")
        return v

    @field_validator("language")
    @classmethod
    def _known_language(cls, v: str) -> str:
        from ..language import check_language

        try:
            return check_language(v)
        except ConfigError as e:
            raise ValueError(str(e)) from None

    def shown(self) -> dict:
        """The resolved config as it is shown and recorded (``config show``, JSON output):
        a password in ``refine.openai.base_url`` (``http://user:key@host``) is a key, so it
        is hidden."""
        from ..refine.client import redact_url  # stdlib only: the config stays a leaf

        data = self.model_dump(mode="json")
        server = data["refine"]["openai"]
        server["base_url"] = redact_url(server["base_url"])
        return data

    def hash(self) -> str:
        """A short stable hash of the resolved config (cache keys, run records)."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def with_overrides(self, overrides: "Overrides") -> "Config":
        """This config with ``overrides`` applied and validated again, by the same code
        and with the same one-line errors as ``--set`` (:func:`apply_overrides`)."""
        from .load import apply_overrides, build_config  # load builds on this module

        return build_config(apply_overrides(self.model_dump(mode="json"), overrides))
