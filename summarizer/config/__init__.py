"""One typed config for every stage, loaded from YAML and overridable from the CLI.

``load_config("configs/duc.yaml", ["rank.method=textrank"])`` returns a validated
:class:`Config`. Files may ``extends:`` another file (path relative to the extending file;
so is a model file a config names, ``FILE_KEYS``).
Every override goes one way, :func:`apply_overrides`: ``--set`` and the CLI's flags, the
API's keyword arguments (:meth:`Config.with_overrides`) and a sweep's grid points.
Unknown keys and wrong types raise :class:`ConfigError` with a message that names the key,
the value and what was expected; every field has a default, so an empty file is valid.

Every number has a domain (finite, and a range taken from how the code uses it), and YAML
is read within bounds (:func:`load_yaml`): a config is data from anyone, so a value out of
range, a huge file or an alias bomb is one short error line, never a hang or a traceback.

The package is a leaf (a plain ``Config()`` imports no stage and no numpy):
``bounds`` (the domains and the sections' base), ``prepare``, ``scoring``, ``selection``,
``refinement``, ``output`` (the sections), ``root`` (:class:`Config` and the checks across
sections), ``keys`` (known and moved keys, the one-line messages), ``bounded_yaml``,
``load`` (files, overrides, validation), ``messages`` (values quoted short).
"""

from __future__ import annotations

from .bounded_yaml import (MAX_NUMBER_CHARS, MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_VALUES,
                           load_yaml, read_yaml)
from .bounds import (MAX_COUNT, MAX_WEIGHT, RESAMPLES, SEEDS, Amount, Count, Damping, Seed,
                     Share, Weight, check_int)
from .keys import MOVED_KEYS
from .load import (MAX_EXTENDS, Overrides, apply_overrides, build_config, config_file,
                   load_config, parse_override)
from .messages import excerpt, first_error
from .output import EvaluateConfig, OutputConfig
from .prepare import CleanConfig, DedupConfig, IngestConfig, ParallelConfig, SplitConfig
from .refinement import OpenAIRefineConfig, RefineConfig, TransformersRefineConfig
from .root import Config
from .scoring import (CentroidConfig, DppConfig, EmbeddingsConfig, IlpConfig, KLSumConfig,
                      LearnedConfig, LexRankConfig, PriorsConfig, QueryConfig, RankConfig,
                      SimilarityConfig, SubmodularConfig, SumBasicConfig, TextRankConfig,
                      TfidfConfig)
from .selection import MmrConfig, SelectConfig

__all__ = [
    "Config", "load_config", "build_config", "apply_overrides", "parse_override", "Overrides",
    "config_file", "load_yaml", "read_yaml", "excerpt", "first_error", "check_int",
    "MOVED_KEYS", "MAX_COUNT", "MAX_WEIGHT", "MAX_EXTENDS", "MAX_NUMBER_CHARS",
    "MAX_YAML_BYTES", "MAX_YAML_DEPTH", "MAX_YAML_VALUES", "RESAMPLES", "SEEDS",
    "Amount", "Count", "Damping", "Seed", "Share", "Weight",
    "IngestConfig", "CleanConfig", "SplitConfig", "DedupConfig", "ParallelConfig",
    "SimilarityConfig", "TfidfConfig", "EmbeddingsConfig", "RankConfig", "PriorsConfig",
    "LexRankConfig", "TextRankConfig", "CentroidConfig", "SumBasicConfig", "KLSumConfig",
    "SubmodularConfig", "IlpConfig", "DppConfig", "LearnedConfig", "QueryConfig",
    "SelectConfig", "MmrConfig",
    "RefineConfig", "OpenAIRefineConfig", "TransformersRefineConfig", "EvaluateConfig",
    "OutputConfig",
]
