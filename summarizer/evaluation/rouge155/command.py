"""``ROUGE-1.5.5.pl ARGV``: the script's command line, with this package's ``--unicode``
and ``--jobs N`` (systems scored in forked processes, joined in the script's order)."""

from __future__ import annotations

import os
import sys

from ...errors import UsageError
from .bootstrap import format_metric
from .config import FORMATS, read_config, read_file_list
from .evaluate import Run, evaluate_system
from .options import getopts, options_from
from .text import CONFIG_LIMIT, read_file


USAGE = """\
usage: summarizer rouge155 [options] ROUGE-eval-config-file [systemID]

ROUGE-1.5.5.pl's options, same meaning, same output:
  -a           evaluate all systems in the config
  -b N | -l N  use the first N bytes | words of each summary
  -c CF        CF% confidence interval (default 95)
  -d           print per-evaluation scores
  -e DIR       accepted for compatibility (the data ships with summarizer)
  -f A|B       model average | best model
  -m           Porter stemmer with WordNet exceptions
  -n N         ROUGE-1 .. ROUGE-N
  -p ALPHA     weight of recall vs precision in F (default 0.5)
  -r N         bootstrap samples (default 1000)
  -s           remove stop words
  -t 0|1|2     average over units | over tokens | print raw counts
  -w W         ROUGE-W with weight W
  -2 D         ROUGE-S with maximum gap D (negative: any gap); -u adds unigrams
               (ROUGE-SU), -U prints both
  -3 MODE      Basic Element scoring (H, HM, HMR, HM1, HMR1, HMR2)
  -x           no ROUGE-L
  -z FORMAT    the config is a file list (peer model1 model2 ... per line) in SEE,
               SPL, ISI or SIMPLE
  -v, -M       accepted (-v prints nothing more)
extensions:
  --unicode    UTF-8 text, Unicode letters and digits as tokens (the script sees only
               ASCII letters and digits)
  --jobs N     score the systems in N processes (default: one per core when there are
               several systems and enough work)
"""


def _extension_flags(argv: list[str]) -> tuple[list[str], bool, int | None]:
    """``--unicode`` and ``--jobs N`` (this module's own options) taken out of argv."""
    argv = list(argv)
    unicode = "--unicode" in argv
    if unicode:
        argv.remove("--unicode")
    jobs = None
    if "--jobs" in argv:
        k = argv.index("--jobs")
        value = argv[k + 1] if k + 1 < len(argv) else ""
        if not value.isdigit() or int(value) < 1:
            raise UsageError(f"--jobs {value}: give a whole number of processes, 1 or more")
        jobs = int(value)
        del argv[k:k + 2]
    return argv, unicode, jobs


def run(argv: list[str], warn=None, read=None, auto_jobs: bool = False) -> str:
    """``ROUGE-1.5.5.pl ARGV``: what the script prints on stdout. ``warn`` receives
    each line it prints on stderr (default: printed there). Systems are scored in
    parallel processes with ``--jobs N``, or with ``auto_jobs`` (the command line's
    default) one per core when there are several systems and enough work; the output
    is joined in the script's order. Forking is the caller's choice: a process with
    other threads running (a test runner, a server) should not fork."""
    argv, unicode, jobs = _extension_flags(argv)
    opts, args = getopts(argv, warn=warn)
    if "H" in opts or "h" in opts:
        return USAGE
    if not args:
        raise UsageError("give the ROUGE config file (and a system ID, or -a); see "
                         "summarizer rouge155 -h")
    o = options_from(opts, unicode)
    file_list = o.input_format is not None
    if len(args) == 1 and not file_list and not o.all_systems:
        raise UsageError("Please specify a system ID to evaluate or use option '-a' to "
                         "evaluate all systems.")
    data = (read or read_file)(args[0], CONFIG_LIMIT)
    if file_list:
        if o.input_format.upper() not in FORMATS:
            raise UsageError(f"-z {o.input_format}: choose SEE, SPL, ISI or SIMPLE")
        systems = [args[1] if len(args) > 1 else "X"]
        evals = read_file_list(data.decode("utf-8", "surrogateescape"), o.input_format,
                               systems[0])
    else:
        evals, peer_ids = read_config(data)
        systems = sorted(peer_ids) if o.all_systems else [args[1]]
    if jobs is None:
        work = len(systems) * len(evals)
        jobs = min(len(systems), os.cpu_count() or 1, 8) if auto_jobs and work >= 200 else 1
    emit = warn or (lambda line: print(line, file=sys.stderr))
    r = Run(o, evals, file_list, warn=emit, read=read)
    if jobs > 1 and read is None:
        # The first system here fills the caches of what the models read as (their
        # tokens and n-grams, the same for every system); the workers inherit them.
        first = _system_text(r, systems[0])
        return first + "".join(_in_parallel(r, systems[1:], jobs, emit))
    return "".join(_system_text(r, system) for system in systems)


def _system_text(r: Run, system: str) -> str:
    return "".join(format_metric(scores, r.o) for scores in evaluate_system(r, system))


_JOB: dict = {}


def _in_parallel(r: Run, systems: list[str], jobs: int, emit) -> list[str]:
    """Each system's text from forked workers (they inherit ``r`` and its caches); each
    worker's stderr lines come back with its text and are written in system order."""
    import multiprocessing

    _JOB["run"] = r
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_worker_system, systems, chunksize=1)
    finally:
        _JOB.clear()
    out = []
    for text, lines in results:
        for line in lines:
            emit(line)
        out.append(text)
    return out


def _worker_system(system: str) -> tuple[str, list[str]]:
    lines: list[str] = []
    r = _JOB["run"]
    r.warn = lines.append
    return _system_text(r, system), lines
