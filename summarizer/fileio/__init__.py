"""Small file helpers shared by ingest, the CLI, evaluation and experiments: reading files
we did not write (:func:`read_regular`) and writing ours without touching anything else.

Modules: :mod:`.read` (bounded reading of regular files), :mod:`.write` (exclusive and
atomic writes), :mod:`.checks` (output files and folders checked before any work),
:mod:`.names` (file names for ids), :mod:`.report` (report folders, with
:mod:`.manifest` and :mod:`.folders`), :mod:`.cache` (where assets are kept).
"""

from .cache import cache_root
from .checks import check_output_dir, check_output_file
from .manifest import MANIFEST
from .names import NAME_LIMIT, safe_name, unique_names
from .read import _MB, Unreadable, read_regular
from .report import check_report_dir, write_report_dir
from .write import atomic_write, write_new

__all__ = [
    "cache_root",
    "Unreadable",
    "read_regular",
    "_MB",
    "atomic_write",
    "write_new",
    "check_output_file",
    "check_output_dir",
    "safe_name",
    "NAME_LIMIT",
    "unique_names",
    "MANIFEST",
    "check_report_dir",
    "write_report_dir",
]
