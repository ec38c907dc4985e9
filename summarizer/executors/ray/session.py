"""Joining Ray, and what the driver asks of the cluster: GPUs per actor, and the
SummarizerError behind a Ray error."""

from __future__ import annotations

import logging
import os

from ...errors import SummarizerError, UsageError

log = logging.getLogger("summarizer")


def import_ray():
    """The ``ray`` module (with Ray Data), or :class:`~summarizer.extras.MissingExtra`
    naming the extra in one line."""
    from ...extras import EXTRAS, MissingExtra, _installed

    missing = [m for m in EXTRAS["ray"] if not _installed(m)]
    if missing:
        raise MissingExtra(f"--executor ray needs the 'ray' extra ({', '.join(missing)} not "
                           "installed): pip install 'summarizer[ray]'")
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    import warnings

    warnings.filterwarnings("ignore", message="The minimum number of concurrent actors")
    import ray
    import ray.data  # noqa: F401

    return ray


def connect(address: str | None = None):
    """Join the Ray cluster at ``address`` (``auto``, ``ray://host:10001``), or start a
    local one when it is None (and ``RAY_ADDRESS`` is unset); an already initialized
    session (``ray.init`` called by the caller) is used as it is."""
    ray = import_ray()
    quiet = not log.isEnabledFor(logging.INFO)
    if not ray.is_initialized():
        kwargs = dict(log_to_driver=False, logging_level=logging.ERROR if quiet else logging.INFO)
        if address:
            kwargs["address"] = address
        elif not os.environ.get("RAY_ADDRESS"):
            kwargs["include_dashboard"] = False
        if address and address.startswith("ray://"):
            kwargs.pop("log_to_driver")
        try:
            ray.init(**kwargs)
        except (ConnectionError, ValueError, RuntimeError) as e:
            where = address or os.environ.get("RAY_ADDRESS") or "a local cluster"
            raise UsageError(f"cannot start or join Ray at {where}: "
                             f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False  # the driver shows its own
    ctx.print_on_execution_start = False
    ctx.enable_auto_log_stats = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR if quiet else logging.INFO)
    return ray


def gpus_per_actor(ray, configs) -> int:
    """GPUs per actor: 1 for a config that refines in process on cuda (or auto, when
    the cluster has GPUs), else 0."""
    devices = [c.refine.transformers.device for c in configs
               if c.refine.enabled and c.refine.backend == "transformers"]
    wants = [d for d in devices if d == "auto" or d.startswith("cuda")]
    if not wants:
        return 0
    if ray.cluster_resources().get("GPU", 0) >= 1:
        return 1
    if any(d.startswith("cuda") for d in wants):
        raise UsageError(f"refine.transformers.device={wants[0]} but the Ray cluster "
                         "has no GPUs")
    return 0


def unwrap(error: BaseException) -> SummarizerError | None:
    """The SummarizerError behind a Ray error (an actor that could not build its
    pipeline: a missing model, a missing extra on the workers)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, SummarizerError):
            return error
        error = getattr(error, "cause", None) or error.__cause__
    return None
