"""Errors a user can cause. Each carries the exit status the CLI returns for it, so the
CLI prints one clear line instead of a stack trace."""


class SummarizerError(Exception):
    """Base class: a problem with the user's input, config or environment."""

    exit_code = 1
    # A failure a later run may not have (a server that was down): never cached as a result.
    transient = False


class UsageError(SummarizerError):
    """Bad arguments or config (exit status 2)."""

    exit_code = 2


class ConfigError(UsageError):
    """A config key, value or file that cannot be used."""


class InputError(UsageError):
    """Nothing readable to summarize: empty folder, unreadable file, unknown format."""


class ModelUnavailable(SummarizerError):
    """A model that cannot be loaded (missing directory, hub id while offline, wrong kind)."""

    exit_code = 2


class ServerUnavailable(SummarizerError):
    """The refine server cannot be reached, refuses the API key, or does not serve the
    model: found before any work (exit status 2)."""

    exit_code = 2


class ServerError(SummarizerError):
    """A request to the refine server failed after its retries (429, 5xx, a lost
    connection, a timeout): it costs its own cluster only, and nothing is cached for it,
    so a re-run retries it."""

    transient = True


class ServerRejected(SummarizerError):
    """The refine server refused this cluster's request for good (a 4xx other than 429,
    an answer without text, a prompt still too long): asking again would not help, so an
    evaluation scores the cluster zero with the reason, as for any failed summary."""
