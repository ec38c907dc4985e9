"""The Python doors: ROUGE-1.5.5 of texts (topic -> summary) and of folders of
summary files, as the script would score them in SPL format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError, UsageError
from .config import Eval
from .evaluate import MetricScores, Run, evaluate_system
from .options import Options, parse_options
from .text import FILE_LIMIT, read_file


@dataclass
class Score:
    """One metric of one system: the script's averages, interval and per-topic scores."""

    recall: float
    precision: float
    fscore: float
    interval: dict[str, tuple[float, float]]
    topics: dict[str, tuple[float, float, float]]


def score_texts(summaries: dict[str, str], references: dict[str, list[str]],
                options: str | list[str] | Options = "duc2004", system: str = "system",
                warn=None) -> dict[str, Score]:
    """ROUGE-1.5.5 of one system's summaries (topic -> text, one sentence per line)
    against the references (topic -> texts), as ``ROUGE-1.5.5.pl`` would score them in
    SPL format: metric tag (``ROUGE-1``, ``ROUGE-SU4``, ...) -> :class:`Score`, e.g.
    ``score_texts({"t1": "A cat sat."}, {"t1": ["The cat sat down."]}, "-n 1")``."""
    return score_systems({system: summaries}, references, options, warn)[system]


def score_systems(systems: dict[str, dict[str, str]], references: dict[str, list[str]],
                  options: str | list[str] | Options = "duc2004", warn=None
                  ) -> dict[str, dict[str, Score]]:
    """:func:`score_texts` of several systems (name -> topic -> text) in one run, as the
    script's ``-a`` does: the references are read and counted once for all of them."""
    o = options if isinstance(options, Options) else parse_options(options)
    files: dict[str, bytes] = {}
    evals = []
    for topic in sorted(references):
        e = Eval(topic, format="SPL")
        for name, summaries in systems.items():
            if topic in summaries:
                e.peers[name] = _add(files, summaries[topic], o)
        for k, ref in enumerate(references[topic], 1):
            e.models[str(k)] = _add(files, ref, o)
            e.model_ids.append(str(k))
        evals.append(e)
    run_ = Run(o, evals, file_list=True, warn=warn or (lambda line: None),
               read=lambda path, limit: files[path], exists=files.__contains__)
    return {name: {s.tag: _score(s, o) for s in evaluate_system(run_, name)}
            for name in systems}


def _add(files: dict[str, bytes], text: str, o: Options) -> str:
    name = f"\0{len(files)}"
    files[name] = text.encode("utf-8") if o.unicode else text.encode("utf-8", "surrogateescape")
    return name


def _score(s: MetricScores, o: Options) -> Score:
    a = s.averages
    if o.counting == 2:
        raise UsageError("-t 2 prints raw counts, not scores; use -t 0 or -t 1")
    topics = {key.rsplit(".", 1)[0] if key.endswith(f".{s.system}") else key: v
              for key, v in s.values(0).items()} if o.counting == 0 else {}
    return Score(float(a.recall), float(a.precision), float(a.fscore),
                 {m: (float(lo), float(hi)) for m, (lo, hi) in zip("RPF", a.ci)}, topics)


def topic_of(name: str) -> str:
    """The topic a summary file stands for: its name up to the first dot
    (``D30001.M.100.T.A`` and ``D30001.txt`` are both ``D30001``)."""
    return name.split(".", 1)[0]


def read_folder(folder: str | Path, unicode: bool = False) -> dict[str, list[str]]:
    """The summaries in a folder, by topic (:func:`topic_of`; a subfolder is one topic
    holding its files), sorted by file name. Only regular files are read; links out of
    the folder are not followed."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{folder}: not a folder")
    out: dict[str, list[str]] = {}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        files = ([(entry.name, f) for f in sorted(entry.iterdir())
                  if not f.name.startswith(".")] if entry.is_dir() and not entry.is_symlink()
                 else [(topic_of(entry.name), entry)])
        for topic, path in files:
            if path.is_symlink() or not path.is_file():
                continue
            data = read_file(str(path), FILE_LIMIT)
            text = data.decode("utf-8", "replace" if unicode else "surrogateescape")
            out.setdefault(topic, []).append(text)
    if not out:
        raise InputError(f"{folder}: no summary files")
    return out


def score_folders(references: str | Path, systems: list[str | Path],
                  options: str | list[str] | Options = "duc2004", warn=None
                  ) -> dict[str, dict[str, Score]]:
    """``summarizer rouge``: each system folder (one file per topic) against the
    reference folder (any number of files per topic): system name -> metric -> Score."""
    o = options if isinstance(options, Options) else parse_options(options)
    refs = read_folder(references, o.unicode)
    by_system = {}
    for folder in systems:
        peers = read_folder(folder, o.unicode)
        unknown = sorted(set(peers) - set(refs))
        if unknown:
            raise InputError(f"{folder}: topic {unknown[0]!r} has no reference in "
                             f"{references} (a file's topic is its name up to the first dot)")
        doubled = [t for t, texts in peers.items() if len(texts) > 1]
        if doubled:
            raise InputError(f"{folder}: topic {doubled[0]!r} has {len(peers[doubled[0]])} "
                             f"summaries; a system has one per topic")
        by_system[Path(folder).name or str(folder)] = {t: v[0] for t, v in peers.items()}
    return score_systems(by_system, refs, o, warn)
