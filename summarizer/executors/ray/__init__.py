"""The Ray executor: the same ``summarize`` and ``evaluate`` on a Ray cluster.

``summarize``: the driver lists the units of work with :func:`summarizer.ingest.
list_clusters` (each cluster file, each cluster folder of a folder of cluster folders)
without reading them; a Ray Dataset reads each unit in the workers with
:meth:`~summarizer.ingest.ClusterSource.read`, the reader the local path uses (so ids,
skipped records and their messages are the same); the driver then names every cluster's
file from all the ids read, as the local path does
(:func:`~summarizer.executors.summary_files`: a name needs every id, so reading is done
before summarizing starts), and a ``map_batches`` pool of actors, each building its
:class:`~summarizer.pipeline.Pipeline` once (a model is loaded once per actor),
summarizes the clusters and writes each summary atomically into the output folder under
that name. Only ids, statuses and messages come back to the driver. A cluster that fails
is reported by id and the others go on.

``evaluate``: the driver reads the dataset, checks the per-cluster cache and sends only
the misses to a pool of actors that summarize and score them
(:func:`summarizer.evaluation.runner.evaluate_one`); the results come back to the driver,
which caches them and aggregates exactly as a local run does.

Actors of a config that refines in process on ``cuda``/``auto``
(``refine.transformers.device``) ask Ray for one GPU each. Worker
output is not forwarded to the driver (the CLI's stdout stays clean); the warnings of
the ``summarizer`` logger raised in the workers are sent back and logged by the driver.

The modules: :mod:`.session` (joining Ray, GPUs, errors), :mod:`.dataset` (the rows, the
units listed on the driver and read in the workers), :mod:`.actors` (the pools'
actors), :mod:`.executor` (the driver). Ray itself is imported when an executor is made.
"""

from .executor import RayExecutor

__all__ = ["RayExecutor"]
