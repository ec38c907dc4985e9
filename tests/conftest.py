"""Shared fixtures: the evaluation data beside the repo and tiny hand-written clusters."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.documents import Article, Cluster

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
EXAMPLE = REPO / "examples" / "harbor-bridge"
FIXTURES = Path(__file__).resolve().parent / "fixtures"  # text written for the tests

pytest_plugins = ("browser",)  # the ``browser`` fixture: Chromium for the HTML views


def require_shared(sub: str = "") -> Path:
    """Path under ../shared/data; skip with a reason when absent, fail under CI=true."""
    path = SHARED / sub
    if not path.exists():
        msg = f"{path} is absent (evaluation data lives in ../shared/data beside the repo)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg + "; it is required under CI=true")
        pytest.skip(msg)
    return path


@pytest.fixture
def shared_data():
    return require_shared()


@pytest.fixture
def tiny_cluster() -> Cluster:
    """Three invented articles on one event, with a verbatim copy and a near copy."""
    a = Article("a1", title="Flood closes Riverside school", date="2024-03-01", text=(
        "Heavy rain flooded the Riverside primary school on Monday, officials said.\n"
        "The district closed the building for at least a week while crews pump out water.\n"
        "About 400 pupils will study in the town library until repairs are complete.\n"
        "Parents praised the teachers for moving lessons so quickly."))
    b = Article("a2", title="Riverside pupils move to library", date="2024-03-02", text=(
        "About 400 pupils will study in the town library until repairs are complete.\n"
        "Heavy rain flooded the Riverside primary school on Monday, district officials said.\n"
        "The mayor said the town would pay for new flooring and desks.\n"
        "Engineers expect the repairs to cost close to two hundred thousand dollars."))
    c = Article("a3", title="Repairs begin at flooded school", date="2024-03-03", text=(
        "Crews began repairs at the flooded Riverside school on Wednesday.\n"
        "Heavy rain flooded the Riverside primary school on Monday, the officials said.\n"
        "The school hopes to reopen its doors to pupils before the spring holiday.\n"
        "Insurance will cover most of the cost of the damage, the mayor said."))
    return Cluster("riverside", [a, b, c])


@pytest.fixture(scope="session")
def method_needs(tmp_path_factory) -> dict[str, list[str]]:
    """The settings a method cannot run without beyond its name, as ``--set`` items by
    method: the trained ranker's model file (a tiny model fitted on random features).
    For the tests that run every method of the table."""
    import numpy as np

    from summarizer.learn import FEATURES, fit

    F = np.random.default_rng(0).random((200, len(FEATURES)))
    path = tmp_path_factory.mktemp("learned") / "model.json"
    fit(F, F[:, 0], FEATURES, {"trained_on": {"ids": []}}, {"max_iter": 5}).save(path)
    return {"learned": [f"rank.learned.model={path}"]}


def assert_greedy_with_floor(ctx, result, min_words: int) -> None:
    """What SumBasic and KL-Sum (a greedy with a sentence floor) must choose in ``ctx``:
    distinct eligible units within the budget, finite scores, and the budget filled as
    the floor says: no unit (with a content word) of ``min_words`` words or more left out
    that still fits; shorter ones only once every such unit is in, and then no shorter one
    left out that still fits."""
    import numpy as np

    chosen = result.indices
    assert len(set(chosen)) == len(chosen) and all(ctx.eligible[i] for i in chosen)
    assert_within_budget([ctx.units[i].text for i in chosen], ctx.budget)
    assert result.scores.shape == (len(ctx.units),) and np.isfinite(result.scores).all()
    left = [i for i in range(len(ctx.units))
            if ctx.eligible[i] and i not in chosen and ctx.tokens[i]]
    long_left = [i for i in left if ctx.lengths[i] >= min_words]
    assert not any(ctx.fits(chosen, i) for i in long_left)
    if long_left:
        assert all(ctx.lengths[i] >= min_words for i in chosen)
    else:
        assert not any(ctx.fits(chosen, i) for i in left)


def assert_within_budget(texts: list[str], budget) -> None:
    """Chosen sentence texts respect every limit a ``select.Budget`` sets (words as
    budgets count them, sentences, and bytes with one separator between sentences)."""
    from summarizer.text import word_count

    if budget.words is not None:
        assert sum(word_count(t) for t in texts) <= budget.words
    if budget.sentences is not None:
        assert len(texts) <= budget.sentences
    if budget.bytes is not None:
        assert len("\n".join(texts).encode("utf-8")) <= budget.bytes


class Sentinel:
    """A tree outside the destination a command was given (plain files, a folder that
    planted symlinks point at, a file a planted symlink names) and its snapshot taken at
    creation: ``check()`` asserts the tree is byte-identical afterwards, so a command that
    writes can be shown never to touch what is not its own."""

    def __init__(self, root: Path):
        self.root = root
        (root / "folder" / "deep").mkdir(parents=True)
        (root / "victim.txt").write_text("victim: must survive\n")
        (root / "notes.txt").write_text("keep these notes\n")
        (root / "folder" / "a.txt").write_text("a\n")
        (root / "folder" / "deep" / "b.txt").write_text("b\n")
        (root / "folder" / "scores.png").write_bytes(b"\x89PNG not ours")
        (root / "folder" / "results.json").write_text('{"not": "ours"}\n')
        (root / "secret.txt").write_text("secret outside the folder\n")
        self.before = self.snapshot()

    @property
    def folder(self) -> Path:
        """A folder to point planted symlinks at."""
        return self.root / "folder"

    @property
    def victim(self) -> Path:
        """A file to point planted symlinks at."""
        return self.root / "victim.txt"

    def snapshot(self) -> dict[str, tuple]:
        state = {}
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            for name in dirnames + filenames:
                path = Path(dirpath) / name
                rel = str(path.relative_to(self.root))
                st = path.lstat()
                if path.is_symlink():
                    state[rel] = ("link", os.readlink(path))
                elif path.is_dir():
                    state[rel] = ("dir", st.st_mode)
                else:
                    state[rel] = ("file", st.st_mode, path.read_bytes())
        return state

    def check(self) -> None:
        assert self.snapshot() == self.before, "a command changed a tree outside its destination"


@pytest.fixture
def sentinel(tmp_path) -> Sentinel:
    """A byte-checked tree outside every destination a test names (see ``Sentinel``)."""
    return Sentinel(tmp_path / "outside")


@pytest.fixture(scope="session")
def rouge_oracle(tmp_path_factory):
    """The real ROUGE-1.5.5.pl with its checked data folder (tests/rouge155_oracle.py);
    skipped where Perl or its modules are missing, a failure under CI=true."""
    from rouge155_oracle import require_oracle

    return require_oracle(tmp_path_factory.mktemp("rouge155-data"))


# ------------------------------------------------------------- worker processes (/proc)


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_parent_and_check_workers(proc, workers: list[int]) -> None:
    """SIGKILL ``proc`` and assert that its ``workers`` are gone within 10 s; whatever
    happens, kill the test's own processes (by id) that are left."""
    import signal
    import time

    try:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 10
        while any(running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(running(w) for w in workers), "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for w in workers:
            if running(w):
                os.kill(w, signal.SIGKILL)
